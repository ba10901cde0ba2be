import type { Transfer } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { storeNote } from "./add-note.ts";
import { agentConversation, replyResult } from "./agent-conversation.ts";

/**
 * Agent: hand a conversation to another agent of its app (assigned at once, within that agent's
 * capacity) or to a queue (it waits there and is offered like a new one). The optional note is
 * kept as an internal note saying where it went, so the next agent reads why.
 */
export async function transfer(scope: RequestScope, request: Transfer): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const result = await scope.services.router.transfer(found.actor, found.conversation, request.to);
  if (result.ok) {
    scope.services.logger.info("conversation transferred", {
      conversationId: found.conversation.id,
      agentId: found.actor.id,
      ...request.to,
    });
    if (request.note !== undefined) {
      const where =
        "agentId" in request.to
          ? `agent ${result.conversation.assignee?.name ?? request.to.agentId}`
          : `queue ${request.to.queueId}`;
      await storeNote(scope, found.conversation.id, `Transferred to ${where}: ${request.note}`);
    }
  }
  replyResult(scope, request.id, result);
}
