// The relay under test, in its own process so the load generator does not share its event loop.
// Prints one JSON line `{ url, agentTokens }` once listening; SIGTERM closes it cleanly.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashToken, newToken } from "../src/auth/tokens.ts";
import { createMemoryBus } from "../src/bus/memory-bus.ts";
import { newId } from "../src/ids.ts";
import { createSilentLogger } from "../src/logger.ts";
import { createRelay } from "../src/relay/create-relay.ts";
import { createSqliteStorage } from "../src/storage/sqlite-storage.ts";

const agents = Number(process.argv[2] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "relaydesk-bench-"));
const storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite") });
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
    createdAt: Date.now(),
  });
  agentTokens.push(token);
}
const relay = await createRelay({ storage, bus, port: 0, logger: createSilentLogger() });
process.stdout.write(`${JSON.stringify({ url: relay.url, agentTokens })}\n`);

process.once("SIGTERM", async () => {
  await relay.close();
  await bus.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
