import type { RoutableAgent } from "./pick-agent.ts";

/**
 * Which agents have at least one open socket on this node. Routing offers conversations only to
 * them. Node-local on purpose for now: cluster-wide presence belongs on the bus in a later issue.
 */
export interface AgentPresence {
  /** Count one more socket of this agent; the returned function counts it out again (idempotent). */
  add(agent: RoutableAgent): () => void;
  online(): RoutableAgent[];
  isOnline(agentId: string): boolean;
}

export function createAgentPresence(): AgentPresence {
  const sockets = new Map<string, { agent: RoutableAgent; count: number }>();
  return {
    add(agent) {
      const entry = sockets.get(agent.id);
      if (entry) entry.count += 1;
      else
        sockets.set(agent.id, {
          agent: { id: agent.id, name: agent.name, appIds: [...agent.appIds] },
          count: 1,
        });
      let removed = false;
      return () => {
        if (removed) return;
        removed = true;
        const current = sockets.get(agent.id);
        if (!current) return;
        current.count -= 1;
        if (current.count <= 0) sockets.delete(agent.id);
      };
    },
    online: () => [...sockets.values()].map((entry) => entry.agent),
    isOnline: (agentId) => sockets.has(agentId),
  } satisfies AgentPresence;
}
