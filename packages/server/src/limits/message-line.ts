/**
 * The sends one socket was refused, in the order they were first refused. While anyone is in line,
 * only the one at its head may be let through, so refused messages are stored in the order they
 * were sent even when tokens come back between a client's resends and its new messages: otherwise a
 * message typed while older ones wait for their retry time would take the first free token and be
 * stored before them.
 *
 * Each is told a retry time a token interval after the one before it, so a client that resends
 * each message when told drains its outbox in order at the allowed rate, rather than resending all
 * of it every time a token comes back. A head whose client never comes back for it (gave the
 * message up) is dropped `graceMs` after its retry time. Memory is bounded: past `maxLength`, sends
 * are refused without a place in line (a well-behaved client never has that many waiting).
 */
export interface MessageLine {
  /** True when nobody is in line or `clientMsgId` is at its head (a dropped head lets the next one up). */
  mayPass(clientMsgId: string, now: number): boolean;
  /** `clientMsgId` was refused, for at least `waitMs`: keep (or put) it in line; the ms to tell it to wait. */
  refuse(clientMsgId: string, now: number, waitMs: number): number;
  /** `clientMsgId` was let through. */
  passed(clientMsgId: string): void;
  readonly size: number;
}

export interface MessageLineOptions {
  /** Time between two tokens of the tightest message rate: the spacing of retry times. */
  tokenIntervalMs: number;
  graceMs: number;
  maxLength: number;
}

export function createMessageLine(options: MessageLineOptions): MessageLine {
  const { tokenIntervalMs, graceMs, maxLength } = options;
  // A Map iterates in insertion order, and `set` on a key already there keeps its place: the line.
  const retryAt = new Map<string, number>();
  let tail = 0;

  return {
    mayPass(clientMsgId, now) {
      if (retryAt.size === 0) return true;
      for (const [head, due] of retryAt) {
        if (head === clientMsgId) return true;
        if (now <= due + graceMs) return false;
        retryAt.delete(head);
      }
      return true;
    },
    refuse(clientMsgId, now, waitMs) {
      const told = retryAt.get(clientMsgId);
      const at =
        told !== undefined
          ? Math.max(told, now + waitMs)
          : Math.max(now + waitMs, retryAt.size > 0 ? tail + tokenIntervalMs : 0);
      if (told !== undefined || retryAt.size < maxLength) {
        retryAt.set(clientMsgId, at);
        tail = Math.max(tail, at);
      }
      return at - now;
    },
    passed(clientMsgId) {
      retryAt.delete(clientMsgId);
      if (retryAt.size === 0) tail = 0;
    },
    get size() {
      return retryAt.size;
    },
  } satisfies MessageLine;
}
