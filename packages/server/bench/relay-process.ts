// The relay under test, in its own process so the load generator does not share its event loop.
// Prints one JSON line `{ url, agentTokens }` once listening; SIGTERM closes it cleanly.
// RELAY_CPU_PROF=<file.cpuprofile> records a CPU profile of this process from listening to SIGTERM
// (open it in Chrome DevTools or speedscope); `node --cpu-prof` cannot reach it through tsx.
// RELAY_GROUP_COMMIT_WINDOW=immediate|microtask picks the storage's group-commit window.
// RELAY_WAL_FLUSH=commit|background picks where appends flush the WAL (see `SqliteStorageOptions`).
// RELAY_CPU_USAGE=1 prints the CPU time the relay used from listening to SIGTERM (stderr).
// A line `mem` on stdin answers with `{ heapUsed, rss }` after a full GC (run with --expose-gc); a
// line `cpu` with `{ user, system }`, the CPU microseconds this process used since it started.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { hashToken, newToken } from "../src/auth/tokens.ts";
import { createMemoryBus } from "../src/bus/memory-bus.ts";
import { newId } from "../src/ids.ts";
import { createSilentLogger } from "../src/logger.ts";
import { createRelay } from "../src/relay/create-relay.ts";
import type { GroupCommitWindow } from "../src/storage/group-commit.ts";
import { createSqliteStorage } from "../src/storage/sqlite-storage.ts";

const agents = Number(process.argv[2] ?? 10);
const window = process.env.RELAY_GROUP_COMMIT_WINDOW as GroupCommitWindow | undefined;
const walFlush = process.env.RELAY_WAL_FLUSH as "commit" | "background" | undefined;
const dir = mkdtempSync(join(tmpdir(), "relaydesk-bench-"));
const storage = createSqliteStorage({
  path: join(dir, "relaydesk.sqlite"),
  ...(window ? { groupCommitWindow: window } : {}),
  ...(walFlush ? { walFlush } : {}),
});
const bus = createMemoryBus();
await storage.putApp({
  appId: "bench",
  name: "Bench",
  allowedOrigins: ["http://bench.test"],
  createdAt: Date.now(),
});
const agentTokens: string[] = [];
for (let i = 0; i < agents; i++) {
  const token = newToken("rda");
  await storage.createAgent({
    id: newId("agt"),
    name: `Agent ${i}`,
    tokenHash: hashToken(token),
    role: "agent",
    appIds: ["bench"],
    createdAt: Date.now(),
  });
  agentTokens.push(token);
}
// The load generator's hundreds of sockets all come from 127.0.0.1 and send as fast as they can: the
// abuse limits would measure themselves, not the relay. Their cost per frame (a few token-bucket
// updates) is still paid.
const unlimited = { count: 1_000_000_000, windowMs: 1_000 };
const relay = await createRelay({
  storage,
  bus,
  port: 0,
  logger: createSilentLogger(),
  limits: {
    framesPerConnection: unlimited,
    messagesPerConnection: unlimited,
    typingPerConnection: unlimited,
    messagesPerVisitor: unlimited,
    conversationsPerIp: unlimited,
    connectionsPerIp: 1_000_000,
  },
});
const profileFile = process.env.RELAY_CPU_PROF;
const profiler = profileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
const atListen = process.cpuUsage();
process.stdout.write(`${JSON.stringify({ url: relay.url, agentTokens })}\n`);

createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "cpu") {
    process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
    return;
  }
  if (line !== "mem") return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ heapUsed, rss, gc: gc !== undefined })}\n`);
});

process.once("SIGTERM", async () => {
  if (process.env.RELAY_CPU_USAGE) {
    const { user, system } = process.cpuUsage(atListen);
    process.stderr.write(
      `relay cpu user ${Math.round(user / 1e3)} ms system ${Math.round(system / 1e3)} ms\n`,
    );
  }
  if (profiler && profileFile) {
    const { profile } = await profiler.post("Profiler.stop");
    writeFileSync(profileFile, JSON.stringify(profile));
  }
  await relay.close();
  await bus.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
