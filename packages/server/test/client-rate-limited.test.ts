import { createClient, type RelaydeskClient } from "@relaydesk/client";
import type { Ack, Message } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, expect, it } from "vitest";
import WebSocket from "ws";
import { APP_ID, delay, type Harness, ORIGIN, startHarness } from "./relay-harness.ts";

/**
 * The client against a real relay that rate-limits it: a refused message stays in the outbox
 * (pending, never failed), is resent under its clientMsgId after the relay's `retryAfterMs`, and
 * every message is stored once and in the order it was written.
 */

class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}

let harness: Harness;
const clients: RelaydeskClient[] = [];
beforeEach(async () => {
  // A burst of 10, then one every 100 ms.
  harness = await startHarness({ limits: { messagesPerVisitor: { count: 10, windowMs: 1_000 } } });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness.stop();
});

function visitorClient(): RelaydeskClient {
  const client = createClient({
    url: harness.relay.url,
    auth: { role: "visitor", appId: APP_ID },
    WebSocket: PageWebSocket,
    reconnectInitialDelayMs: 20,
    reconnectMaxDelayMs: 200,
    requestTimeoutMs: 5_000,
  });
  clients.push(client);
  return client;
}

function agentClient(agentToken: string): RelaydeskClient {
  const client = createClient({ url: harness.relay.url, auth: { role: "agent", agentToken }, WebSocket });
  clients.push(client);
  return client;
}

it("delivers a burst of 30 past a limit of 10 exactly once and in order, failing none", async () => {
  const { token } = await harness.addAgent("Ada");
  const agent = agentClient(token);
  const seen: Message[] = [];
  agent.on("message", (m) => seen.push(m));
  const visitor = visitorClient();
  const failed: unknown[] = [];
  visitor.on("send-failed", (f) => failed.push(f));
  const conversation = await visitor.startConversation();

  const started = Date.now();
  const bodies = Array.from({ length: 30 }, (_, i) => `message ${i + 1}`);
  const sends = bodies.map((body) => visitor.sendMessage(conversation.id, body));
  // The relay refuses past the 10th; the refused ones stay pending rather than failing.
  await delay(300);
  expect(visitor.pending().length).toBeGreaterThan(10);
  expect(visitor.pending().map((p) => p.body)).toEqual(bodies.slice(30 - visitor.pending().length));

  const acks: Ack[] = await Promise.all(sends);
  // 20 past the burst at 10 a second: the relay really held the client back.
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  expect(acks.map((a) => a.seq)).toEqual(bodies.map((_, i) => i + 1));
  expect(acks.every((a) => !a.duplicate)).toBe(true);
  expect(failed).toEqual([]);
  expect(visitor.pending()).toEqual([]);

  const stored = await harness.storage.listMessages(conversation.id, 0, 100);
  expect(stored.map((m) => m.body)).toEqual(bodies);
  const deadline = Date.now() + 5_000;
  while (seen.length < 30 && Date.now() < deadline) await delay(20);
  expect(seen.map((m) => m.body)).toEqual(bodies);
});

it("keeps messages written while it waits behind the limit in the order they were written", async () => {
  const visitor = visitorClient();
  const conversation = await visitor.startConversation();
  const bodies: string[] = [];
  const sends: Promise<Ack>[] = [];
  const write = (body: string) => {
    bodies.push(body);
    sends.push(visitor.sendMessage(conversation.id, body));
  };
  for (let i = 1; i <= 15; i++) write(`burst ${i}`);
  // Typed one by one while the first refused message is waiting for its turn.
  for (let i = 1; i <= 8; i++) {
    await delay(40);
    write(`typed ${i}`);
  }
  await Promise.all(sends);
  const stored = await harness.storage.listMessages(conversation.id, 0, 100);
  expect(stored.map((m) => m.body)).toEqual(bodies);
});
