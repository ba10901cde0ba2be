import type { ReopenConversation } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { agentConversation, replyResult } from "./agent-conversation.ts";

/**
 * Agent: open a closed conversation again, assigned to the agent who reopens it (within its
 * capacity). One that is not closed is answered unchanged.
 */
export async function reopenConversation(scope: RequestScope, request: ReopenConversation): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const result = await scope.services.router.reopen(found.actor, found.conversation);
  if (result.ok && found.conversation.status === "closed") {
    scope.services.logger.info("conversation reopened", {
      conversationId: found.conversation.id,
      agentId: found.actor.id,
    });
  }
  replyResult(scope, request.id, result);
}
