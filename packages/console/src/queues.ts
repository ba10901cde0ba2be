import { computed, type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { QueueInfo } from "@relaydesk/sdk-types";
import type { AgentModule } from "./agent-link.ts";

export interface Queues extends AgentModule {
  /** The queues you are a member of, in every app you serve (`list-queues`, at each connect). */
  readonly mine: ReadonlySignal<readonly QueueInfo[]>;
  /** The same as keys (`queueKey`), for the inbox's "My queues" view. */
  readonly keys: ReadonlySignal<ReadonlySet<string>>;
}

/** A queue's key: its id is unique within its app only. */
export function queueKey(appId: string, queueId: string): string {
  return `${appId}\u0000${queueId}`;
}

/**
 * Your queues, asked of the relay at every connect (a routing change shows after a reconnect).
 * Until the answer comes, or when the relay cannot say, "My queues" is empty.
 *
 * @example
 * const queues = createQueues();
 * queues.keys.value.has(queueKey(conversation.appId, conversation.queueId));
 */
export function createQueues(): Queues {
  const mine = signal<readonly QueueInfo[]>([]);
  const keys = computed(() => new Set(mine.value.map((q) => queueKey(q.appId, q.id))));
  let actions: AgentActions | null = null;
  return {
    mine,
    keys,
    attach(client: RelaydeskClient, agent: AgentActions) {
      actions = agent;
      return [
        client.on("welcome", () => {
          agent.listQueues().then(
            (list) => {
              if (actions === agent) mine.value = list;
            },
            () => {
              // Without the list the view stays empty; every other view still works.
            },
          );
        }),
      ];
    },
    reset() {
      actions = null;
      mine.value = [];
    },
  } satisfies Queues;
}
