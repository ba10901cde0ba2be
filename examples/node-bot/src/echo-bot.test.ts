import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type RelaydeskClient } from "@relaydesk/client";
import type { Message } from "@relaydesk/sdk-types";
import { createMemoryBus, createRelay, createSqliteStorage, hashToken, type Relay } from "@relaydesk/server";
import { afterEach, beforeEach, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startEchoBot } from "./echo-bot.ts";

let dir: string;
let relay: Relay;
const clients: RelaydeskClient[] = [];
let stopStorage: () => Promise<void>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "relaydesk-bot-"));
  const storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite") });
  const bus = createMemoryBus();
  await storage.putApp({ appId: "acme", name: "Acme", allowedOrigins: ["http://acme.test"], createdAt: 1 });
  relay = await createRelay({ storage, bus, port: 0 });
  stopStorage = async () => {
    await bus.close();
    await storage.close();
  };
  await storage.createAgent({
    id: "agt_bot",
    name: "Echo Bot",
    tokenHash: hashToken("rda_bot"),
    role: "agent",
    appIds: ["acme"],
    createdAt: 1,
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await relay.close();
  await stopStorage();
  rmSync(dir, { recursive: true, force: true });
});

/** A visitor as the widget would be, from an allowed origin (Node's WebSocket sends no Origin). */
class AcmePageSocket extends WebSocket {
  constructor(url: string) {
    super(url, { headers: { Origin: "http://acme.test" } });
  }
}

it("answers each new visitor message once, in the conversation routed to it", async () => {
  const bot = startEchoBot({ url: relay.url, agentToken: "rda_bot", WebSocket });
  clients.push(bot);
  await new Promise((resolve) => bot.on("welcome", resolve));

  const visitor = createClient({
    url: relay.url,
    auth: { role: "visitor", appId: "acme" },
    WebSocket: AcmePageSocket,
  });
  clients.push(visitor);
  const seen: Message[] = [];
  visitor.on("message", (message) => seen.push(message));
  const conversation = await visitor.startConversation();
  await visitor.sendMessage(conversation.id, "where are my invoices?");
  await visitor.sendMessage(conversation.id, "hello?");

  await expect
    .poll(() => seen.map((m) => `${m.author.kind}: ${m.body}`), { timeout: 5000 })
    .toEqual([
      "visitor: where are my invoices?",
      "visitor: hello?",
      "agent: You said: where are my invoices?",
      "agent: You said: hello?",
    ]);
  expect(seen.filter((m) => m.author.kind === "agent").every((m) => m.author.name === "Echo Bot")).toBe(true);
});
