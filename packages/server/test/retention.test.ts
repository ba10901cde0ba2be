import { createClient, type RelaydeskClient } from "@relaydesk/client";
import type { ServerFrame } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  APP_ID,
  connectVisitor,
  delay,
  type Harness,
  ORIGIN,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

let harness: Harness | null = null;
const clients: RelaydeskClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness?.stop();
  harness = null;
});

async function harnessWith(tunables: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(tunables);
  return harness;
}

/** Frames up to and including `sync-complete`, as `type` or `type seq`. */
function replayed(socket: TestSocket): string[] {
  const end = socket.frames.findIndex((f) => f.type === "sync-complete");
  return socket.frames.slice(0, end + 1).flatMap(label);
}

function label(f: ServerFrame): string[] {
  if (f.type === "message-created") return [`message ${f.message.seq}`];
  if (f.type === "not-recovered") return [`not-recovered ${f.firstSeq}`];
  if (f.type === "welcome" || f.type === "sync-complete") return [f.type];
  return [];
}

/** A visitor's conversation with `before` messages, a cutoff instant, then `after` messages. */
async function conversationAcrossCutoff(h: Harness, before: number, after: number) {
  const visitor = await connectVisitor(h);
  const conversationId = await startConversation(visitor);
  const send = (n: number) =>
    request(visitor, { type: "send-message", conversationId, clientMsgId: `c${n}`, body: `m${n}` });
  for (let n = 1; n <= before; n++) await send(n);
  await delay(5);
  const cutoff = Date.now();
  await delay(5);
  for (let n = before + 1; n <= before + after; n++) await send(n);
  return { visitor, conversationId, cutoff };
}

