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
  ConversationAccess,
  ConversationFilter,
  ConversationPatch,
  NewAgent,
  NewConversation,
  NewMessage,
  Storage,
  Visitor,
  WebhookDelivery,
} from "./types.ts";
