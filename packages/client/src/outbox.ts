/**
 * Messages sent but not yet acknowledged, keyed by clientMsgId, iterated in send order. Resending
 * them in that order after a reconnect keeps the relay's seqs in the order the user typed.
 */
export interface Outbox<E extends { clientMsgId: string }> {
  /** Append `entry` (or move an entry with the same clientMsgId to the end). */
  add(entry: E): void;
  get(clientMsgId: string): E | undefined;
  /** Take the entry out; returns it, or undefined when it was not there (already settled). */
  remove(clientMsgId: string): E | undefined;
  /** A snapshot in send order: safe to iterate while entries are added or removed. */
  entries(): E[];
  readonly size: number;
}

export function createOutbox<E extends { clientMsgId: string }>(): Outbox<E> {
  // A Map iterates in insertion order, which is exactly send order.
  const byId = new Map<string, E>();
  return {
    add(entry) {
      byId.delete(entry.clientMsgId);
      byId.set(entry.clientMsgId, entry);
    },
    get: (clientMsgId) => byId.get(clientMsgId),
    remove(clientMsgId) {
      const entry = byId.get(clientMsgId);
      byId.delete(clientMsgId);
      return entry;
    },
    entries: () => [...byId.values()],
    get size() {
      return byId.size;
    },
  } satisfies Outbox<E>;
}
