// `@relaydesk/client/parts`: pieces of the client for code built beside it (the widget's cross-tab
// client), so a bundle that holds both carries one copy of each.
export { createId } from "./client-id.ts";
export { createEmitter, type Emitter } from "./emitter.ts";
