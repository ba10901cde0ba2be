import type { Ack, Message } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { RelaydeskError } from "./relaydesk-error.ts";
import { createTestScope, until } from "./scripted-relay.ts";
import type { RelaydeskClient } from "./types.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function record(client: RelaydeskClient) {
  const messages: Message[] = [];
  client.on("message", (m) => messages.push(m));
  return {
    messages,
    seqs: (conversationId = "cnv_a") =>
      messages.filter((m) => m.conversationId === conversationId).map((m) => m.seq),
  };
}

describe("sending", () => {
  it("resends an unacknowledged message with the same clientMsgId after a reconnect; it is stored once", async () => {
    // The first copy is stored but the connection dies before the ack goes out.
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message" || relay.connections.length > 1) return false;
        relay.storeSent(frame, connection);
        connection.drop();
        return true;
      },
    });
    const client = scope.client(relay);
    const seen = record(client);
    await until(() => client.state === "open", "open");

    let settled = 0;
    const sent = client.sendMessage("cnv_a", "are you there?").then((ack) => {
      settled += 1;
      return ack;
    });
    const ack = await sent;

    const copies = relay.received("send-message");
    expect(copies).toHaveLength(2);
    expect(copies[1]?.clientMsgId).toBe(copies[0]?.clientMsgId);
    expect(copies[1]?.id).not.toBe(copies[0]?.id);
    expect(ack).toMatchObject({ seq: 1, duplicate: true, clientMsgId: copies[0]?.clientMsgId });
    expect(relay.messages("cnv_a")).toHaveLength(1);
    expect(client.pending()).toEqual([]);
    await sleep(50);
    expect(settled).toBe(1);
    expect(seen.seqs()).toEqual([1]);
  });

  it("queues sends made before connecting and sends them in order with their own clientMsgIds", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, { autoConnect: false });
    const acks = ["one", "two", "three"].map((body, i) =>
      client.sendMessage("cnv_a", body, i === 1 ? { clientMsgId: "my-id-2" } : {}),
    );
    expect(client.pending().map((p) => [p.body, p.conversationId])).toEqual([
      ["one", "cnv_a"],
      ["two", "cnv_a"],
      ["three", "cnv_a"],
    ]);
    expect(client.pending()[1]?.clientMsgId).toBe("my-id-2");
    client.connect();
    const settled: Ack[] = await Promise.all(acks);
    expect(settled.map((a) => a.seq)).toEqual([1, 2, 3]);
    expect(relay.messages("cnv_a").map((m) => m.body)).toEqual(["one", "two", "three"]);
    expect(settled[1]?.clientMsgId).toBe("my-id-2");
  });

  it("returns the same promise when a pending clientMsgId is sent again", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, { autoConnect: false });
    const first = client.sendMessage("cnv_a", "hi", { clientMsgId: "same" });
    const second = client.sendMessage("cnv_a", "hi", { clientMsgId: "same" });
    expect(second).toBe(first);
    expect(client.pending()).toHaveLength(1);
  });

  it("resends with the same clientMsgId when the ack does not come in time, instead of rejecting", async () => {
    let ignored = 0;
    const relay = await scope.relay({
      intercept: (frame) => frame.type === "send-message" && ignored++ === 0,
    });
    const client = scope.client(relay, { requestTimeoutMs: 150 });
    await until(() => client.state === "open", "open");
    const ack = await client.sendMessage("cnv_a", "slow relay");
    const copies = relay.received("send-message");
    expect(copies).toHaveLength(2);
    expect(copies[1]?.clientMsgId).toBe(copies[0]?.clientMsgId);
    expect(ack.duplicate).toBe(false);
    expect(relay.connections).toHaveLength(1);
  });

  it("retries after a retryable error reply (rate-limited)", async () => {
    let refused = 0;
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message" || refused++ > 0) return false;
        connection.send({
          type: "error",
          replyTo: frame.id as string,
          code: "rate-limited",
          message: "slow down",
          retry: true,
        });
        return true;
      },
    });
    const client = scope.client(relay);
    await expect(client.sendMessage("cnv_a", "again")).resolves.toMatchObject({ seq: 1 });
    expect(relay.received("send-message")).toHaveLength(2);
  });

  it("keeps a rate-limited message pending and resends it when retryAfterMs says, not before", async () => {
    let refusedAt = 0;
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message" || refusedAt > 0) return false;
        refusedAt = Date.now();
        connection.send({
          type: "error",
          replyTo: frame.id as string,
          code: "rate-limited",
          message: "slow down",
          retry: true,
          retryAfterMs: 300,
        });
        return true;
      },
    });
    const client = scope.client(relay, { reconnectInitialDelayMs: 10, reconnectMaxDelayMs: 10 });
    const failed: unknown[] = [];
    client.on("send-failed", (f) => failed.push(f));
    const sent = client.sendMessage("cnv_a", "patience", { clientMsgId: "m1" });
    await until(() => refusedAt > 0, "the refusal");
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Still waiting out retryAfterMs (the backoff alone would have resent it by now): pending, not failed.
    expect(relay.received("send-message")).toHaveLength(1);
    expect(client.pending().map((p) => p.clientMsgId)).toEqual(["m1"]);
    await expect(sent).resolves.toMatchObject({ seq: 1, clientMsgId: "m1" });
    const resent = relay.received("send-message");
    expect(resent.map((f) => f.clientMsgId)).toEqual(["m1", "m1"]);
    expect(failed).toEqual([]);
  });

  it("rejects on a non-retryable error reply and forgets the message", async () => {
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message") return false;
        connection.send({
          type: "error",
          replyTo: frame.id as string,
          code: "conversation-closed",
          message: "the conversation is closed",
          retry: false,
        });
        return true;
      },
    });
    const client = scope.client(relay);
    const error = await client.sendMessage("cnv_a", "too late").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelaydeskError);
    expect(error).toMatchObject({
      code: "conversation-closed",
      retry: false,
      message: "the conversation is closed",
    });
    expect(client.pending()).toEqual([]);
    relay.connections[0]?.drop();
    await until(() => relay.connections.length === 2 && client.state === "open", "the reconnect");
    await sleep(50);
    expect(relay.received("send-message")).toHaveLength(1);
  });

  it("rejects an empty or too long body without sending it", async () => {
    const relay = await scope.relay({
      welcome: { limits: { maxFrameBytes: 65_536, maxBodyChars: 5, heartbeatIntervalMs: 25_000 } },
    });
    const client = scope.client(relay);
    await expect(client.sendMessage("cnv_a", "")).rejects.toMatchObject({
      code: "bad-frame",
      message: /non-empty/,
    });
    await expect(client.sendMessage("cnv_a", "x".repeat(10_001))).rejects.toThrow(/limit is 10000/);
    await until(() => client.state === "open", "open");
    // Once connected, the relay's announced limit applies.
    await expect(client.sendMessage("cnv_a", "123456")).rejects.toThrow(/limit is 5/);
    await expect(client.sendMessage("cnv_a", "ok", { clientMsgId: "has space" })).rejects.toThrow(
      /clientMsgId/,
    );
    await expect(client.sendMessage("cnv_a", "12345")).resolves.toMatchObject({ seq: 1 });
    expect(relay.received("send-message")).toHaveLength(1);
    expect(client.pending()).toEqual([]);
  });

  it("rejects a body whose frame would exceed the relay's frame limit (it would close the connection)", async () => {
    const relay = await scope.relay({
      welcome: { limits: { maxFrameBytes: 2048, maxBodyChars: 10_000, heartbeatIntervalMs: 25_000 } },
    });
    const client = scope.client(relay);
    await until(() => client.state === "open", "open");
    await expect(client.sendMessage("cnv_a", "é".repeat(1000))).rejects.toMatchObject({
      code: "bad-frame",
      message: /limit is 2048/,
    });
    await expect(client.sendMessage("cnv_a", "e".repeat(1000))).resolves.toMatchObject({ seq: 1 });
    expect(relay.received("send-message")).toHaveLength(1);
    expect(client.pending()).toEqual([]);
  });
});

