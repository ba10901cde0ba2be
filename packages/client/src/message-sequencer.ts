import type { Message } from "@relaydesk/sdk-types";

export interface MessageSequencerOptions {
  /**
   * Receives every message exactly once, in seq order per conversation, without gaps, except right
   * after `reset`.
   */
  deliver(message: Message): void;
  /**
   * Messages this conversation still lacked were deleted under the relay's retention: forget what
   * was delivered of it; delivery goes on from `firstSeq`.
   */
  reset(conversationId: string, firstSeq: number): void;
  /** Reads the messages after `afterSeq` from the relay (a `get-history` request). */
  fetchAfter(conversationId: string, afterSeq: number): Promise<{ messages: Message[] }>;
  /**
   * Whether a `fetchAfter` failure is final (the conversation is gone or not ours): then the gap is
   * skipped. Anything else (timeout, lost connection) leaves the gap to be filled later.
   */
  isPermanent(error: unknown): boolean;
}

/**
 * Turns messages arriving from any source (live `message-created`, resume replay, `get-history`
 * replies), possibly duplicated, late or with holes, into one ordered stream per conversation.
 */
export interface MessageSequencer {
  accept(message: Message): void;
  /** `hello.resume`: the highest delivered seq per conversation; remembered as this connection's claim. */
  resume(): Record<string, number>;
  /**
   * `sync-complete.lastSeq`: what the relay holds; fetch what we lack, and follow it if it holds
   * less than the claim of this connection's `hello` (its database was restored).
   */
  synced(lastSeq: Record<string, number>): void;
  /**
   * `not-recovered`: the relay keeps this conversation only from `firstSeq` on. When messages
   * before it were never delivered, the thread cannot be gap-free: reset and go on from `firstSeq`.
   * Ignored when everything up to `firstSeq - 1` was delivered (nothing is missing).
   */
  notRecovered(conversationId: string, firstSeq: number): void;
}

interface Cursor {
  /** Highest seq delivered; every seq at or below it has been delivered (or skipped). */
  last: number;
  /** Highest seq the relay told us exists. */
  target: number;
  /** Messages that arrived ahead of a hole, by seq. */
  early: Map<number, Message>;
  filling: boolean;
  /** What the latest `hello.resume` claimed (0 when the conversation was not in it). */
  claimed: number;
}

export function createMessageSequencer(options: MessageSequencerOptions): MessageSequencer {
  const cursors = new Map<string, Cursor>();

  function cursor(conversationId: string): Cursor {
    let c = cursors.get(conversationId);
    if (!c) {
      // A conversation seen for the first time starts at 0: if its first message has seq 40
      // (an agent offered a running conversation), 1-39 are fetched so the app gets the whole
      // thread from `message` events alone.
      c = { last: 0, target: 0, early: new Map(), filling: false, claimed: 0 };
      cursors.set(conversationId, c);
    }
    return c;
  }

  function drain(c: Cursor): void {
    for (let next = c.early.get(c.last + 1); next; next = c.early.get(c.last + 1)) {
      c.early.delete(next.seq);
      c.last = next.seq;
      options.deliver(next);
    }
  }

  function store(c: Cursor, message: Message): void {
    if (message.seq <= c.last || c.early.has(message.seq)) return;
    c.early.set(message.seq, message);
    drain(c);
  }

  /** Give up on the hole after `last`: deliver from the next message we hold, or stop waiting. */
  function skipHole(c: Cursor): void {
    if (c.early.size === 0) {
      c.target = c.last;
      return;
    }
    c.last = Math.min(...c.early.keys()) - 1;
    drain(c);
  }

  const lacking = (c: Cursor) => c.early.size > 0 || c.target > c.last;

  async function fill(conversationId: string, c: Cursor): Promise<void> {
    if (c.filling) return;
    c.filling = true;
    try {
      while (lacking(c)) {
        const before = c.last;
        const page = await options.fetchAfter(conversationId, c.last);
        for (const message of page.messages) {
          if (message.conversationId === conversationId) store(c, message);
        }
        // Storage has nothing right after `last` (outside retention): do not ask forever.
        if (c.last === before) skipHole(c);
      }
    } catch (error) {
      if (options.isPermanent(error)) {
        while (c.early.size > 0) skipHole(c);
        c.target = c.last;
      }
      // Otherwise keep the hole: the resume replay after the reconnect, the next message or the
      // next `sync-complete` starts another fill.
    } finally {
      c.filling = false;
    }
  }

  function fillIfLacking(conversationId: string, c: Cursor): void {
    if (lacking(c)) void fill(conversationId, c);
  }

  return {
    accept(message) {
      const c = cursor(message.conversationId);
      store(c, message);
      fillIfLacking(message.conversationId, c);
    },
    resume() {
      const resume: Record<string, number> = {};
      for (const [id, c] of cursors) {
        c.claimed = c.last;
        resume[id] = c.last;
      }
      return resume;
    },
    synced(lastSeq) {
      for (const [id, seq] of Object.entries(lastSeq)) {
        const c = cursor(id);
        // Only a relay holding less than the hello claimed has lost messages (its database was
        // restored): new messages will reuse those seqs and must not be dropped as duplicates.
        // Below what was delivered but not below the claim is no loss: the relay read this
        // conversation early in its replay, and a reply on this connection (get-history) has
        // since brought newer messages. Rewinding then would deliver them a second time.
        if (seq < c.claimed) {
          c.last = seq;
          c.target = seq;
          c.early.clear();
        } else {
          c.target = Math.max(c.target, seq);
        }
        fillIfLacking(id, c);
      }
    },
    notRecovered(conversationId, firstSeq) {
      const c = cursor(conversationId);
      if (c.last >= firstSeq - 1) return;
      c.last = firstSeq - 1;
      c.target = Math.max(c.target, c.last);
      for (const seq of c.early.keys()) if (seq < firstSeq) c.early.delete(seq);
      options.reset(conversationId, firstSeq);
      drain(c);
      fillIfLacking(conversationId, c);
    },
  } satisfies MessageSequencer;
}
