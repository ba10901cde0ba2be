import type { ReplyFrame } from "@relaydesk/sdk-types";

/** What to do with a request's outcome. Exactly one of the two runs, at most once. */
export interface TrackedRequest {
  reply(frame: ReplyFrame): void;
  timeout(): void;
}

/** Requests in flight on the current connection: request id -> its handlers and timeout. */
export interface RequestTracker {
  /** Remember request `id` as sent; `timeout` runs if no reply arrives within `timeoutMs`. */
  track(id: string, request: TrackedRequest, timeoutMs: number): void;
  /** Hand `frame` to the request `replyTo`; false when no such request is in flight (late or unknown). */
  settle(replyTo: string, frame: ReplyFrame): boolean;
  /**
   * Forget every request without settling it: the connection that carried them is gone, and the
   * client decides per request whether to send it again on the next connection.
   */
  clear(): void;
  readonly size: number;
}

export function createRequestTracker(): RequestTracker {
  const inFlight = new Map<string, { request: TrackedRequest; timer: ReturnType<typeof setTimeout> }>();
  return {
    track(id, request, timeoutMs) {
      const previous = inFlight.get(id);
      if (previous) clearTimeout(previous.timer);
      const timer = setTimeout(() => {
        inFlight.delete(id);
        request.timeout();
      }, timeoutMs);
      inFlight.set(id, { request, timer });
    },
    settle(replyTo, frame) {
      const entry = inFlight.get(replyTo);
      if (!entry) return false;
      inFlight.delete(replyTo);
      clearTimeout(entry.timer);
      entry.request.reply(frame);
      return true;
    },
    clear() {
      for (const { timer } of inFlight.values()) clearTimeout(timer);
      inFlight.clear();
    },
    get size() {
      return inFlight.size;
    },
  } satisfies RequestTracker;
}
