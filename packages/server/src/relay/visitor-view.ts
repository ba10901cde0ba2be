import type { Conversation, ServerFrame } from "@relaydesk/sdk-types";

/**
 * A frame as a visitor socket may see it: conversations lose `visitor` (who the visitor is, for
 * agents). Every frame a visitor socket is sent passes through here (see `connection.ts`), so no
 * request handler or bus publication can hand a visitor the context agents get, whatever it puts
 * in a conversation. Visitors do not get even their own profile back: the page that identified
 * them already holds it, and a rule without exceptions is one that cannot leak another visitor's.
 * Frames without conversations are returned as they are (the encoder's cache keys on them).
 */
export function visitorView(frame: ServerFrame): ServerFrame {
  switch (frame.type) {
    case "conversation":
    case "conversation-created":
    case "conversation-updated":
      return { ...frame, conversation: withoutVisitor(frame.conversation) };
    case "conversations":
      return { ...frame, conversations: frame.conversations.map(withoutVisitor) };
    default:
      return frame;
  }
}

function withoutVisitor(conversation: Conversation): Conversation {
  const { visitor: _visitor, ...rest } = conversation;
  return rest;
}
