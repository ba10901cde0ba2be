import type { CloseConversation } from "@relaydesk/sdk-types";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleConversation } from "../request-scope.ts";

/** Agent: mark the conversation closed. Closing a closed one answers with it unchanged. */
export async function closeConversation(scope: RequestScope, request: CloseConversation): Promise<void> {
  const { identity, services, outbound } = scope;
  if (identity.role !== "agent") {
    outbound.send(errorFrame(request.id, "forbidden", "only agents close conversations"));
    return;
  }
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  if (conversation.status === "closed") {
    outbound.send({ type: "conversation", replyTo: request.id, conversation });
    return;
  }
  const closed = await services.storage.updateConversation(conversation.id, {
    status: "closed",
    updatedAt: services.now(),
  });
  if (!closed) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  outbound.send({ type: "conversation", replyTo: request.id, conversation: closed });
  services.logger.info("conversation closed", { conversationId: closed.id, agentId: identity.agentId });
  // Its agent has room again, and an offer of it must not be accepted any more.
  void services.router.conversationClosed(closed).catch(() => {});
  try {
    await services.fanOut.conversationUpdated(closed);
  } catch (error) {
    services.logger.error("publish failed", {
      event: "conversation-updated",
      conversationId: closed.id,
      error,
    });
  }
}
