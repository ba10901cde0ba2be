import type { AgentPresenceEntry, ListPresence, SetPresence } from "@relaydesk/sdk-types";
import { errorFrame, type RequestScope } from "../request-scope.ts";

/** Agent: choose online or away; teammates get `presence-changed`, routing stops or resumes offers. */
export function setPresence(scope: RequestScope, request: SetPresence): Promise<void> {
  const { identity, services } = scope;
  if (identity.role !== "agent") {
    scope.outbound.send(errorFrame(request.id, "forbidden", "only agents have a presence"));
    return Promise.resolve();
  }
  services.presence.set(identity.agentId, request.status);
  return listPresence(scope, { type: "list-presence", id: request.id });
}

/**
 * Agent: the agents of its apps with their presence, itself included. Agents this node has not
 * seen since it started are `offline`.
 */
export async function listPresence(scope: RequestScope, request: ListPresence): Promise<void> {
  const { identity, services } = scope;
  if (identity.role !== "agent") {
    scope.outbound.send(errorFrame(request.id, "forbidden", "only agents see presence"));
    return;
  }
  const agents: AgentPresenceEntry[] = (await services.storage.listAgents())
    .filter((agent) => agent.appIds.some((appId) => identity.appIds.includes(appId)))
    .map((agent) => ({ id: agent.id, name: agent.name, status: services.presence.status(agent.id) }));
  scope.outbound.send({ type: "presence", replyTo: request.id, agents });
}
