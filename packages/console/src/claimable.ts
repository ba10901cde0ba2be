import { computed, type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Conversation } from "@relaydesk/sdk-types";
import type { AgentModule } from "./agent-link.ts";

export interface Claimable extends AgentModule {
  /** The conversations the relay says you can `claim` now: these, and only these, show Claim. */
  readonly ids: ReadonlySignal<ReadonlySet<string>>;
  /**
   * The store's `list-conversations` answer: the whole set, grouped by the listed conversations'
   * apps (a `claimable` event that follows replaces one app's share).
   */
  listed(conversations: readonly Conversation[], claimable: readonly string[]): void;
}

/**
 * What this agent may claim, as the relay decides it (manual queue, member, skills, room under
 * its capacity): from the `list-conversations` reply at each connect, then live from `claimable
 * { appId, conversationIds }` events. The console guesses nothing: a conversation it is not told
 * about has no Claim button.
 *
 * @example
 * const claimable = createClaimable();
 * claimable.ids.value.has(conversation.id); // show Claim
 */
export function createClaimable(): Claimable {
  const byApp = signal<ReadonlyMap<string, readonly string[]>>(new Map());
  const ids = computed(() => new Set([...byApp.value.values()].flat()));
  return {
    ids,
    listed(conversations, claimable) {
      const appOf = new Map(conversations.map((c) => [c.id, c.appId]));
      const next = new Map<string, string[]>();
      for (const id of claimable) {
        const appId = appOf.get(id);
        if (appId === undefined) continue;
        next.set(appId, [...(next.get(appId) ?? []), id]);
      }
      byApp.value = next;
    },
    attach(client: RelaydeskClient, _agent: AgentActions) {
      return [
        client.on("claimable", ({ appId, conversationIds }) => {
          const next = new Map(byApp.value);
          if (conversationIds.length === 0) next.delete(appId);
          else next.set(appId, conversationIds);
          byApp.value = next;
        }),
      ];
    },
    reset() {
      byApp.value = new Map();
    },
  } satisfies Claimable;
}
