import type { LeaveEmail } from "@relaydesk/sdk-types";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visitorConversation } from "../request-scope.ts";

/**
 * Visitor: leave an email to be answered at while nobody can take the conversation. The address
 * was checked by the frame schema (shape, at most 254 characters); it goes to the app's agents and
 * the vendor's `onEvent`, never back to any visitor frame.
 */
export async function leaveEmail(scope: RequestScope, request: LeaveEmail): Promise<void> {
  const { services, outbound } = scope;
  const conversation = await visitorConversation(scope, request);
  if (!conversation) return;
  if (conversation.status === "closed") {
    outbound.send(errorFrame(request.id, "conversation-closed", "the conversation is closed"));
    return;
  }
  const updated = await services.router.leaveEmail(conversation, request.email);
  if (!updated) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  outbound.send({ type: "conversation", replyTo: request.id, conversation: updated });
}
