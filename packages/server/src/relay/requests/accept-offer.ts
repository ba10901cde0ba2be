import type { AcceptOffer } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { agentConversation, replyResult } from "./agent-conversation.ts";

/** Agent: take the conversation offered to it. `offer-expired` once the offer is gone. */
export async function acceptOffer(scope: RequestScope, request: AcceptOffer): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  replyResult(scope, request.id, await scope.services.router.accept(found.actor, found.conversation.id));
}
