import type { Message } from "@relaydesk/sdk-types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMessageSequencer, type MessageSequencerOptions } from "./message-sequencer.ts";

function message(seq: number, conversationId = "cnv_a"): Message {
  return {
    id: `msg_${conversationId}_${seq}`,
    conversationId,
    seq,
    author: { kind: "agent", id: "agt_1" },
    kind: "text",
    body: `message ${seq}`,
    clientMsgId: `c_${seq}`,
    createdAt: seq,
  };
}

/** A sequencer whose history comes from an in-memory list, as the relay's storage would serve it. */
function setup(stored: Message[], overrides: Partial<MessageSequencerOptions> = {}) {
  const delivered: Message[] = [];
  const fetches: number[] = [];
  const resets: string[] = [];
  const sequencer = createMessageSequencer({
    deliver: (m) => delivered.push(m),
    reset: (conversationId, firstSeq) => resets.push(`${conversationId}@${firstSeq}`),
    async fetchAfter(conversationId, afterSeq) {
      fetches.push(afterSeq);
      const messages = stored.filter((m) => m.conversationId === conversationId && m.seq > afterSeq);
      return { messages: messages.slice(0, 3) };
    },
    isPermanent: () => true,
    ...overrides,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { sequencer, delivered, fetches, resets, settle, seqs: () => delivered.map((m) => m.seq) };
}

describe("createMessageSequencer", () => {
  it("resets on not-recovered when it lacks deleted messages, then delivers from firstSeq on", async () => {
    const { sequencer, seqs, resets, settle } = setup([]);
    sequencer.accept(message(1));
    sequencer.accept(message(2));
    sequencer.resume();
    // A live message ahead of the hole, then the relay says 3-6 are gone.
    sequencer.accept(message(8));
    sequencer.notRecovered("cnv_a", 7);
    expect(resets).toEqual(["cnv_a@7"]);
    sequencer.accept(message(7));
    sequencer.accept(message(9));
    await settle();
    expect(seqs()).toEqual([1, 2, 7, 8, 9]);
    expect(sequencer.resume()).toEqual({ cnv_a: 9 });
  });

  it("ignores not-recovered when everything before firstSeq was delivered", () => {
    const { sequencer, seqs, resets } = setup([]);
    for (const seq of [1, 2, 3]) sequencer.accept(message(seq));
    sequencer.notRecovered("cnv_a", 4);
    sequencer.notRecovered("cnv_a", 2);
    sequencer.accept(message(4));
    expect(resets).toEqual([]);
    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it("resets a conversation whose every message was deleted and waits for the next one", () => {
    const { sequencer, seqs, resets } = setup([]);
    sequencer.accept(message(1));
    sequencer.notRecovered("cnv_a", 6);
    sequencer.synced({ cnv_a: 5 });
    sequencer.accept(message(6));
    expect(resets).toEqual(["cnv_a@6"]);
    expect(seqs()).toEqual([1, 6]);
  });

  it("delivers in-order messages at once and drops repeats and old seqs", () => {
    const { sequencer, seqs, fetches } = setup([]);
    for (const seq of [1, 2, 2, 1, 3]) sequencer.accept(message(seq));
    expect(seqs()).toEqual([1, 2, 3]);
    expect(fetches).toEqual([]);
    expect(sequencer.resume()).toEqual({ cnv_a: 3 });
  });

  it("holds messages after a hole until history fills it", async () => {
    const stored = [1, 2, 3, 4, 5].map((seq) => message(seq));
    const { sequencer, seqs, fetches, settle } = setup(stored);
    sequencer.accept(message(1));
    sequencer.accept(message(4));
    expect(seqs()).toEqual([1]);
    await settle();
    expect(fetches[0]).toBe(1);
    expect(seqs()).toEqual([1, 2, 3, 4]);
  });

  it("fetches from seq 0 when an unknown conversation starts mid-thread", async () => {
    const stored = [1, 2, 3, 4, 5, 6, 7].map((seq) => message(seq));
    const { sequencer, seqs, fetches, settle } = setup(stored);
    sequencer.accept(message(7));
    await settle();
    expect(fetches).toEqual([0, 3]);
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("skips a hole that history cannot fill (outside retention)", async () => {
    const stored = [5, 6].map((seq) => message(seq));
    const { sequencer, seqs, settle } = setup(stored);
    sequencer.accept(message(6));
    await settle();
    expect(seqs()).toEqual([5, 6]);
  });

  it("skips the hole on a permanent error and keeps it on a transient one", async () => {
    const failing = setup([], {
      fetchAfter: () => Promise.reject(new Error("not-found")),
      isPermanent: () => true,
    });
    failing.sequencer.accept(message(3));
    await failing.settle();
    expect(failing.seqs()).toEqual([3]);

    const transient = setup([], {
      fetchAfter: () => Promise.reject(new Error("timeout")),
      isPermanent: () => false,
    });
    transient.sequencer.accept(message(3));
    await transient.settle();
    expect(transient.seqs()).toEqual([]);
    expect(transient.sequencer.resume()).toEqual({ cnv_a: 0 });
    transient.sequencer.accept(message(1));
    transient.sequencer.accept(message(2));
    expect(transient.seqs()).toEqual([1, 2, 3]);
  });

  it("fetches what sync-complete says exists and follows a relay that is behind", async () => {
    const stored = [1, 2, 3].map((seq) => message(seq));
    const { sequencer, seqs, settle } = setup(stored);
    sequencer.accept(message(1));
    sequencer.synced({ cnv_a: 3 });
    await settle();
    expect(seqs()).toEqual([1, 2, 3]);

    // Reconnected claiming 3, but the relay's restored database holds only seq 1: its next
    // message reuses seq 2.
    expect(sequencer.resume()).toEqual({ cnv_a: 3 });
    sequencer.synced({ cnv_a: 1 });
    sequencer.accept({ ...message(2), id: "msg_new_2", body: "after restore" });
    expect(seqs()).toEqual([1, 2, 3, 2]);
    expect(sequencer.resume()).toEqual({ cnv_a: 2 });
  });

  it("does not rewind for a sync-complete overtaken by a history reply on the same connection", async () => {
    const stored = [1, 2, 3, 4].map((seq) => message(seq));
    const { sequencer, seqs, settle } = setup(stored);
    for (const seq of [1, 2, 3]) sequencer.accept(message(seq));
    // Reconnect claiming 3. The relay replays this conversation first (nothing new), a message 4 is
    // stored, and a get-history reply carrying it arrives before the replay of other conversations
    // ends; sync-complete still reports the 3 read at the start, and the live 4 follows it.
    expect(sequencer.resume()).toEqual({ cnv_a: 3 });
    sequencer.accept(message(4));
    sequencer.synced({ cnv_a: 3 });
    sequencer.accept(message(4));
    await settle();
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(sequencer.resume()).toEqual({ cnv_a: 4 });
  });

  it("delivers every seq exactly once and in order, whatever arrives in whatever order", async () => {
    const arrivals = fc.array(
      fc.record({ conversation: fc.constantFrom("cnv_a", "cnv_b"), seq: fc.integer({ min: 1, max: 12 }) }),
      {
        minLength: 1,
        maxLength: 40,
      },
    );
    await fc.assert(
      fc.asyncProperty(arrivals, async (list) => {
        const stored = ["cnv_a", "cnv_b"].flatMap((c) =>
          Array.from({ length: 12 }, (_, i) => message(i + 1, c)),
        );
        const { sequencer, delivered, settle } = setup(stored);
        for (const { conversation, seq } of list) sequencer.accept(message(seq, conversation));
        for (let i = 0; i < 10; i++) await settle();
        for (const conversation of ["cnv_a", "cnv_b"]) {
          const got = delivered.filter((m) => m.conversationId === conversation).map((m) => m.seq);
          const highest = Math.max(
            0,
            ...list.filter((a) => a.conversation === conversation).map((a) => a.seq),
          );
          expect(got).toEqual(Array.from({ length: got.length }, (_, i) => i + 1));
          expect(got.length).toBeGreaterThanOrEqual(highest);
        }
      }),
    );
  });
});
