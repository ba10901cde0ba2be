import type { SetTags } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";
import { wellFormed } from "../well-formed.ts";
import { agentConversation } from "./agent-conversation.ts";

/** Agent: replace a conversation's tags. Agents of the app see the change; the visitor never sees tags. */
export async function setTags(scope: RequestScope, request: SetTags): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const { services } = scope;
  const tags = [...new Set(request.tags.map((tag) => wellFormed(tag.trim())).filter((tag) => tag !== ""))];
  const updated = await services.storage.updateConversation(found.conversation.id, {
    tags,
    updatedAt: services.now(),
  });
  if (!updated) return;
  scope.outbound.send({ type: "conversation", replyTo: request.id, conversation: updated });
  await services.fanOut
    .conversationUpdated(updated)
    .catch((error: unknown) =>
      services.logger.error("publish failed", { event: "conversation-updated", error }),
    );
}
