import { type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Conversation } from "@relaydesk/sdk-types";
import { type AgentLink, type AgentModule, describeError } from "./agent-link.ts";

export interface ConversationActionsOptions {
  link: AgentLink;
}

export type TransferTarget = { agentId: string } | { queueId: string };

export interface ConversationActions extends AgentModule {
  /** Conversations with a request on its way (the buttons wait). */
  readonly busy: ReadonlySignal<ReadonlySet<string>>;
  /** Take a conversation the relay listed as claimable (`Claimable`); it opens. */
  claim(conversation: Conversation): Promise<boolean>;
  /** Hand over to an agent or a queue, with an optional internal note. */
  transfer(conversationId: string, to: TransferTarget, note?: string): Promise<boolean>;
  /** Replace the conversation's tags (trimmed, empty and repeated ones dropped). */
  setTags(conversationId: string, tags: readonly string[]): Promise<boolean>;
  /** Change the conversation's priority (higher is served first; the relay reorders its queue). */
  setPriority(conversationId: string, priority: number): Promise<boolean>;
  /** Open a closed conversation again, assigned to you. */
  reopen(conversationId: string): Promise<boolean>;
}

const VERB = {
  claim: "claim the conversation",
  transfer: "transfer the conversation",
  setTags: "save the tags",
  setPriority: "change the priority",
  reopen: "reopen the conversation",
} as const;

/**
 * The agent's requests that change a conversation (`claim`, `transfer`, `set-tags`,
 * `set-priority`, `reopen-conversation`). Each answers with the conversation, which goes to the store; the
 * relay's `conversation-updated` tells every other console.
 *
 * @example
 * await actions.transfer("cnv_1", { agentId: "agt_bob" }, "VIP, wants a callback");
 */
export function createConversationActions(options: ConversationActionsOptions): ConversationActions {
  const { link } = options;
  const busy = signal<ReadonlySet<string>>(new Set());
  let actions: AgentActions | null = null;

  const setBusy = (conversationId: string, on: boolean) => {
    const next = new Set(busy.value);
    if (on) next.add(conversationId);
    else next.delete(conversationId);
    busy.value = next;
  };

  async function run(
    kind: keyof typeof VERB,
    conversationId: string,
    request: (a: AgentActions) => Promise<Conversation>,
  ): Promise<boolean> {
    const a = actions;
    if (!a || busy.value.has(conversationId)) return false;
    setBusy(conversationId, true);
    try {
      const conversation = await request(a);
      if (actions !== a) return false;
      link.upsertConversation(conversation);
      return true;
    } catch (cause) {
      if (actions !== a) return false;
      link.fail(`Could not ${VERB[kind]}: ${describeError(cause)}`);
      return false;
    } finally {
      if (actions === a) setBusy(conversationId, false);
    }
  }

  return {
    busy,
    attach(_client: RelaydeskClient, agent: AgentActions) {
      actions = agent;
      return [];
    },
    reset() {
      actions = null;
      busy.value = new Set();
    },
    async claim(conversation) {
      const { id } = conversation;
      const ok = await run("claim", id, (a) => a.claim(id));
      if (ok) link.openConversation(id);
      return ok;
    },
    transfer(conversationId, to, note) {
      const text = note?.trim();
      return run("transfer", conversationId, (a) => a.transfer(conversationId, to, text || undefined));
    },
    setTags(conversationId, tags) {
      const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
      return run("setTags", conversationId, (a) => a.setTags(conversationId, clean));
    },
    setPriority(conversationId, priority) {
      return run("setPriority", conversationId, (a) => a.setPriority(conversationId, priority));
    },
    reopen(conversationId) {
      return run("reopen", conversationId, (a) => a.reopenConversation(conversationId));
    },
  } satisfies ConversationActions;
}
