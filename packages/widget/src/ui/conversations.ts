// The `conversations` part (widget-parts.ts): what the visitor needs to move between conversations,
// not to chat in one. One chunk, loaded when the panel opens; it brings its English (list-strings.ts).
export { ClosedNote } from "./closed-note.tsx";
export { ConversationList } from "./conversation-list.tsx";
export { adoptConversations } from "./list-strings.ts";
