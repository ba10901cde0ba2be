import type { ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.stop();
});

const seqsOf = (frames: ServerFrame[]) =>
  frames.flatMap((f) => (f.type === "message-created" ? [f.message.seq] : []));

describe("resume", () => {
  it("replays exactly the messages a visitor missed, then sync-complete", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    for (let i = 1; i <= 3; i++) {
      await request(visitor, { type: "send-message", conversationId, clientMsgId: `v${i}`, body: `v${i}` });
    }
    await visitor.next("message-created", (f) => f.message.seq === 3);
    visitor.close();
    await visitor.closed;

    // While the visitor is away, the agent answers twice.
    for (let i = 1; i <= 2; i++) {
      await request(agent, {
        type: "send-message",
        conversationId,
        clientMsgId: `a${i}`,
        body: `answer ${i}`,
      });
    }

    const back = await connectVisitor(harness, {
      visitorToken: visitor.token,
      resume: { [conversationId]: 3 },
    });
    const syncIndex = back.frames.findIndex((f) => f.type === "sync-complete");
    const replayed = back.frames.slice(0, syncIndex);
    expect(seqsOf(replayed)).toEqual([4, 5]);
    expect(replayed.flatMap((f) => (f.type === "message-created" ? [f.message.body] : []))).toEqual([
      "answer 1",
      "answer 2",
    ]);
    expect(back.frames[syncIndex]).toEqual({ type: "sync-complete", lastSeq: { [conversationId]: 5 } });
  });

  it("replays every message of every conversation to a visitor that resumes nothing (a new tab)", async () => {
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "a", body: "a" });
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "b", body: "b" });
    const tab = await connectVisitor(harness, { visitorToken: visitor.token });
    expect(seqsOf(tab.frames)).toEqual([1, 2]);
    expect(tab.frames.find((f) => f.type === "sync-complete")).toMatchObject({
      lastSeq: { [conversationId]: 2 },
    });
  });

  it("replays to an agent only the conversations it names, and corrects a claim beyond what exists", async () => {
    const { token } = await harness.addAgent("Ada");
    const first = await connectVisitor(harness);
    const second = await connectVisitor(harness);
    const one = await startConversation(first);
    const two = await startConversation(second);
    for (let i = 1; i <= 4; i++) {
      await request(first, { type: "send-message", conversationId: one, clientMsgId: `o${i}`, body: "x" });
      await request(second, { type: "send-message", conversationId: two, clientMsgId: `t${i}`, body: "y" });
    }
    const agent = await connectAgent(harness, token, { [one]: 2, cnv_unknown: 5 });
    const replayed = agent.frames.filter((f) => f.type === "message-created");
    expect(
      replayed.map((f) => f.type === "message-created" && [f.message.conversationId, f.message.seq]),
    ).toEqual([
      [one, 3],
      [one, 4],
    ]);
    expect(agent.frames.find((f) => f.type === "sync-complete")).toEqual({
      type: "sync-complete",
      lastSeq: { [one]: 4 },
    });

    const optimist = await connectAgent(harness, token, { [two]: 99 });
    expect(optimist.frames.find((f) => f.type === "sync-complete")).toMatchObject({ lastSeq: { [two]: 4 } });
    // The corrected seq means the next live message (5) is delivered, not dropped as already seen.
    await request(second, { type: "send-message", conversationId: two, clientMsgId: "t5", body: "live" });
    await optimist.next("message-created", (f) => f.message.seq === 5);
  });

  it("loses and duplicates nothing sent while a resume replay is running", async () => {
    await harness.stop();
    harness = await startHarness({ readLatencyMs: 25 });
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const STORED = 250;
    const TOTAL = 300;
    for (let i = 1; i <= STORED; i++) {
      await request(agent, { type: "send-message", conversationId, clientMsgId: `p${i}`, body: `p${i}` });
    }
    // A second tab resumes from 0 (three slow pages) while the agent keeps writing.
    const tab = connectVisitor(harness, { visitorToken: visitor.token });
    for (let i = STORED + 1; i <= TOTAL; i++) {
      await request(agent, { type: "send-message", conversationId, clientMsgId: `p${i}`, body: `p${i}` });
    }
    const socket = await tab;
    await socket.next("message-created", (f) => f.message.seq === TOTAL);
    expect(seqsOf(socket.frames)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    // Writes overlapped the replay: its last page already held messages sent after it began.
    const sync = socket.frames.findIndex((f) => f.type === "sync-complete");
    expect(seqsOf(socket.frames.slice(0, sync)).at(-1)).toBeGreaterThan(STORED);
  });
});

describe("durability across restarts", () => {
  it("keeps every acknowledged message when a new relay opens the same SQLite file", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const acked: string[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const from = i % 3 === 0 ? agent : visitor;
        const reply = await request(from, {
          type: "send-message",
          conversationId,
          clientMsgId: `d${i}`,
          body: `d${i}`,
        });
        if (reply.type === "ack") acked.push(reply.messageId);
      }),
    );
    expect(acked).toHaveLength(30);

    await harness.restart();

    const back = await connectVisitor(harness, { visitorToken: visitor.token });
    const replayedIds = back.frames.flatMap((f) => (f.type === "message-created" ? [f.message.id] : []));
    expect(new Set(replayedIds)).toEqual(new Set(acked));
    expect(seqsOf(back.frames)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The agent token and the conversation survive too.
    const agentAgain = await connectAgent(harness, token, { [conversationId]: 0 });
    expect(agentAgain.frames.find((f) => f.type === "sync-complete")).toMatchObject({
      lastSeq: { [conversationId]: 30 },
    });
  });
});
