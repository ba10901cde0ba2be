import { CODES, type ErrorFrame, type ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import type { RateLimitOptions } from "../src/limits/rate-limits.ts";
import { createRelay } from "../src/relay/create-relay.ts";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  ORIGIN,
  openSocket,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

/**
 * Every limit over real sockets: it trips at exactly its count, answers `rate-limited` with a
 * plausible `retryAfterMs` (or closes 4011), leaves everyone else alone, and lets the client through
 * again once the wait is over. Windows are a second or two so the whole file runs in seconds; the
 * other limits are left at the harness's generous values so each test sees only its own.
 */

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function relayWith(limits: RateLimitOptions, trustProxy?: string[]): Promise<Harness> {
  harness = await startHarness({ limits, ...(trustProxy ? { trustProxy } : {}) });
  return harness;
}

/** A visitor socket through hello, as if its page were behind a proxy that added `forwardedFor`. */
async function visitorFrom(
  h: Harness,
  forwardedFor?: string,
  visitorToken?: string,
): Promise<TestSocket & { visitorToken: string; visitorId: string }> {
  const socket = await openSocket(`${h.wsUrl}?appId=${APP_ID}`, {
    origin: ORIGIN,
    ...(forwardedFor ? { headers: { "X-Forwarded-For": forwardedFor } } : {}),
  });
  socket.send({
    type: "hello",
    protocol: 1,
    role: "visitor",
    appId: APP_ID,
    ...(visitorToken ? { visitorToken } : {}),
  });
  const welcome = await socket.next("welcome");
  await socket.next("sync-complete");
  return Object.assign(socket, {
    visitorToken: welcome.visitorToken ?? visitorToken ?? "",
    visitorId: welcome.self.id,
  });
}

function send(socket: TestSocket, conversationId: string, clientMsgId: string): Promise<ServerFrame> {
  return request(socket, { type: "send-message", conversationId, clientMsgId, body: clientMsgId });
}

function expectRateLimited(frame: ServerFrame, maxWaitMs: number): ErrorFrame {
  expect(frame).toMatchObject({ type: "error", code: "rate-limited", retry: true });
  const error = frame as ErrorFrame;
  expect(error.retryAfterMs).toBeGreaterThan(0);
  expect(error.retryAfterMs).toBeLessThanOrEqual(maxWaitMs);
  return error;
}

/** Open a socket and report how the relay ended it, or "open" if it kept it past `ms`. */
async function fate(socket: TestSocket, ms = 300): Promise<{ code: number; reason: string } | "open"> {
  return Promise.race([socket.closed, delay(ms).then(() => "open" as const)]);
}

describe("messages per visitor", () => {
  it("refuses the one past the budget over all the visitor's sockets, stores nothing, then takes it", async () => {
    // 5 at once, then one every 400 ms.
    const h = await relayWith({ messagesPerVisitor: { count: 5, windowMs: 2_000 } });
    const visitor = await visitorFrom(h);
    const secondTab = await visitorFrom(h, undefined, visitor.visitorToken);
    const bystander = await connectVisitor(h);
    const conversationId = await startConversation(visitor);
    const theirs = await startConversation(bystander);

    for (let i = 1; i <= 3; i++)
      expect(await send(visitor, conversationId, `m${i}`)).toMatchObject({ type: "ack" });
    for (let i = 4; i <= 5; i++)
      expect(await send(secondTab, conversationId, `m${i}`)).toMatchObject({ type: "ack" });
    const refused = expectRateLimited(await send(visitor, conversationId, "m6"), 400);
    expectRateLimited(await send(secondTab, conversationId, "t6"), 400);
    expect((await h.storage.listMessages(conversationId, 0, 100)).map((m) => m.clientMsgId)).toEqual([
      "m1",
      "m2",
      "m3",
      "m4",
      "m5",
    ]);

    // Someone else keeps chatting, and the refused socket stays open.
    for (let i = 1; i <= 5; i++)
      expect(await send(bystander, theirs, `b${i}`)).toMatchObject({ type: "ack" });
    expect(visitor.ws.readyState).toBe(visitor.ws.OPEN);

    await delay(refused.retryAfterMs! + 20);
    expect(await send(visitor, conversationId, "m6")).toMatchObject({
      type: "ack",
      seq: 6,
      duplicate: false,
    });
  });

  it("keeps a refused message ahead of later ones from the same socket", async () => {
    const h = await relayWith({ messagesPerVisitor: { count: 2, windowMs: 1_000 } });
    const visitor = await visitorFrom(h);
    const conversationId = await startConversation(visitor);
    await send(visitor, conversationId, "m1");
    await send(visitor, conversationId, "m2");
    const refused = expectRateLimited(await send(visitor, conversationId, "m3"), 500);
    await delay(refused.retryAfterMs! + 20);
    // A token is back, but m3 was refused first: m4 may not take it.
    expectRateLimited(await send(visitor, conversationId, "m4"), 1_000);
    expect(await send(visitor, conversationId, "m3")).toMatchObject({ type: "ack", seq: 3 });
  });
});

describe("messages per connection", () => {
  it("holds each agent socket to its own budget", async () => {
    const h = await relayWith({ messagesPerConnection: { count: 3, windowMs: 1_500 } });
    const { token } = await h.addAgent("Ada");
    const agent = await connectAgent(h, token);
    const otherSocket = await connectAgent(h, token);
    const visitor = await connectVisitor(h);
    const conversationId = await startConversation(visitor);

    for (let i = 1; i <= 3; i++)
      expect(await send(agent, conversationId, `a${i}`)).toMatchObject({ type: "ack" });
    expectRateLimited(await send(agent, conversationId, "a4"), 500);
    expect(await send(otherSocket, conversationId, "o1")).toMatchObject({ type: "ack", seq: 4 });
    expect(await send(visitor, conversationId, "v1")).toMatchObject({ type: "ack", seq: 5 });
  });
});

describe("frames per connection", () => {
  it("answers requests past the budget, drops the rest silently, and recovers", async () => {
    const h = await relayWith({ framesPerConnection: { count: 10, windowMs: 5_000 } });
    const visitor = await visitorFrom(h);
    const bystander = await connectVisitor(h);
    for (let i = 0; i < 10; i++) visitor.send({ type: "ping", id: `p${i}` });
    await visitor.next("pong", (f) => f.replyTo === "p9");
    const refused = expectRateLimited(await request(visitor, { type: "ping" }), 500);
    // No id, nothing to answer: dropped without an error frame.
    visitor.send({ type: "ping" });
    visitor.send({ type: "typing", conversationId: "cnv_x", active: true });
    expect(await request(bystander, { type: "ping" })).toMatchObject({ type: "pong" });
    await delay(refused.retryAfterMs! + 20);
    expect(await request(visitor, { type: "ping" })).toMatchObject({ type: "pong" });
    expect(visitor.frames.filter((f) => f.type === "error")).toHaveLength(1);
    expect(visitor.frames.filter((f) => f.type === "pong")).toHaveLength(11);
  });

  it("closes a socket that keeps flooding with 4007, and only that one", async () => {
    const h = await relayWith({ framesPerConnection: { count: 20, windowMs: 60_000 } });
    const flooder = await visitorFrom(h);
    const bystander = await connectVisitor(h);
    // The budget, then as many again refused (kept open), then one more: flooding.
    for (let i = 0; i < 40; i++)
      flooder.send({ type: "typing", conversationId: "cnv_x", active: i % 2 === 0 });
    expect(await fate(flooder)).toBe("open");
    for (let i = 0; i < 10; i++) flooder.send({ type: "ping" });
    expect(await flooder.closed).toEqual({
      code: CODES["too-many-bad-frames"].close,
      reason: "too-many-bad-frames",
    });
    expect(await request(bystander, { type: "ping" })).toMatchObject({ type: "pong" });
  });
});

describe("typing", () => {
  it("passes on the budget's worth of typing frames and drops the rest without an error", async () => {
    // No signal throttling here (it would coalesce what the limit lets through): the limit alone.
    harness = await startHarness({
      limits: { typingPerConnection: { count: 3, windowMs: 5_000 } },
      signalIntervalMs: 0,
    });
    const h = harness;
    const { token } = await h.addAgent("Ada");
    const agent = await connectAgent(h, token);
    const visitor = await visitorFrom(h);
    const conversationId = await startConversation(visitor);
    await agent.next("conversation-created");
    for (let i = 0; i < 8; i++) visitor.send({ type: "typing", conversationId, active: true });
    // A request after them: once it is answered, every typing frame before it has been handled.
    await request(visitor, { type: "list-conversations" });
    await request(agent, { type: "ping" });
    await delay(50);
    expect(agent.frames.filter((f) => f.type === "typing")).toHaveLength(3);
    expect(visitor.frames.filter((f) => f.type === "error")).toEqual([]);
  });
});

describe("new conversations per address", () => {
  it("counts only conversations opened, per address, and lets the address open more after the wait", async () => {
    const h = await relayWith({ conversationsPerIp: { count: 2, windowMs: 1_000 } }, ["127.0.0.1"]);
    const first = await visitorFrom(h, "198.51.100.1");
    const second = await visitorFrom(h, "198.51.100.1");
    const third = await visitorFrom(h, "198.51.100.1");
    const elsewhere = await visitorFrom(h, "203.0.113.5");

    const opened = await request(first, { type: "start-conversation", clientConversationId: "k1" });
    expect(opened).toMatchObject({ type: "conversation" });
    expect(await request(second, { type: "start-conversation" })).toMatchObject({ type: "conversation" });
    const refused = expectRateLimited(await request(third, { type: "start-conversation" }), 500);
    expect(refused.message).toMatch(/new conversations/);
    expect(await h.storage.listConversations({ visitorId: third.visitorId })).toEqual([]);
    // Retries that find their conversation are not new ones.
    for (let i = 0; i < 3; i++) {
      const again = await request(first, { type: "start-conversation", clientConversationId: "k1" });
      expect(again).toMatchObject({
        type: "conversation",
        conversation: { id: (opened as { conversation: { id: string } }).conversation.id },
      });
    }
    expect(await request(second, { type: "start-conversation" })).toMatchObject({ type: "conversation" });
    // Another address has its own budget.
    expect(await request(elsewhere, { type: "start-conversation" })).toMatchObject({ type: "conversation" });

    await delay(refused.retryAfterMs! + 20);
    expect(await request(third, { type: "start-conversation" })).toMatchObject({ type: "conversation" });
  });
});

describe("connections per address", () => {
  it("closes the one past the limit with 4011 and lets one in again after a close", async () => {
    const h = await relayWith({ connectionsPerIp: 3 });
    const { token } = await h.addAgent("Ada");
    const open = [await visitorFrom(h), await visitorFrom(h), await connectAgent(h, token)];
    const turnedAway = await openSocket(`${h.wsUrl}?appId=${APP_ID}`, { origin: ORIGIN });
    expect(await turnedAway.closed).toEqual({ code: 4011, reason: "too-many-connections" });
    expect(CODES["too-many-connections"]).toEqual({ close: 4011, retry: true });

    // Those already open keep working.
    expect(await request(open[0]!, { type: "ping" })).toMatchObject({ type: "pong" });
    open[1]!.close();
    await open[1]!.closed;
    await delay(50);
    const again = await visitorFrom(h);
    expect(await fate(again)).toBe("open");
    const oneTooMany = await openSocket(h.wsUrl);
    expect((await oneTooMany.closed).code).toBe(4011);
  });

  it("ignores X-Forwarded-For without trustProxy: a spoofed header does not dodge the limit", async () => {
    const h = await relayWith({ connectionsPerIp: 2 });
    await visitorFrom(h, "198.51.100.1");
    await visitorFrom(h, "198.51.100.2");
    const spoofed = await openSocket(`${h.wsUrl}?appId=${APP_ID}`, {
      origin: ORIGIN,
      headers: { "X-Forwarded-For": "198.51.100.3" },
    });
    expect((await spoofed.closed).code).toBe(4011);
  });

  it("honours X-Forwarded-For behind a trusted proxy: each forwarded address has its own limit", async () => {
    const h = await relayWith({ connectionsPerIp: 2 }, ["::ffff:127.0.0.1", "::1"]);
    await visitorFrom(h, "198.51.100.1");
    await visitorFrom(h, "198.51.100.1");
    const third = await openSocket(`${h.wsUrl}?appId=${APP_ID}`, {
      origin: ORIGIN,
      headers: { "X-Forwarded-For": "198.51.100.1" },
    });
    expect((await third.closed).code).toBe(4011);
    // What the client wrote at the left does not count; the address the proxy saw does.
    const other = await visitorFrom(h, "6.6.6.6, 198.51.100.2");
    const otherAgain = await visitorFrom(h, "198.51.100.2");
    expect([await fate(other), await fate(otherAgain)]).toEqual(["open", "open"]);
    const otherThird = await openSocket(h.wsUrl, { headers: { "X-Forwarded-For": "7.7.7.7, 198.51.100.2" } });
    expect((await otherThird.closed).code).toBe(4011);
  });
});

describe("welcome", () => {
  it("tells each role the rates it is held to", async () => {
    const h = await relayWith({ messagesPerVisitor: { count: 7, windowMs: 7_000 } });
    const { token } = await h.addAgent("Ada");
    const visitor = await connectVisitor(h);
    const agent = await connectAgent(h, token);
    const visitorWelcome = visitor.frames.find((f) => f.type === "welcome");
    const agentWelcome = agent.frames.find((f) => f.type === "welcome");
    expect(visitorWelcome).toMatchObject({
      limits: { rates: { messagesPerVisitor: { count: 7, windowMs: 7_000 }, conversationsPerIp: {} } },
    });
    expect(agentWelcome).toMatchObject({ limits: { rates: { messagesPerConnection: {} } } });
    expect(agentWelcome?.type === "welcome" && agentWelcome.limits.rates?.messagesPerVisitor).toBeUndefined();
  });

  it("refuses invalid limits and trusted proxies at start, naming them", async () => {
    const h = await relayWith({});
    const base = { storage: h.storage, bus: h.bus, port: 0 };
    await expect(createRelay({ ...base, limits: { messagesPerVisitor: { count: 0 } } })).rejects.toThrow(
      "limits.messagesPerVisitor.count: 0",
    );
    await expect(createRelay({ ...base, trustProxy: ["10.0.0.0/40"] })).rejects.toThrow('"10.0.0.0/40"');
  });
});
