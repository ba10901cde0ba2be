export { type InboxEntry, type InboxGroups, inboxGroups } from "./inbox-groups.ts";
export {
  type ConsoleStore,
  type ConsoleStoreOptions,
  createConsoleStore,
  type PendingSend,
  TOKEN_KEY,
  type TokenStorage,
} from "./store.ts";
