import type { PresenceStatus } from "@relaydesk/sdk-types";
import type { BusinessHours } from "./business-hours.ts";
import type { SlaPolicy } from "./sla-policy.ts";

/**
 * The shapes routing decides on. Decisions are pure functions of these (one per file beside
 * this one); `create-router.ts` builds them from storage and presence, and carries out the result.
 */

export type Strategy = "round-robin" | "least-busy" | "manual";

export interface QueueConfig {
  id: string;
  name: string;
  strategy: Strategy;
  /** Agent ids; null = every agent of the app. */
  members: string[] | null;
  /** Skills an agent needs to be offered this queue's conversations. */
  skills: string[];
  /** How long an offer waits for accept before it moves on. */
  offerTimeoutMs: number;
  /** Base priority of the queue's conversations (a rule's priority wins). Higher is served first. */
  priority: number;
  /** When the queue is staffed; null = always. */
  businessHours: BusinessHours | null;
  /** Response targets, by priority; null = no SLA clocks. */
  sla: SlaPolicy | null;
}

/** A condition on what is known about a conversation; every field given must match. */
export interface RuleCondition {
  /** Prefix of the page URL, or a glob with `*` matched against the whole URL. */
  pageUrl?: string | undefined;
  /** Language tag; `fr` matches `fr` and `fr-CA`. Case-insensitive. */
  locale?: string | undefined;
  /** A conversation attribute equal to one value or one of several. */
  attribute?: { name: string; equals?: string | undefined; in?: string[] | undefined } | undefined;
  /** The customer's support plan (the `plan` attribute). */
  plan?: string | undefined;
}

export interface RoutingRule {
  when: RuleCondition;
  queue: string;
  skills: string[];
  priority: number | null;
}

/** One app's routing. The first matching rule picks the queue; none matching, `defaultQueue`. */
export interface RoutingConfig {
  queues: QueueConfig[];
  rules: RoutingRule[];
  defaultQueue: string;
}

/** An agent as one routing step sees it. */
export interface AgentSnapshot {
  id: string;
  appIds: readonly string[];
  status: PresenceStatus;
  capacity: number;
  skills: readonly string[];
  /** Conversations assigned to it plus offers to it still open: what counts against capacity. */
  load: number;
}

/** A conversation waiting for an agent, without an open offer. */
export interface WaitingConversation {
  id: string;
  appId: string;
  queueId: string;
  /** Every skill an agent needs (the queue's and the rule's). */
  skills: readonly string[];
  priority: number;
  waitingSince: number;
  /** Agents that declined or let an offer of it time out in this offer round. */
  passedBy: readonly string[];
}

export interface RoutingSnapshot {
  queues: readonly QueueConfig[];
  agents: readonly AgentSnapshot[];
  waiting: readonly WaitingConversation[];
  /** Per queue id, the agent picked last (round-robin cursor). */
  cursors: Readonly<Record<string, string | null>>;
}

export interface PlannedOffer {
  conversationId: string;
  agentId: string;
  queueId: string;
}