describe("receiving", () => {
  it("emits each message once: repeated frames and old seqs are dropped, also across a reconnect", async () => {
    const relay = await scope.relay();
    for (const body of ["a", "b", "c"]) relay.store("cnv_a", body);
    const client = scope.client(relay);
    const seen = record(client);
    await until(() => seen.messages.length === 3, "the replay");

    const [first, second] = relay.messages("cnv_a");
    const fourth = relay.store("cnv_a", "d");
    const connection = relay.connections[0];
    for (const message of [second, first, second, fourth, fourth])
      connection?.send({ type: "message-created", message: message as Message });
    await until(() => seen.messages.length === 4, "the fourth message");

    connection?.drop();
    await until(() => relay.connections.length === 2 && client.state === "open", "the reconnect");
    expect(relay.connections[1]?.hello?.resume).toEqual({ cnv_a: 4 });
    // A relay replaying too much must not show anything twice either.
    for (const message of relay.messages("cnv_a"))
      relay.connections[1]?.send({ type: "message-created", message });
    await sleep(50);
    expect(seen.seqs()).toEqual([1, 2, 3, 4]);
    expect(seen.messages.map((m) => m.body)).toEqual(["a", "b", "c", "d"]);
  });

  it("fills a seq gap from history before emitting what comes after it", async () => {
    const relay = await scope.relay();
    const stored = ["1", "2", "3", "4", "5"].map((body) => relay.store("cnv_a", body));
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    const seen = record(client);
    await until(() => client.state === "open", "open");
    const connection = relay.connections[0];
    connection?.send({ type: "message-created", message: stored[0] as Message });
    await until(() => seen.messages.length === 1, "the first message");
    connection?.send({ type: "message-created", message: stored[3] as Message });
    await until(() => seen.messages.length === 5, "the filled gap");
    expect(relay.received("get-history")).toEqual([
      expect.objectContaining({ conversationId: "cnv_a", afterSeq: 1 }),
    ]);
    connection?.send({ type: "message-created", message: stored[4] as Message });
    await sleep(50);
    expect(seen.seqs()).toEqual([1, 2, 3, 4, 5]);
  });

  it("loads the start of a conversation it first sees in the middle", async () => {
    const relay = await scope.relay();
    for (const body of ["1", "2", "3"]) relay.store("cnv_b", body);
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    const seen = record(client);
    await until(() => client.state === "open", "open");
    relay.publish(relay.store("cnv_b", "4"));
    await until(() => seen.messages.length === 4, "the whole thread");
    expect(seen.seqs("cnv_b")).toEqual([1, 2, 3, 4]);
  });

  it("emits getHistory results as message events, once and in order", async () => {
    const relay = await scope.relay();
    for (const body of ["1", "2", "3"]) relay.store("cnv_a", body);
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    const seen = record(client);
    const page = await client.getHistory("cnv_a", { limit: 2 });
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(page.hasMore).toBe(true);
    expect(seen.seqs()).toEqual([1, 2]);
    const all = await client.getHistory("cnv_a");
    expect(all.messages).toHaveLength(3);
    expect(seen.seqs()).toEqual([1, 2, 3]);
  });

  it("emits sync after the resume replay and sends a read marked while offline once it is back", async () => {
    const relay = await scope.relay();
    relay.store("cnv_a", "hello");
    const client = scope.client(relay, { autoConnect: false });
    const order: string[] = [];
    client.on("message", (m) => order.push(`message ${m.seq}`));
    client.on("sync", (s) => order.push(`sync ${JSON.stringify(s.lastSeq)}`));
    client.markRead("cnv_a", 1);
    client.connect();
    await until(() => order.length === 2, "message and sync");
    expect(order).toEqual(["message 1", 'sync {"cnv_a":1}']);
    await until(() => relay.received("read").length === 1, "the read");
    expect(relay.received("read")[0]).toEqual({ type: "read", conversationId: "cnv_a", seq: 1 });
  });
});
