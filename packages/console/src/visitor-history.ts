import { batch, type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Conversation, Message, VisitorConversationEntry } from "@relaydesk/sdk-types";
import { type AgentLink, type AgentModule, describeError } from "./agent-link.ts";

export interface VisitorHistoryOptions {
  link: AgentLink;
}

/** The visitor's other conversations, as listed for one conversation. */
export interface EarlierConversations {
  entries: readonly VisitorConversationEntry[];
  /** How many there are in all (more than `entries` when the relay cut the list). */
  total: number;
}

/** An earlier conversation opened to read (never to answer) from the visitor panel. */
export interface Transcript {
  conversation: Conversation;
  messages: readonly Message[];
  loading: boolean;
}

export interface VisitorHistory extends AgentModule {
  /** Per conversation id: its visitor's other conversations, once loaded. */
  readonly byConversation: ReadonlySignal<ReadonlyMap<string, EarlierConversations>>;
  /** The earlier conversation being read, if any. */
  readonly reading: ReadonlySignal<Transcript | null>;
  /** Ask the relay for the visitor's other conversations (`list-visitor-conversations`). */
  load(conversationId: string): void;
  /** Open an earlier conversation read-only: its whole history, oldest first. */
  read(conversation: Conversation): void;
  closeTranscript(): void;
}

/**
 * Earlier conversations of the open conversation's visitor, for the visitor panel. Loaded each
 * time a conversation opens (so a conversation the visitor started since shows too); a transcript
 * is loaded page by page with `get-history` and is never answered from here.
 */
export function createVisitorHistory(options: VisitorHistoryOptions): VisitorHistory {
  const { link } = options;
  const byConversation = signal<ReadonlyMap<string, EarlierConversations>>(new Map());
  const reading = signal<Transcript | null>(null);
  let client: RelaydeskClient | null = null;
  let actions: AgentActions | null = null;

  return {
    byConversation,
    reading,
    attach(c, agent) {
      client = c;
      actions = agent;
      return [];
    },
    reset() {
      client = null;
      actions = null;
      batch(() => {
        byConversation.value = new Map();
        reading.value = null;
      });
    },
    load(conversationId) {
      const agent = actions;
      if (!agent) return;
      agent.listVisitorConversations(conversationId).then(
        (reply) => {
          if (actions !== agent) return;
          const next = new Map(byConversation.value);
          next.set(conversationId, { entries: reply.conversations, total: reply.total });
          byConversation.value = next;
        },
        (cause: unknown) => {
          if (actions === agent) link.fail(`Could not list earlier conversations: ${describeError(cause)}`);
        },
      );
    },
    read(conversation) {
      const c = client;
      if (!c) return;
      const transcript: Transcript = { conversation, messages: [], loading: true };
      reading.value = transcript;
      void (async () => {
        const messages: Message[] = [];
        try {
          let afterSeq = 0;
          for (;;) {
            const page = await c.getHistory(conversation.id, { afterSeq });
            messages.push(...page.messages);
            const last = page.messages[page.messages.length - 1];
            if (!page.hasMore || !last) break;
            afterSeq = last.seq;
          }
        } catch (cause) {
          if (client === c) link.fail(`Could not load the earlier conversation: ${describeError(cause)}`);
        }
        if (client === c && reading.value === transcript) {
          reading.value = { conversation, messages, loading: false };
        }
      })();
    },
    closeTranscript() {
      reading.value = null;
    },
  } satisfies VisitorHistory;
}
