import type { GetHistory } from "@relaydesk/sdk-types";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleConversation } from "../request-scope.ts";

const DEFAULT_LIMIT = 50;

/**
 * One page of a conversation's messages after `afterSeq`, oldest first. Asked from below what
 * retention kept, the reply is preceded by `not-recovered` (on the same socket, so it arrives
 * first) and holds the retained messages from `firstSeq` on.
 */
export async function getHistory(scope: RequestScope, request: GetHistory): Promise<void> {
  const { outbound, services } = scope;
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  const limit = request.limit ?? DEFAULT_LIMIT;
  // One more than asked tells whether another page exists without a count query.
  const afterSeq = request.afterSeq ?? 0;
  const page = await services.storage.listMessages(conversation.id, afterSeq, limit + 1);
  // Storage keeps a conversation's messages from some seq on without holes, so a first message
  // past afterSeq + 1, or none while the conversation went further, means a deleted prefix.
  const firstSeq =
    page[0]?.seq ??
    (afterSeq < conversation.lastSeq ? await services.storage.firstSeq(conversation.id) : null);
  if (firstSeq !== null && firstSeq > afterSeq + 1) {
    outbound.send({ type: "not-recovered", conversationId: conversation.id, firstSeq });
  }
  outbound.send({
    type: "history",
    replyTo: request.id,
    conversationId: conversation.id,
    messages: page.slice(0, limit),
    hasMore: page.length > limit,
  });
}
