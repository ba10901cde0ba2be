import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { AgentPresenceEntry, PresenceChanged, PresenceStatus } from "@relaydesk/sdk-types";
import { type AgentLink, type AgentModule, describeError } from "./agent-link.ts";

export interface PresenceOptions {
  link: AgentLink;
}

export interface Presence extends AgentModule {
  /** The agents of your apps (you included): online first, then away, then offline, by name. */
  readonly agents: ReadonlySignal<readonly AgentPresenceEntry[]>;
  /** Your own status as the relay has it; null until it said. */
  readonly self: ReadonlySignal<PresenceStatus | null>;
  /** A change of your status is on its way. */
  readonly changing: ReadonlySignal<boolean>;
  /** Online (offers come) or away (no offers). */
  set(status: "online" | "away"): void;
}

const ORDER: Record<PresenceStatus, number> = { online: 0, away: 1, offline: 2 };

/**
 * The signed-in agent's presence and its teammates' (`list-presence`, `presence-changed`,
 * `set-presence`).
 *
 * @example
 * const presence = createPresence({ link });
 * presence.set("away"); // no offers until "online" again
 */
export function createPresence(options: PresenceOptions): Presence {
  const { link } = options;
  const byId = signal<ReadonlyMap<string, AgentPresenceEntry>>(new Map());
  const changing = signal(false);
  let actions: AgentActions | null = null;

  const agents = computed(() =>
    [...byId.value.values()].sort(
      (a, b) => ORDER[a.status] - ORDER[b.status] || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
    ),
  );
  const self = computed(() => {
    const id = link.selfId();
    return (id !== null && byId.value.get(id)?.status) || null;
  });

  const replaceAll = (list: readonly AgentPresenceEntry[]) => {
    byId.value = new Map(list.map((agent) => [agent.id, agent]));
  };

  function load(a: AgentActions): void {
    a.listPresence().then(
      (list) => {
        if (actions === a) replaceAll(list);
      },
      (cause: unknown) => {
        if (actions === a) link.fail(`Could not load who is online: ${describeError(cause)}`);
      },
    );
  }

  function onChanged(event: PresenceChanged): void {
    const next = new Map(byId.value);
    next.set(event.agent.id, { id: event.agent.id, name: event.agent.name, status: event.status });
    byId.value = next;
  }

  return {
    agents,
    self,
    changing,
    attach(client: RelaydeskClient, agent: AgentActions) {
      actions = agent;
      // Each (re)connect: what changed while the socket was down came as no event.
      return [client.on("welcome", () => load(agent)), client.on("presence-changed", onChanged)];
    },
    reset() {
      actions = null;
      batch(() => {
        byId.value = new Map();
        changing.value = false;
      });
    },
    set(status) {
      const a = actions;
      if (!a || changing.value) return;
      changing.value = true;
      a.setPresence(status).then(
        (list) => {
          if (actions !== a) return;
          batch(() => {
            replaceAll(list);
            changing.value = false;
          });
        },
        (cause: unknown) => {
          if (actions !== a) return;
          batch(() => {
            changing.value = false;
            link.fail(`Could not change your status: ${describeError(cause)}`);
          });
        },
      );
    },
  } satisfies Presence;
}
