import { type ConnectionCounter, createConnectionCounter } from "./connection-counter.ts";
import { createKeyedLimiter, type KeyedLimiter } from "./keyed-limiter.ts";
import type { RateLimits } from "./rate-limits.ts";

/** The limits shared by every socket of one relay (per-socket ones live in `ConnectionLimits`). */
export interface RelayLimiters {
  limits: RateLimits;
  messagesPerVisitor: KeyedLimiter;
  conversationsPerIp: KeyedLimiter;
  connectionsPerIp: ConnectionCounter;
}

export function createRelayLimiters(limits: RateLimits): RelayLimiters {
  return {
    limits,
    messagesPerVisitor: createKeyedLimiter({ rate: limits.messagesPerVisitor }),
    conversationsPerIp: createKeyedLimiter({ rate: limits.conversationsPerIp }),
    connectionsPerIp: createConnectionCounter(limits.connectionsPerIp),
  } satisfies RelayLimiters;
}
