import { nextTick } from "node:process";
import type { Author, EventFrame, Message, ServerFrame } from "@relaydesk/sdk-types";
import { WebSocket } from "ws";
import type { Logger } from "../logger.ts";
import { isOwnEcho } from "./fan-out.ts";

/**
 * Everything one socket is sent goes through here. Two jobs:
 *
 * 1. Backpressure. A live frame finding more than `maxBufferedBytes` unsent is a slow consumer and
 *    ends the connection; replay instead waits for the buffer to drain (`sendPaced`), because a
 *    resuming client legitimately receives a burst.
 * 2. Exactly once, in seq order, per conversation. The socket remembers the highest seq it sent per
 *    conversation. A message at or below it is a duplicate (replay and bus overlap) and is dropped;
 *    one above the next expected seq means the bus delivered out of order or lost something (two
 *    senders publish concurrently, a lossy bus), so the gap is read from storage first. Events wait
 *    in a queue while the replay or a gap read is running, which keeps their order.
 *
 * A conversation the socket has no seq for yet (an agent seeing a conversation for the first time)
 * starts at whatever arrives: history the client never asked for is not pushed to it.
 */
export interface Outbound {
  /** Send now. False when the socket is not open or was just closed as a slow consumer. */
  send(frame: ServerFrame): boolean;
  /** Send, waiting for the buffer to drain first when it is filling up. For bulk replay. */
  sendPaced(frame: ServerFrame): Promise<boolean>;
  /** Whose own typing/read/delivered echoes to drop from now on (a visitor that identified). */
  setSelf(self: Author): void;
  /** An event from the bus; filtered, deduplicated, gap-filled and queued as described above. */
  deliver(frame: EventFrame): void;
  /** Queue bus events until `release` (while the resume replay runs). */
  hold(): void;
  release(): void;
  /** The client holds every message of this conversation up to `seq`. */
  markSent(conversationId: string, seq: number): void;
  sentSeq(conversationId: string): number | undefined;
}

export interface OutboundOptions {
  ws: WebSocket;
  self: Author;
  maxBufferedBytes: number;
  /** More events than this waiting behind a replay or gap read: treated as a slow consumer. */
  maxQueuedEvents: number;
  /** Messages with seq > afterSeq, ascending, at most `limit` (storage). */
  listMessages(conversationId: string, afterSeq: number, limit: number): Promise<Message[]>;
  onSlowConsumer(): void;
  logger: Logger;
  /**
   * The TCP socket under `ws`. When given, frames sent during one tick are held (`cork`) and
   * leave together when the tick ends: a group commit resolves a burst of sends at once, and one
   * write per socket costs far less than a system call per frame.
   */
  socket?: Corkable;
  /** Frame to message bytes; shared between sockets so a fanned-out message is encoded once. */
  encode?(frame: ServerFrame): Buffer;
}

/** What holding writes for a tick needs from the socket (a `net.Socket` / `Duplex`). */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

const GAP_PAGE = 100;

