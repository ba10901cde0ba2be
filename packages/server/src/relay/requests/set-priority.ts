import type { SetPriority } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { agentConversation, replyResult } from "./agent-conversation.ts";

/**
 * Agent: change a conversation's priority. Routing reorders who waits and measures the SLA clock
 * again (`Router.setPriority`); agents of the app get `conversation-updated`, the visitor sees
 * only its new queue position (priority is the agents' business).
 */
export async function setPriority(scope: RequestScope, request: SetPriority): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const result = await scope.services.router.setPriority(found.actor, found.conversation, request.priority);
  if (result.ok) {
    scope.services.logger.info("priority changed", {
      conversationId: found.conversation.id,
      agentId: found.actor.id,
      priority: request.priority,
    });
  }
  replyResult(scope, request.id, result);
}
