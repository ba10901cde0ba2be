import type { PresenceStatus } from "@relaydesk/sdk-types";

/** An agent as presence knows it (from its sockets' identity). */
export interface PresenceAgent {
  id: string;
  name: string;
  appIds: readonly string[];
}

export interface PresenceOptions {
  /** Inactivity (no frame but `ping`) after which an online agent shows as away; null: never. */
  awayAfterMs: number | null;
  /** How long an agent whose sockets all closed keeps its conversations before they are re-queued. */
  disconnectGraceMs: number;
  /** A status changed (to tell the agent's teammates and to re-route). */
  onChange(agent: PresenceAgent, status: PresenceStatus): void;
  /** An agent stayed disconnected for the whole grace period. */
  onGraceExpired(agent: PresenceAgent): void;
}

/**
 * Which agents are online, away or offline on this node. Routing offers conversations only to
 * `online` agents; teammates see every change. Node-local for now: cluster-wide presence belongs
 * on the bus in a later issue.
 *
 * - `online` / `away` is what the agent chose (`set-presence`), or `away` after `awayAfterMs`
 *   without activity; activity brings an automatically away agent back, a chosen away stays.
 * - `offline` is having no socket open. A reconnect within `disconnectGraceMs` picks up where it
 *   left (status and conversations); after that, `onGraceExpired` re-queues its conversations.
 */
export interface AgentPresence {
  /** Count one more socket of this agent; the returned function counts it out again (idempotent). */
  connect(agent: PresenceAgent): () => void;
  /** The agent did something (any frame but ping). */
  touch(agentId: string): void;
  set(agentId: string, status: "online" | "away"): void;
  status(agentId: string): PresenceStatus;
  /** Every agent known to this node (connected, or disconnected within the grace period). */
  list(): (PresenceAgent & { status: PresenceStatus })[];
  /** Stop every timer (relay shutdown). */
  close(): void;
}

interface Entry {
  agent: PresenceAgent;
  sockets: number;
  chosen: "online" | "away";
  autoAway: boolean;
  awayTimer: NodeJS.Timeout | null;
  graceTimer: NodeJS.Timeout | null;
  shown: PresenceStatus;
}

export function createAgentPresence(options: PresenceOptions): AgentPresence {
  const entries = new Map<string, Entry>();

  const statusOf = (entry: Entry): PresenceStatus =>
    entry.sockets === 0 ? "offline" : entry.chosen === "away" || entry.autoAway ? "away" : "online";

  const announce = (entry: Entry) => {
    const status = statusOf(entry);
    if (status === entry.shown) return;
    entry.shown = status;
    options.onChange(entry.agent, status);
  };

  const armAway = (entry: Entry) => {
    const { awayAfterMs } = options;
    if (awayAfterMs === null || entry.sockets === 0) return;
    if (entry.awayTimer) {
      entry.awayTimer.refresh();
      return;
    }
    entry.awayTimer = setTimeout(() => {
      entry.awayTimer = null;
      if (entry.sockets === 0) return;
      entry.autoAway = true;
      announce(entry);
    }, awayAfterMs);
    entry.awayTimer.unref();
  };

  const clearTimers = (entry: Entry) => {
    if (entry.awayTimer) clearTimeout(entry.awayTimer);
    if (entry.graceTimer) clearTimeout(entry.graceTimer);
    entry.awayTimer = null;
    entry.graceTimer = null;
  };

  return {
    connect(agent) {
      let entry = entries.get(agent.id);
      if (!entry) {
        entry = {
          agent: { id: agent.id, name: agent.name, appIds: [...agent.appIds] },
          sockets: 0,
          chosen: "online",
          autoAway: false,
          awayTimer: null,
          graceTimer: null,
          shown: "offline",
        };
        entries.set(agent.id, entry);
      }
      const current = entry;
      if (current.graceTimer) clearTimeout(current.graceTimer);
      current.graceTimer = null;
      current.agent = { id: agent.id, name: agent.name, appIds: [...agent.appIds] };
      current.sockets += 1;
      current.autoAway = false;
      armAway(current);
      announce(current);
      let left = false;
      return () => {
        if (left) return;
        left = true;
        current.sockets -= 1;
        if (current.sockets > 0) return;
        clearTimers(current);
        announce(current);
        current.graceTimer = setTimeout(() => {
          current.graceTimer = null;
          if (current.sockets > 0 || entries.get(agent.id) !== current) return;
          entries.delete(agent.id);
          options.onGraceExpired(current.agent);
        }, options.disconnectGraceMs);
        current.graceTimer.unref();
      };
    },
    touch(agentId) {
      const entry = entries.get(agentId);
      if (!entry || entry.sockets === 0) return;
      armAway(entry);
      if (entry.autoAway) {
        entry.autoAway = false;
        announce(entry);
      }
    },
    set(agentId, status) {
      const entry = entries.get(agentId);
      if (!entry) return;
      entry.chosen = status;
      entry.autoAway = false;
      armAway(entry);
      announce(entry);
    },
    status: (agentId) => {
      const entry = entries.get(agentId);
      return entry ? statusOf(entry) : "offline";
    },
    list: () => [...entries.values()].map((entry) => ({ ...entry.agent, status: statusOf(entry) })),
    close() {
      for (const entry of entries.values()) clearTimers(entry);
    },
  } satisfies AgentPresence;
}
