/**
 * Fan-out between relay nodes (and, in one process, between connections). Storage is the source
 * of truth; the bus only carries news of it, so a subscriber that misses a publication heals on
 * resume from storage. Payloads are JSON-serialisable values.
 *
 * Implementations MUST:
 * - deliver each publication to every handler subscribed to its topic at the time of publishing,
 *   on this node and on every other node sharing the bus;
 * - deliver publications of one publisher on one topic in the order they were published;
 * - keep handlers apart: no handler can change what another handler or the publisher sees (give
 *   each a copy, or all of them one deeply frozen copy);
 * - stop delivering to a handler once its unsubscribe promise has resolved;
 * - isolate handlers: one that throws MUST NOT stop delivery to the others.
 * Implementations MUST NOT deliver a publication to the same handler twice.
 */
export interface Bus {
  publish(topic: string, payload: unknown): Promise<void>;
  /** Resolves once the subscription is active; returns the function that ends it. */
  subscribe(topic: string, handler: (payload: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
