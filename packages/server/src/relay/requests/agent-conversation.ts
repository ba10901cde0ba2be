import type { Conversation } from "@relaydesk/sdk-types";
import type { Actor, RoutingResult } from "../../routing/router.ts";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleConversation } from "../request-scope.ts";

/**
 * The common start of an agent's routing request: the agent it comes from and the conversation it
 * names, visible to that agent; or null after answering `forbidden` / `not-found` (the schema
 * lets only agents send these frames, the check here is what the types and a future role rely on).
 */
export async function agentConversation(
  scope: RequestScope,
  request: { id: string; conversationId: string },
): Promise<{ actor: Actor; conversation: Conversation } | null> {
  const { identity, outbound } = scope;
  if (identity.role !== "agent") {
    outbound.send(errorFrame(request.id, "forbidden", "only agents may do this"));
    return null;
  }
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return null;
  }
  return { actor: { id: identity.agentId, name: identity.name }, conversation };
}

/** Answer a routing request with the conversation, or with the error routing gave. */
export function replyResult(scope: RequestScope, requestId: string, result: RoutingResult): void {
  if (result.ok)
    scope.outbound.send({ type: "conversation", replyTo: requestId, conversation: result.conversation });
  else scope.outbound.send(errorFrame(requestId, result.code, result.message));
}
