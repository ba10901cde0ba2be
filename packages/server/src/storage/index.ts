export {
  createSqliteStorage,
  type SqliteSettings,
  type SqliteStorage,
  type SqliteStorageOptions,
} from "./sqlite-storage.ts";
export type {
  Agent,
  AgentRole,
  App,
  ConversationFilter,
  ConversationPatch,
  NewAgent,
  NewConversation,
  NewMessage,
  Storage,
  Visitor,
  WebhookDelivery,
} from "./types.ts";
