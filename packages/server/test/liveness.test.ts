import { CODES } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../src/logger.ts";
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
} from "./relay-harness.ts";

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

describe("heartbeat", () => {
  it("closes heartbeat-timeout (4008) a socket that answers no pings, and keeps one that does", async () => {
    harness = await startHarness({ heartbeatIntervalMs: 100 });
    const dead = await openSocket(`${harness.wsUrl}?appId=${APP_ID}`, { origin: ORIGIN, autoPong: false });
    dead.send({ type: "hello", protocol: 1, role: "visitor", appId: APP_ID });
    await dead.next("welcome");
    const healthy = await connectVisitor(harness);
    const started = Date.now();
    expect(await dead.closed).toMatchObject({ code: CODES["heartbeat-timeout"].close });
    // Closed within two intervals (one to miss, one to notice), plus scheduling slack.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await request(healthy, { type: "ping" })).toMatchObject({ type: "pong" });
  });

  it("counts application pings as liveness for clients that cannot answer WebSocket pings", async () => {
    harness = await startHarness({ heartbeatIntervalMs: 100 });
    const socket = await openSocket(`${harness.wsUrl}?appId=${APP_ID}`, { origin: ORIGIN, autoPong: false });
    socket.send({ type: "hello", protocol: 1, role: "visitor", appId: APP_ID });
    await socket.next("welcome");
    const timer = setInterval(() => socket.send({ type: "ping" }), 40);
    await delay(600);
    clearInterval(timer);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    expect(await socket.closed).toMatchObject({ code: CODES["heartbeat-timeout"].close });
  });
});

describe("slow consumer", () => {
  it("closes slow-consumer (4010) a socket that stops reading, while the sender keeps getting acks", async () => {
    const closing: string[] = [];
    const logger: Logger = {
      info: (msg, fields) => {
        if (msg === "closing connection") closing.push(String(fields?.code));
      },
      warn: () => {},
      error: () => {},
    };
    harness = await startHarness({ maxBufferedBytes: 64 * 1024, closeGraceMs: 20_000, logger });
    const { token } = await harness.addAgent("Ada");
    const reader = await connectAgent(harness, token);
    const stalled = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    // Stop reading: the kernel buffers fill, then the relay's own buffer grows past the limit.
    const tcp = (stalled.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    const body = "x".repeat(10_000);
    let sent = 0;
    while (!closing.includes("slow-consumer")) {
      expect(sent).toBeLessThan(5_000);
      const batch = Array.from({ length: 25 }, (_, i) =>
        request(visitor, { type: "send-message", conversationId, clientMsgId: `s${sent + i}`, body }),
      );
      for (const ack of await Promise.all(batch)) expect(ack.type).toBe("ack");
      sent += batch.length;
    }
    tcp.resume();
    expect(await stalled.closed).toMatchObject({ code: CODES["slow-consumer"].close });
    // Nobody else is affected: the reading agent got everything.
    await reader.next("message-created", (f) => f.message.seq === sent, 10_000);
  });
});
