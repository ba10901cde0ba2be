export { clientAddress } from "./client-address.ts";
export { type ConnectionCounter, createConnectionCounter } from "./connection-counter.ts";
export { type ConnectionLimits, createConnectionLimits } from "./connection-limits.ts";
export { addressKey, type IpAddress, parseIp } from "./ip-address.ts";
export { createKeyedLimiter, KEYED_LIMITER_DEFAULTS, type KeyedLimiter } from "./keyed-limiter.ts";
export {
  LIMIT_DEFAULTS,
  LIMIT_NAMES,
  type RateLimitOptions,
  type RateLimits,
  resolveRateLimits,
} from "./rate-limits.ts";
export { createRelayLimiters, type RelayLimiters } from "./relay-limiters.ts";
export { parseTrustedProxies, type TrustedProxies } from "./trusted-proxies.ts";
