import type { Claimable } from "@relaydesk/sdk-types";
import { type Claimant, claimRefusal } from "./claim-refusal.ts";
import type { AgentSnapshot, QueueConfig, WaitingConversation } from "./types.ts";

export interface ClaimableNoticesOptions {
  toAgent(agentId: string, frame: Claimable): void;
  /** Conversations assigned to the agent now, across its apps (what capacity counts for a claim). */
  assignedCount(agentId: string): Promise<number>;
}

/**
 * Which waiting conversations each agent can claim, per app, sent to the agent as
 * `claimable { appId, conversationIds }` whenever that set changes at a routing step. Memory: the
 * last set sent per agent and app (an agent with nothing to claim and nothing sent costs nothing).
 */
export function createClaimableNotices(options: ClaimableNoticesOptions) {
  const sent = new Map<string, string>();

  /** The ids of `waiting` that `agent` can claim, oldest first as given. */
  const claimableBy = (
    agent: Claimant,
    waiting: readonly WaitingConversation[],
    queues: ReadonlyMap<string, QueueConfig>,
  ) =>
    waiting
      .filter(
        (c) =>
          claimRefusal(
            { appId: c.appId, status: "open", assigned: false, skills: c.skills },
            queues.get(c.queueId),
            agent,
          ) === null,
      )
      .map((c) => c.id);

  return {
    claimableBy,
    /** After a routing step of `appId`: tell each agent whose claimable set changed. */
    async publish(
      appId: string,
      queues: ReadonlyMap<string, QueueConfig>,
      waiting: readonly WaitingConversation[],
      agents: readonly AgentSnapshot[],
    ) {
      const manual = waiting.filter((c) => queues.get(c.queueId)?.strategy === "manual");
      for (const agent of agents) {
        const key = `${agent.id}\n${appId}`;
        const before = sent.get(key) ?? "";
        if (manual.length === 0 && before === "") continue;
        const assigned = manual.length === 0 ? 0 : await options.assignedCount(agent.id);
        const ids = claimableBy({ ...agent, assigned }, manual, queues);
        const after = ids.join(",");
        if (after === before) continue;
        if (after === "") sent.delete(key);
        else sent.set(key, after);
        options.toAgent(agent.id, { type: "claimable", appId, conversationIds: ids });
      }
    },
  };
}
