import type { KeyedLimiter } from "./keyed-limiter.ts";
import { createMessageLine, type MessageLine } from "./message-line.ts";
import type { RateLimits } from "./rate-limits.ts";
import { fullBucket, type TokenBucket, takeToken, waitMs } from "./token-bucket.ts";

/** Refused sends one socket may have waiting in line; far more than a client's outbox holds. */
const MAX_LINE = 1_000;

/**
 * The limits one socket is held to, checked as its frames arrive. Each check answers 0 (go ahead) or
 * the ms until the same thing would be let through, and allocates nothing.
 */
export interface ConnectionLimits {
  /** Every frame after `hello`. */
  frame(now: number): number;
  /** Frames refused in a row passed the frame budget again: the socket is flooding. */
  readonly flooding: boolean;
  /** A `typing` frame: false means drop it. */
  typing(now: number): boolean;
  /** A `send-message` with this clientMsgId: 0 means it may be stored. */
  message(clientMsgId: string, now: number): number;
  /** A `send-message` refused by the frame budget for `waitMs`: held in order like one refused above. */
  refuseMessage(clientMsgId: string, now: number, waitMs: number): number;
}

export interface ConnectionLimitsOptions {
  limits: RateLimits;
  /** Visitor sockets: the visitor's shared budget and its key. */
  visitor?: { limiter: KeyedLimiter; visitorId: string } | undefined;
  now: number;
}

/**
 * Refused sends wait in a `MessageLine`, so messages are stored in the order they were sent however
 * the limits refuse them.
 *
 * @example
 * const limits = createConnectionLimits({ limits: LIMIT_DEFAULTS, now: Date.now() });
 * const wait = limits.message("m1", Date.now()); // 0, or retry after `wait` ms
 */
export function createConnectionLimits(options: ConnectionLimitsOptions): ConnectionLimits {
  return new SocketLimits(options);
}

/**
 * A class, not a factory of closures: one of these lives as long as each socket, and methods on
 * the prototype keep an idle socket's share small (DESIGN §8 budgets 16 kB per idle visitor socket;
 * seven closures and their context per socket were about 2 kB of it).
 */
class SocketLimits implements ConnectionLimits {
  readonly #limits: RateLimits;
  readonly #visitor: ConnectionLimitsOptions["visitor"];
  readonly #frames: TokenBucket;
  readonly #messages: TokenBucket;
  readonly #typing: TokenBucket;
  readonly #tokenIntervalMs: number;
  #refusedInRow = 0;
  /** Made on the first refusal: most sockets never meet a limit and need not carry an empty line. */
  #waiting: MessageLine | null = null;

  constructor({ limits, visitor, now }: ConnectionLimitsOptions) {
    this.#limits = limits;
    this.#visitor = visitor;
    this.#frames = fullBucket(limits.framesPerConnection, now);
    this.#messages = fullBucket(limits.messagesPerConnection, now);
    this.#typing = fullBucket(limits.typingPerConnection, now);
    const messageRate = limits.messagesPerConnection;
    const visitorRate = visitor?.limiter.rate;
    this.#tokenIntervalMs = Math.ceil(
      Math.max(
        messageRate.windowMs / messageRate.count,
        visitorRate ? visitorRate.windowMs / visitorRate.count : 0,
      ),
    );
  }

  frame(now: number): number {
    const wait = takeToken(this.#frames, this.#limits.framesPerConnection, now);
    this.#refusedInRow = wait === 0 ? 0 : this.#refusedInRow + 1;
    return wait;
  }

  get flooding(): boolean {
    return this.#refusedInRow > this.#limits.framesPerConnection.count;
  }

  typing(now: number): boolean {
    return takeToken(this.#typing, this.#limits.typingPerConnection, now) === 0;
  }

  message(clientMsgId: string, now: number): number {
    const visitor = this.#visitor;
    const wait = Math.max(
      waitMs(this.#messages, this.#limits.messagesPerConnection, now),
      visitor ? visitor.limiter.wait(visitor.visitorId, now) : 0,
    );
    if (wait > 0 || (this.#waiting !== null && !this.#waiting.mayPass(clientMsgId, now))) {
      return this.refuseMessage(clientMsgId, now, wait);
    }
    takeToken(this.#messages, this.#limits.messagesPerConnection, now);
    visitor?.limiter.take(visitor.visitorId, now);
    this.#waiting?.passed(clientMsgId);
    return 0;
  }

  refuseMessage(clientMsgId: string, now: number, waitMs: number): number {
    this.#waiting ??= createMessageLine({
      tokenIntervalMs: this.#tokenIntervalMs,
      // A client that never comes back for its message is given up on after a window.
      graceMs: Math.max(
        this.#limits.messagesPerConnection.windowMs,
        this.#visitor?.limiter.rate.windowMs ?? 0,
      ),
      maxLength: MAX_LINE,
    });
    const line = this.#waiting;
    // Not at the head: at least a token's wait, even if a token is free (it is the head's).
    return line.refuse(
      clientMsgId,
      now,
      line.mayPass(clientMsgId, now) ? waitMs : Math.max(waitMs, this.#tokenIntervalMs),
    );
  }
}
