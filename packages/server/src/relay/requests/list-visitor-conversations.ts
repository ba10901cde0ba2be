import {
  type ListVisitorConversations,
  VISITOR_HISTORY_LIMIT,
  type VisitorConversationEntry,
} from "@relaydesk/sdk-types";
import { maySee, type RequestScope } from "../request-scope.ts";
import { agentConversation } from "./agent-conversation.ts";

/**
 * Agent: the visitor's other conversations in the same app, newest activity first, with the last
 * message of each for a preview. The conversation asked about must be visible to the agent
 * (`not-found` otherwise, like any other); each one listed passes the same `maySee` rule.
 */
export async function listVisitorConversations(
  scope: RequestScope,
  request: ListVisitorConversations,
): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const { conversation } = found;
  const { storage } = scope.services;
  const others = (
    await storage.listConversations({ appId: conversation.appId, visitorId: conversation.visitorId })
  ).filter((c) => c.id !== conversation.id && maySee(scope.identity, c));
  const conversations: VisitorConversationEntry[] = [];
  for (const other of others.slice(0, VISITOR_HISTORY_LIMIT)) {
    const [lastMessage] = other.lastSeq > 0 ? await storage.listMessages(other.id, other.lastSeq - 1, 1) : [];
    conversations.push({ conversation: other, ...(lastMessage ? { lastMessage } : {}) });
  }
  scope.outbound.send({
    type: "visitor-conversations",
    replyTo: request.id,
    conversationId: conversation.id,
    conversations,
    total: others.length,
  });
}
