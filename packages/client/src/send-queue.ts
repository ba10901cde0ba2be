import type { Ack, SendMessage } from "@relaydesk/sdk-types";
import { checkMessage } from "./check-message.ts";
import { createId } from "./client-id.ts";
import { createOutbox } from "./outbox.ts";
import { RelaydeskError } from "./relaydesk-error.ts";
import type { RequestTracker } from "./request-tracker.ts";
import type { OutboxStore, PendingMessage } from "./types.ts";

export interface SendQueueOptions {
  tracker: RequestTracker;
  /** Send a frame on the open connection; false when there is none. */
  send(frame: SendMessage): boolean;
  isOpen(): boolean;
  requestTimeoutMs: number;
  /** Wait before resending after the `attempt`-th retryable error reply without `retryAfterMs`. */
  retryDelay(attempt: number): number;
  /** Where the outbox is kept between runs; its entries are queued first. */
  store?: OutboxStore | undefined;
  /** An entry was acknowledged (once per clientMsgId), just before its promise resolves. */
  onAck(ack: Ack): void;
  /** An entry was refused for good and left the outbox, just before its promise rejects. */
  onRefused(message: PendingMessage, error: RelaydeskError): void;
}

/**
 * `sendMessage` and its guarantee: a message is sent until the relay acknowledges it, always under
 * its original clientMsgId (the relay stores a clientMsgId once), and its promise settles once.
 */
export interface SendQueue {
  /** Queue a checked message; a clientMsgId that is still pending returns its first promise. */
  add(conversationId: string, body: string, clientMsgId: string, attachments?: string[]): Promise<Ack>;
  /** An ack that arrived without a tracked request (a late ack for a copy that timed out). */
  acked(ack: Ack): void;
  /** After `welcome`: send every entry not in flight, in send order. */
  flush(): void;
  /** The connection is gone: nothing is in flight any more; entries wait for `flush`. */
  detach(): void;
  pending(): PendingMessage[];
}

interface Entry extends PendingMessage {
  /** Set while a copy is in flight on the current connection. */
  requestId: string | null;
  attempts: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
  promise: Promise<Ack>;
  resolve(ack: Ack): void;
  reject(error: RelaydeskError): void;
}

/** An entry as the app and the store see it. */
function plain({ conversationId, clientMsgId, body, attachments, queuedAt }: PendingMessage): PendingMessage {
  return { conversationId, clientMsgId, body, attachments, queuedAt };
}

export function createSendQueue(options: SendQueueOptions): SendQueue {
  const outbox = createOutbox<Entry>();
  const { store } = options;

  function save(): void {
    try {
      store?.save(pending());
    } catch {
      // Full or blocked storage: the outbox still works in memory, it only forgets on reload.
    }
  }

  const pending = () => outbox.entries().map(plain);

  function enqueue(
    conversationId: string,
    body: string,
    clientMsgId: string,
    queuedAt: number,
    attachments?: string[],
  ): Entry {
    let settle!: Pick<Entry, "resolve" | "reject">;
    const promise = new Promise<Ack>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const entry: Entry = {
      conversationId,
      clientMsgId,
      body,
      attachments,
      queuedAt,
      requestId: null,
      attempts: 0,
      retryTimer: null,
      promise,
      ...settle,
    };
    outbox.add(entry);
    return entry;
  }

  function transmit(entry: Entry): void {
    if (!options.isOpen()) return;
    const id = createId("r_");
    entry.requestId = id;
    options.tracker.track(
      id,
      {
        reply(frame) {
          if (frame.type === "ack") acked(frame);
          else if (frame.type === "error")
            rejected(entry, RelaydeskError.fromFrame(frame), frame.retryAfterMs);
        },
        // No answer in time: the same clientMsgId again, never a rejection.
        timeout() {
          if (outbox.get(entry.clientMsgId) === entry) transmit(entry);
        },
      },
      options.requestTimeoutMs,
    );
    options.send({
      type: "send-message",
      id,
      conversationId: entry.conversationId,
      clientMsgId: entry.clientMsgId,
      body: entry.body,
      // Left out of the JSON when undefined.
      attachments: entry.attachments,
    } as SendMessage);
  }

  function acked(ack: Ack): void {
    const entry = outbox.remove(ack.clientMsgId);
    if (!entry) return;
    if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
    save();
    options.onAck(ack);
    entry.resolve(ack);
  }

  function rejected(entry: Entry, error: RelaydeskError, retryAfterMs?: number): void {
    if (outbox.get(entry.clientMsgId) !== entry) return;
    entry.requestId = null;
    if (error.retry) {
      // `rate-limited` says when: the relay keeps refused sends in their order and spaces their
      // retry times a token apart, so resending each when told drains the outbox in order.
      entry.retryTimer = setTimeout(
        () => {
          entry.retryTimer = null;
          transmit(entry);
        },
        retryAfterMs ?? options.retryDelay(entry.attempts++),
      );
      return;
    }
    // An answer that will not change (conversation closed, not found, …): give up on this one.
    outbox.remove(entry.clientMsgId);
    save();
    options.onRefused(plain(entry), error);
    entry.reject(error);
  }

  try {
    for (const item of store?.load() ?? []) {
      // Storage may have been edited or written by another version: skip what the relay would refuse.
      const { conversationId, body, clientMsgId, queuedAt, attachments } = { ...item };
      if (checkMessage(conversationId, body, clientMsgId, undefined, attachments)) continue;
      // Nobody awaits a restored entry (until `add` hands out its promise): its outcome goes out
      // as `ack` / `send-failed` events, so a rejection here is expected, not an unhandled error.
      enqueue(conversationId, body, clientMsgId, Number(queuedAt) || Date.now(), attachments).promise.catch(
        () => {},
      );
    }
  } catch {
    // Unreadable storage (or not a list): keep what was restored so far.
  }

  return {
    add(conversationId, body, clientMsgId, attachments) {
      const existing = outbox.get(clientMsgId);
      if (existing) return existing.promise;
      const entry = enqueue(conversationId, body, clientMsgId, Date.now(), attachments);
      save();
      transmit(entry);
      return entry.promise;
    },
    acked,
    flush() {
      for (const entry of outbox.entries()) {
        if (entry.requestId === null && entry.retryTimer === null) transmit(entry);
      }
    },
    detach() {
      for (const entry of outbox.entries()) {
        if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
        entry.retryTimer = null;
        entry.requestId = null;
      }
    },
    pending,
  } satisfies SendQueue;
}
