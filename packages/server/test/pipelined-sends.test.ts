import { createClient, type RelaydeskClient } from "@relaydesk/client";
import type { ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, expect, it } from "vitest";
import WebSocket from "ws";
import {
  APP_ID,
  connectVisitor,
  type Harness,
  ORIGIN,
  startConversation,
  startHarness,
} from "./relay-harness.ts";

let harness: Harness;
const clients: RelaydeskClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness.stop();
});

class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}

/**
 * More requests in flight than `maxPendingRequests` used to be answered `rate-limited`; the client
 * resent those after a jittered backoff, behind the later ones, and a long outbox flushed after a
 * reconnect was stored shuffled. The relay now stops reading the socket instead until its queue
 * drains, so every request is handled, in the order it was sent.
 */
it("handles more pipelined sends than maxPendingRequests in order, refusing none", async () => {
  harness = await startHarness({ maxPendingRequests: 8 });
  const visitor = await connectVisitor(harness);
  const conversationId = await startConversation(visitor);
  const COUNT = 200;
  // All in one go, without waiting for replies, as a client flushing its outbox does.
  for (let i = 0; i < COUNT; i++) {
    visitor.send({ type: "send-message", id: `s${i}`, conversationId, clientMsgId: `c${i}`, body: `${i}` });
  }

  await visitor.waitFor((f) => "replyTo" in f && f.replyTo === `s${COUNT - 1}`);
  const answered = visitor.frames.filter(
    (f): f is Extract<ServerFrame, { replyTo: string }> => "replyTo" in f && !!f.replyTo?.startsWith("s"),
  );
  expect(answered.filter((f) => f.type !== "ack")).toEqual([]);
  expect(answered.map((f) => (f.type === "ack" ? [f.clientMsgId, f.seq] : null))).toEqual(
    Array.from({ length: COUNT }, (_, i) => [`c${i}`, i + 1]),
  );
});

it("stores an outbox of 100 messages flushed at once after a reconnect in the order they were written", async () => {
  harness = await startHarness();
  const visitor = createClient({
    url: harness.relay.url,
    auth: { role: "visitor", appId: APP_ID },
    WebSocket: PageWebSocket,
  });
  clients.push(visitor);
  const { id } = await visitor.startConversation();
  visitor.close();
  // Written while offline; `connect` sends all of them right after `welcome`.
  const acks = Array.from({ length: 100 }, (_, i) => visitor.sendMessage(id, `line ${i}`));
  visitor.connect();
  const seqs = (await Promise.all(acks)).map((ack) => ack.seq);
  expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
});
