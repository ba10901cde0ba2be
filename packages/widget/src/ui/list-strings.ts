import { EN } from "../strings.ts";
import { CONVERSATIONS_CSS } from "./conversations-styles.ts";
import { EXTRAS_EN } from "./extras-strings.ts";
import { REASONS_EN } from "./failure-reason.ts";

/**
 * The English texts of the conversations part (the list, the note under a closed conversation):
 * added to `EN` when its chunk loads, so widget.js does not carry them.
 */
export const LIST_EN = {
  noConversations: "No conversations yet.",
  noMessages: "No messages yet",
  you: "You:",
  open: "Open",
  closed: "Closed",
  unreadDot: "Unread",
  newConversation: "New conversation",
  closedNote: "This conversation is closed.",
  startNew: "Start a new conversation",
};

/**
 * Adopt the part: its stylesheet, and its English (the list's, the extras') into `EN`
 * (widget-parts.ts calls it when the chunk loads).
 */
export function adoptConversations(addCss: (css: string) => unknown): void {
  addCss(CONVERSATIONS_CSS);
  Object.assign(EN, LIST_EN, EXTRAS_EN, REASONS_EN);
}
