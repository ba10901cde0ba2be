// Child process of the SIGKILL durability tests in `../sqlite-storage.test.ts`: appends messages
// to an existing conversation and prints each seq once its append resolved, which is the moment
// the relay would acknowledge the message to its sender. With `inFlight` > 1 that many appends
// are outstanding at once, so they are committed in shared batches (group commit); `walFlush`
// picks where their WAL is flushed (see `SqliteStorageOptions`).
import { createSqliteStorage } from "../sqlite-storage.ts";

const [path, target, count, inFlight = "1", walFlush = "commit"] = process.argv.slice(2);
if (!path || !target || !count || (walFlush !== "commit" && walFlush !== "background"))
  throw new Error("usage: append-until-killed <db> <conversationId> <count> [inFlight] [commit|background]");
const conversationId = target;

const storage = createSqliteStorage({ path, walFlush });
let next = 1;
async function appendInTurn(): Promise<void> {
  while (next <= Number(count)) {
    const n = next++;
    const { message } = await storage.appendMessage({
      id: `msg_child_${n}`,
      conversationId,
      clientMsgId: `child-${n}`,
      author: { kind: "visitor", id: "vis_1" },
      kind: "text",
      body: `message ${n}`,
      createdAt: Date.now(),
    });
    process.stdout.write(`${message.seq}\n`);
  }
}
await Promise.all(Array.from({ length: Number(inFlight) }, appendInTurn));
await storage.close();
