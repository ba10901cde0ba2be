import { CODES } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  type Harness,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

/** Proves a socket still works end to end: a message from the visitor reaches the agent. */
async function stillWorks(visitor: TestSocket, agent: TestSocket, conversationId: string, tag: string) {
  const ack = await request(visitor, { type: "send-message", conversationId, clientMsgId: tag, body: tag });
  expect(ack).toMatchObject({ type: "ack", clientMsgId: tag });
  await agent.next("message-created", (f) => f.message.clientMsgId === tag);
}

describe("invalid frames after hello", () => {
  it.each([
    ["not JSON", "{nope", "bad-frame", undefined],
    ["JSON that is not an object", "[1,2,3]", "bad-frame", undefined],
    ["an unknown type", JSON.stringify({ type: "delete-everything", id: "q1" }), "unknown-type", "q1"],
    [
      "a type the visitor may not send",
      JSON.stringify({ type: "close-conversation", id: "q2", conversationId: "cnv_x" }),
      "unknown-type",
      "q2",
    ],
    ["missing fields", JSON.stringify({ type: "send-message", id: "q3", body: "hi" }), "bad-frame", "q3"],
    [
      "wrong field types",
      JSON.stringify({ type: "send-message", id: "q4", conversationId: 7, clientMsgId: "c", body: "hi" }),
      "bad-frame",
      "q4",
    ],
    [
      "an empty body",
      JSON.stringify({ type: "send-message", id: "q5", conversationId: "cnv_x", clientMsgId: "c", body: "" }),
      "bad-frame",
      "q5",
    ],
  ])("answers %s with an error frame and keeps the connection", async (_name, text, code, replyTo) => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    visitor.sendRaw(text);
    const error = await visitor.next("error");
    expect(error).toMatchObject({ code, retry: false });
    expect(error.replyTo).toBe(replyTo);
    expect(error.message.length).toBeGreaterThan(0);
    await stillWorks(visitor, agent, conversationId, "after-bad-frame");
  });

  it("answers a binary frame with bad-frame", async () => {
    const visitor = await connectVisitor(harness);
    visitor.sendRaw(Buffer.from(JSON.stringify({ type: "ping", id: "b1" })), true);
    expect(await visitor.next("error")).toMatchObject({ code: "bad-frame" });
    expect(await request(visitor, { type: "ping" })).toMatchObject({ type: "pong" });
  });

  it("closes 1009 on a frame over 64 KiB while other sockets keep working", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const bystander = await connectVisitor(harness);
    const conversationId = await startConversation(bystander);
    const offender = await connectVisitor(harness);
    const offenderConversation = await startConversation(offender);
    offender.send({
      type: "send-message",
      id: "big",
      conversationId: offenderConversation,
      clientMsgId: "big",
      body: "x".repeat(70_000),
    });
    expect((await offender.closed).code).toBe(CODES["frame-too-large"].close);
    expect(await harness.storage.listMessages(offenderConversation, 0, 10)).toEqual([]);
    await stillWorks(bystander, agent, conversationId, "bystander");
  });

  it("closes too-many-bad-frames (4007) after 20 invalid frames in a row, and counts only consecutive ones", async () => {
    const visitor = await connectVisitor(harness);
    for (let i = 0; i < 20; i++) visitor.sendRaw("garbage");
    expect(await request(visitor, { type: "ping" })).toMatchObject({ type: "pong" });
    // The valid ping reset the count: 20 more are still answered one by one.
    for (let i = 0; i < 20; i++) visitor.sendRaw("garbage");
    expect(await request(visitor, { type: "ping" })).toMatchObject({ type: "pong" });
    expect(visitor.frames.filter((f) => f.type === "error")).toHaveLength(40);
    for (let i = 0; i < 21; i++) visitor.sendRaw("garbage");
    expect(await visitor.closed).toMatchObject({ code: CODES["too-many-bad-frames"].close });
    expect(visitor.frames.filter((f) => f.type === "error")).toHaveLength(60);
  });

  it("answers a request the handler fails on with internal and keeps serving", async () => {
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const { storage } = harness;
    const original = storage.listMessages;
    storage.listMessages = () => Promise.reject(new Error("disk on fire"));
    const reply = await request(visitor, { type: "get-history", conversationId });
    storage.listMessages = original;
    expect(reply).toMatchObject({ type: "error", code: "internal", retry: true });
    expect(await request(visitor, { type: "get-history", conversationId })).toMatchObject({
      type: "history",
    });
  });
});
