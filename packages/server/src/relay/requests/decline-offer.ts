import type { DeclineOffer } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { agentConversation, replyResult } from "./agent-conversation.ts";

/** Agent: pass on an offer; it moves to the next eligible agent at once. */
export async function declineOffer(scope: RequestScope, request: DeclineOffer): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  replyResult(scope, request.id, await scope.services.router.decline(found.actor, found.conversation.id));
}
