export {
  createSqliteStorage,
  type SqliteSettings,
  type SqliteStorage,
  type SqliteStorageOptions,
} from "./sqlite-storage.ts";
export type {
  Agent,
  App,
  ConversationFilter,
  ConversationPatch,
  NewConversation,
  NewMessage,
  Storage,
  Visitor,
} from "./types.ts";
