import type { Conversation, ListConversations } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";

const RECENT_CLOSED = 50;

/**
 * Visitor: all of its own conversations. Agent: every conversation of the apps it serves that is
 * not closed (waiting, pending, assigned to anyone — agents of one app see each other's work) plus
 * the most recently updated closed ones of those apps, newest first. Queues will narrow it.
 */
export async function listConversations(scope: RequestScope, request: ListConversations): Promise<void> {
  const { identity, services } = scope;
  let conversations: Conversation[];
  if (identity.role === "visitor") {
    conversations = await services.storage.listConversations({
      appId: identity.appId,
      visitorId: identity.visitorId,
    });
  } else {
    const appIds = [...identity.appIds];
    const [active, closed] = await Promise.all([
      services.storage.listConversations({ appIds, status: ["open", "pending", "assigned"] }),
      services.storage.listConversations({ appIds, status: ["closed"], limit: RECENT_CLOSED }),
    ]);
    conversations = [...active, ...closed].sort((a, b) => b.updatedAt - a.updatedAt);
    const claimable = await services.router.claimableFor(identity.agentId, appIds);
    scope.outbound.send({ type: "conversations", replyTo: request.id, conversations, claimable });
    return;
  }
  scope.outbound.send({ type: "conversations", replyTo: request.id, conversations });
}