describe("retention", () => {
  it("resuming below what is kept: not-recovered, then the retained messages in order, then sync-complete", async () => {
    const h = await harnessWith();
    const { visitor, conversationId, cutoff } = await conversationAcrossCutoff(h, 3, 3);
    visitor.close();
    expect(await h.storage.pruneMessages(cutoff)).toBe(3);

    const back = await connectVisitor(h, { visitorToken: visitor.token, resume: { [conversationId]: 1 } });
    expect(replayed(back)).toEqual([
      "welcome",
      "not-recovered 4",
      "message 4",
      "message 5",
      "message 6",
      "sync-complete",
    ]);
    expect(back.frames.find((f) => f.type === "not-recovered")).toEqual({
      type: "not-recovered",
      conversationId,
      firstSeq: 4,
    });
    expect(back.frames.find((f) => f.type === "sync-complete")).toEqual({
      type: "sync-complete",
      lastSeq: { [conversationId]: 6 },
    });

    // A client that had everything up to what was deleted loses nothing and is not told otherwise.
    const upToDate = await connectVisitor(h, {
      visitorToken: visitor.token,
      resume: { [conversationId]: 3 },
    });
    expect(replayed(upToDate)).toEqual(["welcome", "message 4", "message 5", "message 6", "sync-complete"]);
  });

  it("answers get-history below retention with not-recovered first, then the retained page", async () => {
    const h = await harnessWith();
    const { visitor, conversationId, cutoff } = await conversationAcrossCutoff(h, 2, 2);
    await h.storage.pruneMessages(cutoff);

    const before = visitor.frames.length;
    const reply = await request(visitor, { type: "get-history", conversationId, afterSeq: 0 });
    const answer = visitor.frames.slice(before);
    expect(answer.map((f) => f.type)).toEqual(["not-recovered", "history"]);
    expect(answer[0]).toEqual({ type: "not-recovered", conversationId, firstSeq: 3 });
    expect(reply.type === "history" && reply.messages.map((m) => m.seq)).toEqual([3, 4]);

    // From the last deleted seq on nothing is missing: a plain reply.
    const after = visitor.frames.length;
    await request(visitor, { type: "get-history", conversationId, afterSeq: 2 });
    expect(visitor.frames.slice(after).map((f) => f.type)).toEqual(["history"]);
  });

  it("tells a client whose conversation was deleted entirely, and new messages carry on from there", async () => {
    const h = await harnessWith();
    const { visitor, conversationId } = await conversationAcrossCutoff(h, 3, 0);
    visitor.close();
    await h.storage.pruneMessages(Date.now() + 1);
    expect(await h.storage.listMessages(conversationId, 0, 10)).toEqual([]);
    expect(await h.storage.firstSeq(conversationId)).toBe(4);

    const back = await connectVisitor(h, { visitorToken: visitor.token, resume: { [conversationId]: 1 } });
    expect(replayed(back)).toEqual(["welcome", "not-recovered 4", "sync-complete"]);
    expect(back.frames.find((f) => f.type === "sync-complete")).toMatchObject({
      lastSeq: { [conversationId]: 3 },
    });
    const ack = await request(back, {
      type: "send-message",
      conversationId,
      clientMsgId: "later",
      body: "hi",
    });
    expect(ack).toMatchObject({ type: "ack", seq: 4 });
    await back.next("message-created", (f) => f.message.seq === 4);

    // get-history from 0 on it: not-recovered, then the one message left.
    const reply = await request(back, { type: "get-history", conversationId });
    expect(reply.type === "history" && reply.messages.map((m) => m.seq)).toEqual([4]);
  });

  it("a live message after a hole that retention deleted is preceded by not-recovered", async () => {
    const h = await harnessWith();
    const visitor = await connectVisitor(h);
    const conversationId = await startConversation(visitor);
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "c1", body: "m1" });
    await visitor.next("message-created", (f) => f.message.seq === 1);
    // Seqs 2-3 are stored but never reach this socket (a lost bus event), then retention deletes them.
    for (const n of [2, 3]) {
      await h.storage.appendMessage({
        id: `msg_old_${n}`,
        conversationId,
        clientMsgId: `old${n}`,
        author: { kind: "agent", id: "agt_x", name: "X" },
        kind: "text",
        body: `old ${n}`,
        createdAt: 1,
      });
    }
    await h.storage.pruneMessages(2);
    const before = visitor.frames.length;
    await request(visitor, { type: "send-message", conversationId, clientMsgId: "c4", body: "m4" });
    await visitor.next("message-created", (f) => f.message.seq === 4);
    expect(visitor.frames.slice(before).flatMap(label)).toEqual(["not-recovered 4", "message 4"]);
  });

  it("prunes periodically when the relay runs with retentionMs", async () => {
    const h = await harnessWith({ retentionMs: 150, pruneIntervalMs: 25 });
    const visitor = await connectVisitor(h);
    const conversationId = await startConversation(visitor);
    for (const n of [1, 2]) {
      await request(visitor, { type: "send-message", conversationId, clientMsgId: `c${n}`, body: "x" });
    }
    expect(await h.storage.listMessages(conversationId, 0, 10)).toHaveLength(2);
    const deadline = Date.now() + 3_000;
    while ((await h.storage.listMessages(conversationId, 0, 10)).length > 0) {
      if (Date.now() > deadline) throw new Error("messages were not pruned");
      await delay(20);
    }
    expect(await h.storage.firstSeq(conversationId)).toBe(3);
    // A new tab (no resume) is told too, and gets nothing else of that conversation.
    const tab = await connectVisitor(h, { visitorToken: visitor.token });
    expect(replayed(tab)).toEqual(["welcome", "not-recovered 3", "sync-complete"]);
  });

  it("the real client resets the conversation and then shows the retained messages, in order", async () => {
    const h = await harnessWith();
    const { visitor, conversationId, cutoff } = await conversationAcrossCutoff(h, 4, 0);
    const client = createClient({
      url: h.relay.url,
      auth: { role: "visitor", appId: APP_ID, visitorToken: visitor.token },
      WebSocket: class extends WebSocket {
        constructor(url: string) {
          super(url, { origin: ORIGIN });
        }
      },
      reconnectInitialDelayMs: 20,
      reconnectMaxDelayMs: 200,
    });
    clients.push(client);
    const shown: string[] = [];
    client.on("message", (m) => shown.push(`message ${m.seq}`));
    client.on("reset", (r) => shown.push(`reset ${r.conversationId === conversationId} ${r.firstSeq}`));
    client.on("sync", () => shown.push("sync"));
    await waitFor(() => shown.includes("sync"));
    expect(shown).toEqual(["message 1", "message 2", "message 3", "message 4", "sync"]);
    client.close();

    // Away: three more messages, then retention deletes everything up to 5.
    for (const n of [5, 6, 7]) {
      await delay(3);
      await request(visitor, { type: "send-message", conversationId, clientMsgId: `c${n}`, body: `m${n}` });
    }
    const messages = await h.storage.listMessages(conversationId, 0, 10);
    const keepFrom = messages.find((m) => m.seq === 6)!.createdAt;
    expect(keepFrom).toBeGreaterThan(cutoff);
    await h.storage.pruneMessages(keepFrom);
    expect((await h.storage.listMessages(conversationId, 0, 10)).map((m) => m.seq)).toEqual([6, 7]);

    shown.length = 0;
    client.connect();
    await waitFor(() => shown.includes("sync"));
    expect(shown).toEqual(["reset true 6", "message 6", "message 7", "sync"]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await delay(10);
  }
}