export function createOutbound(options: OutboundOptions): Outbound {
  const { ws, maxBufferedBytes, logger } = options;
  let self = options.self;
  const encode = options.encode ?? ((frame: ServerFrame) => Buffer.from(JSON.stringify(frame)));
  const sent = new Map<string, number>();
  const queue: EventFrame[] = [];
  let holds = 0;
  let filling = false;
  let slow = false;

  const open = () => !slow && ws.readyState === WebSocket.OPEN;

  // While corked, `ws.bufferedAmount` also counts what this tick sent and holds back on purpose;
  // what the client has not taken yet is what was buffered when the tick began.
  let unsentBeforeCork: number | null = null;
  const unsent = () => unsentBeforeCork ?? ws.bufferedAmount;
  const corkUntilTickEnds = () => {
    const { socket } = options;
    if (!socket || unsentBeforeCork !== null) return;
    unsentBeforeCork = ws.bufferedAmount;
    socket.cork();
    nextTick(() => {
      unsentBeforeCork = null;
      socket.uncork();
    });
  };

  const markSlow = () => {
    if (slow) return;
    slow = true;
    queue.length = 0;
    options.onSlowConsumer();
  };

  const send = (frame: ServerFrame): boolean => {
    if (!open()) return false;
    if (unsent() > maxBufferedBytes) {
      markSlow();
      return false;
    }
    corkUntilTickEnds();
    ws.send(encode(frame), { binary: false });
    return true;
  };

  const sendPaced = (frame: ServerFrame): Promise<boolean> => {
    if (!open()) return Promise.resolve(false);
    const bytes = encode(frame);
    corkUntilTickEnds();
    if (ws.bufferedAmount + bytes.length <= maxBufferedBytes / 2) {
      ws.send(bytes, { binary: false });
      return Promise.resolve(true);
    }
    // The callback runs once this frame (and so everything before it) has left our buffer.
    return new Promise((resolve) => ws.send(bytes, { binary: false }, (error) => resolve(!error && open())));
  };

  const markSent = (conversationId: string, seq: number) => {
    const current = sent.get(conversationId);
    if (current === undefined || seq > current) sent.set(conversationId, seq);
  };

  const fillGap = async (conversationId: string, from: number, until: number) => {
    let after = from;
    while (after < until - 1 && open()) {
      const page = await options.listMessages(conversationId, after, Math.min(until - 1 - after, GAP_PAGE));
      if (page.length === 0) return;
      for (const message of page) {
        if (message.seq <= after) continue;
        // Seqs have no holes in storage, only a deleted prefix: the rest of the gap is past retention.
        if (message.seq > after + 1) {
          const gone = { type: "not-recovered", conversationId, firstSeq: message.seq } as const;
          if (!(await sendPaced(gone))) return;
          after = message.seq - 1;
        }
        if (message.seq >= until) return;
        if (!(await sendPaced({ type: "message-created", message }))) return;
        after = message.seq;
        markSent(conversationId, message.seq);
      }
    }
  };

  /** Returns false when it started an asynchronous gap read; the queue waits for it. */
  const process = (frame: EventFrame): boolean => {
    if (isOwnEcho(frame, self)) return true;
    if (frame.type === "conversation-created") {
      // A brand-new conversation has no messages, so every seq from 1 on must reach this socket.
      if (!sent.has(frame.conversation.id)) sent.set(frame.conversation.id, frame.conversation.lastSeq);
      send(frame);
      return true;
    }
    if (frame.type !== "message-created") {
      send(frame);
      return true;
    }
    const { conversationId, seq } = frame.message;
    const last = sent.get(conversationId);
    if (last !== undefined && seq <= last) return true;
    if (last === undefined || seq === last + 1) {
      markSent(conversationId, seq);
      send(frame);
      return true;
    }
    filling = true;
    fillGap(conversationId, last, seq)
      .catch((error: unknown) => logger.error("gap read failed", { conversationId, error }))
      .finally(() => {
        filling = false;
        if ((sent.get(conversationId) ?? 0) < seq) {
          markSent(conversationId, seq);
          send(frame);
        }
        drain();
      });
    return false;
  };

  const drain = () => {
    while (queue.length > 0 && holds === 0 && !filling) {
      const next = queue.shift();
      if (next && !process(next)) return;
    }
  };

  return {
    send,
    sendPaced,
    setSelf(next) {
      self = next;
    },
    deliver(frame) {
      if (!open()) return;
      if (holds > 0 || filling || queue.length > 0) {
        queue.push(frame);
        if (queue.length > options.maxQueuedEvents) markSlow();
        return;
      }
      process(frame);
    },
    hold() {
      holds += 1;
    },
    release() {
      holds = Math.max(0, holds - 1);
      drain();
    },
    markSent,
    sentSeq: (conversationId) => sent.get(conversationId),
  } satisfies Outbound;
}
