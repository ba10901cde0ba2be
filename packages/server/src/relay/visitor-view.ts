import type { Conversation } from "@relaydesk/sdk-types";

/**
 * A conversation as its visitor sees it: the queue, priority, waiting time and tags are the
 * agents' working state (a "refund-risk" tag is not for the customer's eyes), so they are left
 * out of every frame that goes to a visitor.
 */
export function visitorView(conversation: Conversation): Conversation {
  const { queueId: _queue, priority: _priority, waitingSince: _since, tags: _tags, ...rest } = conversation;
  return rest;
}
