// The `conversations` part (widget-parts.ts): what the visitor needs beyond chatting in one
// conversation — moving between conversations, and the conversation extras (pre-chat form, offline
// notice and email, rating, transcript). One chunk, loaded when the panel opens; it brings its
// English (list-strings.ts).
export { ClosedNote } from "./closed-note.tsx";
export { ConversationList } from "./conversation-list.tsx";
export { summariesOf } from "./conversation-summaries.ts";
export { ExtrasFoot } from "./extras-foot.tsx";
export { adoptConversations } from "./list-strings.ts";
