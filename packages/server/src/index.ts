export { hashToken, newToken } from "./auth/tokens.ts";
export { createMemoryBus, createMemoryHub, type MemoryBusOptions, type MemoryHub } from "./bus/memory-bus.ts";
export type { Bus } from "./bus/types.ts";
export { isRelaydeskError, RelaydeskError, type RelaydeskErrorCode } from "./errors.ts";
export { createHttpHandler, type HttpAssets } from "./http/create-http-handler.ts";
export {
  LIMIT_DEFAULTS,
  type RateLimitOptions,
  type RateLimits,
} from "./limits/rate-limits.ts";
export { createConsoleLogger, createSilentLogger, type LogFields, type Logger } from "./logger.ts";
export {
  createRelay,
  DEFAULTS as RELAY_DEFAULTS,
  type Relay,
  type RelayOptions,
} from "./relay/create-relay.ts";
export * from "./routing/index.ts";
export {
  createSqliteStorage,
  type SqliteStorage,
  type SqliteStorageOptions,
} from "./storage/sqlite-storage.ts";
export type {
  Agent,
  AgentRole,
  App,
  AppWebhook,
  Storage,
  Visitor,
  WebhookDelivery,
} from "./storage/types.ts";
export * from "./webhooks/index.ts";
