import type { Conversation } from "@relaydesk/sdk-types";
import type { Storage } from "../storage/types.ts";

/**
 * What routing needs to know of conversations at every step, kept in memory: per app the waiting
 * ones (open, no assignee) and per agent how many are assigned to it. Read from storage once, on
 * first use, then kept in step by `track`, which is handed every conversation as stored after a
 * change (the relay passes it everything it publishes about conversations, which is every change).
 * A routing step then costs no storage read however many conversations wait.
 *
 * Memory: one entry per waiting or assigned conversation. Closed and pending ones are not held.
 */
export interface ActiveConversations {
  /** Resolves once the state is read from storage (the first call reads it; later ones wait for it). */
  ready(): Promise<void>;
  /** A conversation as stored now, after any change: held as waiting, counted as assigned, or dropped. */
  track(conversation: Conversation): void;
  /** The app's waiting conversations, in no particular order (routing orders them itself). */
  waiting(appId: string): Conversation[];
  /** Conversations assigned to the agent, across its apps. */
  assignedCount(agentId: string): number;
}

export function createActiveConversations(storage: Pick<Storage, "listConversations">): ActiveConversations {
  const waitingByApp = new Map<string, Map<string, Conversation>>();
  const assigneeOf = new Map<string, string>();
  const counts = new Map<string, number>();
  let loading: Promise<void> | null = null;
  /** Conversations tracked while the first read ran: newer than what it returned, so applied after. */
  let early: Conversation[] | null = [];

  const count = (agentId: string, delta: number) => {
    const next = (counts.get(agentId) ?? 0) + delta;
    if (next > 0) counts.set(agentId, next);
    else counts.delete(agentId);
  };

  const apply = (conversation: Conversation) => {
    const { id, appId } = conversation;
    const isWaiting = conversation.status === "open" && conversation.assignee === null;
    const apps = waitingByApp.get(appId);
    if (isWaiting) {
      if (apps) apps.set(id, conversation);
      else waitingByApp.set(appId, new Map([[id, conversation]]));
    } else if (apps?.delete(id) && apps.size === 0) waitingByApp.delete(appId);
    const before = assigneeOf.get(id);
    const after = conversation.status === "assigned" ? conversation.assignee?.id : undefined;
    if (before === after) return;
    if (before !== undefined) {
      assigneeOf.delete(id);
      count(before, -1);
    }
    if (after !== undefined) {
      assigneeOf.set(id, after);
      count(after, 1);
    }
  };

  const load = async () => {
    const [open, assigned] = await Promise.all([
      storage.listConversations({ status: ["open"], order: "oldest" }),
      storage.listConversations({ status: ["assigned"], order: "oldest" }),
    ]);
    for (const conversation of [...open, ...assigned]) apply(conversation);
    for (const conversation of early ?? []) apply(conversation);
    early = null;
  };

  return {
    ready() {
      loading ??= load().catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    track(conversation) {
      if (early) early.push(conversation);
      else apply(conversation);
    },
    waiting: (appId) => [...(waitingByApp.get(appId)?.values() ?? [])],
    assignedCount: (agentId) => counts.get(agentId) ?? 0,
  };
}
