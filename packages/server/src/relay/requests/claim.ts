import type { Claim } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { agentConversation, replyResult } from "./agent-conversation.ts";

/** Agent: take a waiting conversation of a manual queue; of two agents claiming at once, one wins. */
export async function claim(scope: RequestScope, request: Claim): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  replyResult(scope, request.id, await scope.services.router.claim(found.actor, found.conversation));
}
