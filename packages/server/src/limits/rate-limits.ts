import type { Rate } from "@relaydesk/sdk-types";
import { RelaydeskError } from "../errors.ts";

/**
 * The relay's abuse limits. A `Rate` is a token bucket: `count` at once, refilled evenly over
 * `windowMs` (so `{ count: 20, windowMs: 20_000 }` is a burst of 20, then one a second).
 */
export interface RateLimits {
  /**
   * Every frame after `hello`, per socket. Past it, requests are answered `rate-limited` and frames
   * without an id are dropped; a socket that goes on sending `count` more without a single one
   * getting through is flooding and is closed 4007 `too-many-bad-frames`.
   */
  framesPerConnection: Rate;
  /** `send-message` per socket (agents and visitors). */
  messagesPerConnection: Rate;
  /** `typing` per socket; past it they are dropped silently (the indicator expires on its own). */
  typingPerConnection: Rate;
  /** `send-message` per visitor, over all of its sockets on this node. */
  messagesPerVisitor: Rate;
  /** `start-conversation` calls that open a new conversation, per client address. */
  conversationsPerIp: Rate;
  /** Open sockets per client address; past it a socket is accepted and closed 4011. */
  connectionsPerIp: number;
}

/** What `createRelay({ limits })` takes: any limit, or part of one, over `LIMIT_DEFAULTS`. */
export type RateLimitOptions = {
  [K in keyof RateLimits]?: RateLimits[K] extends Rate ? Partial<Rate> : number;
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Generous for people, tight for scripts. A visitor types far below one message a second; a client
 * reconnecting with a full outbox sends it in one burst, which the frame budget leaves room for. An
 * office behind one NAT address shares `connectionsPerIp` and `conversationsPerIp` (the widget keeps
 * one socket per browser, shared by its tabs), hence the room there.
 */
export const LIMIT_DEFAULTS: RateLimits = {
  framesPerConnection: { count: 300, windowMs: 10 * SECOND },
  messagesPerConnection: { count: 120, windowMs: MINUTE },
  typingPerConnection: { count: 10, windowMs: 10 * SECOND },
  messagesPerVisitor: { count: 20, windowMs: 20 * SECOND },
  conversationsPerIp: { count: 60, windowMs: HOUR },
  connectionsPerIp: 200,
};

export const LIMIT_NAMES = Object.keys(LIMIT_DEFAULTS) as (keyof RateLimits)[];

/** A limit's value must be a whole number from 1 to this (a window of about 24 days at most). */
const MAX_VALUE = 2 ** 31 - 1;

/**
 * `LIMIT_DEFAULTS` with `options` laid over them, every value checked; a bad one throws
 * `invalid-option` naming it (`limits.messagesPerVisitor.count: …`).
 *
 * @example
 * resolveRateLimits({ messagesPerVisitor: { count: 10 } }).messagesPerVisitor; // { count: 10, windowMs: 20000 }
 */
export function resolveRateLimits(options: RateLimitOptions = {}, source = "limits"): RateLimits {
  for (const name of Object.keys(options)) {
    if (!(LIMIT_NAMES as string[]).includes(name)) {
      throw new RelaydeskError(
        "invalid-option",
        `${source}.${name}: no such limit (known: ${LIMIT_NAMES.join(", ")}).`,
      );
    }
  }
  const rate = (name: Exclude<keyof RateLimits, "connectionsPerIp">): Rate => {
    const given = options[name];
    if (given !== undefined && (typeof given !== "object" || given === null)) {
      throw new RelaydeskError("invalid-option", `${source}.${name}: give { count, windowMs }.`);
    }
    const merged = { ...LIMIT_DEFAULTS[name], ...given };
    return {
      count: positiveInteger(merged.count, `${source}.${name}.count`),
      windowMs: positiveInteger(merged.windowMs, `${source}.${name}.windowMs`),
    };
  };
  return {
    framesPerConnection: rate("framesPerConnection"),
    messagesPerConnection: rate("messagesPerConnection"),
    typingPerConnection: rate("typingPerConnection"),
    messagesPerVisitor: rate("messagesPerVisitor"),
    conversationsPerIp: rate("conversationsPerIp"),
    connectionsPerIp: positiveInteger(
      options.connectionsPerIp ?? LIMIT_DEFAULTS.connectionsPerIp,
      `${source}.connectionsPerIp`,
    ),
  };
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_VALUE) return value;
  throw new RelaydeskError(
    "invalid-option",
    `${name}: ${JSON.stringify(value) ?? String(value)} is not a whole number from 1 to ${MAX_VALUE}.`,
  );
}
