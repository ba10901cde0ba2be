import type { AgentSnapshot, QueueConfig, WaitingConversation } from "./types.ts";

/**
 * The agents that may be offered `conversation` now: they serve its app, are members of its
 * queue (every agent of the app when the queue names none), have every skill it needs, are
 * `online` (not away, not offline) and have room under their capacity, counting `extraLoad`
 * (offers planned earlier in the same step).
 */
export function eligibleAgents(
  conversation: Pick<WaitingConversation, "appId" | "skills">,
  queue: Pick<QueueConfig, "members">,
  agents: readonly AgentSnapshot[],
  extraLoad: Readonly<Record<string, number>> = {},
): AgentSnapshot[] {
  return agents.filter(
    (agent) =>
      agent.status === "online" &&
      agent.appIds.includes(conversation.appId) &&
      (queue.members === null || queue.members.includes(agent.id)) &&
      conversation.skills.every((skill) => agent.skills.includes(skill)) &&
      agent.load + (extraLoad[agent.id] ?? 0) < agent.capacity,
  );
}
