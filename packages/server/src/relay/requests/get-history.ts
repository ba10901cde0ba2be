import type { GetHistory } from "@relaydesk/sdk-types";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleConversation } from "../request-scope.ts";

const DEFAULT_LIMIT = 50;

/** One page of a conversation's messages after `afterSeq`, oldest first. */
export async function getHistory(scope: RequestScope, request: GetHistory): Promise<void> {
  const { outbound, services } = scope;
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  const limit = request.limit ?? DEFAULT_LIMIT;
  // One more than asked tells whether another page exists without a count query.
  const page = await services.storage.listMessages(conversation.id, request.afterSeq ?? 0, limit + 1);
  outbound.send({
    type: "history",
    replyTo: request.id,
    conversationId: conversation.id,
    messages: page.slice(0, limit),
    hasMore: page.length > limit,
  });
}
