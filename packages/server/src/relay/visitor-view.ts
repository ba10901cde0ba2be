import type { Conversation, ServerFrame } from "@relaydesk/sdk-types";

/**
 * A frame as a visitor socket may see it. Every frame a visitor socket is sent passes through
 * here (see `connection.ts`), so no request handler or bus publication can hand a visitor what is
 * for agents, whatever it puts in a conversation. Frames without conversations are returned as
 * they are (the encoder's cache keys on them).
 */
export function visitorView(frame: ServerFrame): ServerFrame {
  switch (frame.type) {
    case "conversation":
    case "conversation-created":
    case "conversation-updated":
      return { ...frame, conversation: visitorConversation(frame.conversation) };
    case "conversations":
      return { ...frame, conversations: frame.conversations.map(visitorConversation) };
    default:
      return frame;
  }
}

/**
 * A conversation as its visitor sees it. Left out: the agents' working state (queue, priority,
 * waiting time, tags — a "refund-risk" tag is not for the customer's eyes — SLA clock, first
 * response time, the email left while offline, the pre-chat answers), the `timeZone` attribute (the
 * visitor's local time is for agents; the visitor knows it) and `visitor`, who the
 * visitor is for agents. Visitors do not get even their own profile back: the page that identified
 * them already holds it, and a rule without exceptions is one that cannot leak another visitor's.
 */
function visitorConversation(conversation: Conversation): Conversation {
  const {
    queueId: _queue,
    priority: _priority,
    waitingSince: _since,
    tags: _tags,
    visitor: _visitor,
    sla: _sla,
    firstResponseAt: _firstResponse,
    offlineEmail: _email,
    slaBreaches: _breaches,
    prechat: _prechat,
    ...rest
  } = conversation;
  if (!("timeZone" in rest.attributes)) return rest;
  const { timeZone: _zone, ...attributes } = rest.attributes;
  return { ...rest, attributes };
}
