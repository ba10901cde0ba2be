import type { ListNotes } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { agentConversation } from "./agent-conversation.ts";

/** Agent: a conversation's internal notes, oldest first. */
export async function listNotes(scope: RequestScope, request: ListNotes): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const notes = await scope.services.storage.listNotes(found.conversation.id);
  scope.outbound.send({ type: "notes", replyTo: request.id, conversationId: found.conversation.id, notes });
}
