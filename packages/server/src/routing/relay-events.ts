import type { SlaKind } from "./sla-clock.ts";

/**
 * What the relay tells the vendor's own code, for follow-ups outside the chat such as an email:
 * in-process through `createRelay({ onEvent })` (at most once, in the order they happen), and as
 * signed, retried webhooks (`createRelay({ webhook })`, `relaydesk start --webhook-url`; see
 * `src/webhooks/`).
 */
export type RelayEvent =
  | ConversationCreatedEvent
  | ConversationClosedEvent
  | ConversationOfflineEvent
  | SlaBreachedEvent
  | ConversationRatedEvent;

/** A visitor started a conversation; it has its queue and priority. */
export interface ConversationCreatedEvent {
  type: "conversation.created";
  appId: string;
  conversationId: string;
  visitorId: string;
  queueId: string;
  priority: number;
  at: number;
}

/** An agent closed a conversation. */
export interface ConversationClosedEvent {
  type: "conversation.closed";
  appId: string;
  conversationId: string;
  visitorId: string;
  /** The agent it was assigned to, or null. */
  assigneeId: string | null;
  at: number;
}

/**
 * A waiting conversation that nobody can answer now: its queue is outside business hours
 * (`closed`) or has no agent online (`nobody-online`). Emitted when that starts, and again when
 * the visitor leaves an email (`email` set) so it can be answered by mail.
 */
export interface ConversationOfflineEvent {
  type: "conversation.offline";
  appId: string;
  conversationId: string;
  queueId: string;
  reason: "closed" | "nobody-online";
  /** When the queue opens next (closed queues); null when not known or never. */
  nextOpeningAt: number | null;
  /** The address the visitor left, or null when none yet. */
  email: string | null;
  at: number;
}

/** A conversation's SLA clock passed its due time unanswered; recorded once per clock. */
export interface SlaBreachedEvent {
  type: "sla.breached";
  appId: string;
  conversationId: string;
  queueId: string | null;
  kind: SlaKind;
  dueAt: number;
  breachedAt: number;
}

/** The visitor rated a closed conversation (`rate-conversation`); once per conversation. */
export interface ConversationRatedEvent {
  type: "conversation.rated";
  appId: string;
  conversationId: string;
  /** The agent it was last assigned to, or null. */
  agentId: string | null;
  /** 1 (bad) to 5 (great). */
  score: number;
  /** The visitor's comment, or null when none. */
  comment: string | null;
  at: number;
}
