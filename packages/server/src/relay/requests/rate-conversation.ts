import type { ConversationRating, RateConversation } from "@relaydesk/sdk-types";
import { isRelaydeskError } from "../../errors.ts";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visitorConversation } from "../request-scope.ts";

/**
 * Visitor: rate one of your closed conversations. Given once: a second rating is refused
 * (`already-rated`) rather than replacing the first, so what agents were shown never changes
 * under them; the check and the write are one atomic step (`expect.unrated`). The rating goes to
 * the app's agents as `conversation-updated`, and to the vendor's `onEvent` as `conversation.rated`.
 */
export async function rateConversation(scope: RequestScope, request: RateConversation): Promise<void> {
  const { services, outbound } = scope;
  const conversation = await visitorConversation(scope, request);
  if (!conversation) return;
  if (conversation.status !== "closed") {
    outbound.send(errorFrame(request.id, "not-closed", "only a closed conversation can be rated"));
    return;
  }
  if (conversation.rating) {
    outbound.send(errorFrame(request.id, "already-rated", "this conversation was rated already"));
    return;
  }
  const at = services.now();
  const rating: ConversationRating = { score: request.score, ratedAt: at };
  if (request.comment) rating.comment = request.comment;
  let rated: Awaited<ReturnType<typeof services.storage.updateConversation>>;
  try {
    rated = await services.storage.updateConversation(conversation.id, {
      rating,
      updatedAt: at,
      expect: { status: ["closed"], unrated: true },
    });
  } catch (error) {
    if (!isRelaydeskError(error) || error.code !== "conflict") throw error;
    // Rated (or reopened) by another request meanwhile.
    outbound.send(errorFrame(request.id, "already-rated", "this conversation was rated already"));
    return;
  }
  if (!rated) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  outbound.send({ type: "conversation", replyTo: request.id, conversation: rated });
  services.logger.info("conversation rated", { conversationId: rated.id, score: rating.score });
  services.router.emit({
    type: "conversation.rated",
    appId: rated.appId,
    conversationId: rated.id,
    agentId: rated.assignee?.id ?? null,
    score: rating.score,
    comment: rating.comment ?? null,
    at,
  });
  try {
    await services.fanOut.conversationUpdated(rated);
  } catch (error) {
    services.logger.error("publish failed", {
      event: "conversation-updated",
      conversationId: rated.id,
      error,
    });
  }
}
