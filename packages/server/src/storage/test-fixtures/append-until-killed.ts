// Child process of the SIGKILL durability test in `../sqlite-storage.test.ts`: appends messages
// to an existing conversation one after another and prints each seq once its append resolved,
// which is the moment the relay would acknowledge the message to its sender.
import { createSqliteStorage } from "../sqlite-storage.ts";

const [path, conversationId, count] = process.argv.slice(2);
if (!path || !conversationId || !count)
  throw new Error("usage: append-until-killed <db> <conversationId> <count>");

const storage = createSqliteStorage({ path });
for (let n = 1; n <= Number(count); n++) {
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
await storage.close();
