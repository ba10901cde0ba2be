import type { Conversation, EventFrame, QueuePosition } from "@relaydesk/sdk-types";
import type { Logger } from "../logger.ts";
import type { Agent, Storage } from "../storage/types.ts";
import { type ActiveConversations, createActiveConversations } from "./active-conversations.ts";
import { createAvailabilityNotices } from "./availability-notices.ts";
import { chooseQueue, defaultQueue, requiredSkills } from "./choose-queue.ts";
import { createClaimableNotices } from "./claimable-notices.ts";
import { eligibleAgents } from "./eligible-agents.ts";
import { planOffers } from "./plan-offers.ts";
import type { AgentPresence } from "./presence.ts";
import { type QueueAvailability, queueAvailability } from "./queue-availability.ts";
import { queuePositions } from "./queue-positions.ts";
import type { RelayEvent } from "./relay-events.ts";
import { ROUTING_DEFAULTS, readRoutingConfig } from "./routing-config.ts";
import type { AgentSnapshot, QueueConfig, RoutingConfig, WaitingConversation } from "./types.ts";

/** What the router tells the world through; the relay's fan-out. */
export interface RouterPublisher {
  conversationUpdated(conversation: Conversation): Promise<void>;
  toAgent(agentId: string, frame: EventFrame): Promise<void>;
  toVisitor(visitorId: string, frame: EventFrame): Promise<void>;
}

export interface RouterOptions {
  storage: Storage;
  presence: Pick<AgentPresence, "list" | "status">;
  publish: RouterPublisher;
  logger: Logger;
  now: () => number;
  /** Capacity of agents that have none of their own. */
  defaultCapacity: number;
  /** Offer timeout of queues that set none (default `ROUTING_DEFAULTS.offerTimeoutMs`). */
  offerTimeoutMs?: number | undefined;
  /** Wait estimate per position before a queue has seen any assignment, shared by its agents. */
  fallbackGapMs?: number;
  /** The vendor's hook for the relay's events (see `RelayEvent`). */
  onEvent?: ((event: RelayEvent) => void) | undefined;
}

/** The outcome of an agent's routing request: the conversation, or an error code to answer with. */
export type RoutingResult =
  | { ok: true; conversation: Conversation }
  | { ok: false; code: import("@relaydesk/sdk-types").ErrorCode; message: string };

/** State shared by the router and its agent actions (`routing-actions.ts`). */
export interface RouterCore {
  options: RouterOptions;
  /** Run one routing operation after every earlier one (node-wide; see `createRouter`). */
  serial<T>(work: () => Promise<T>): Promise<T>;
  /** One routing step for an app (call inside `serial`). */
  step(appId: string): Promise<void>;
  config(appId: string): Promise<RoutingConfig>;
  agentRecord(agentId: string): Promise<Agent | null>;
  /** Conversations assigned to the agent, across its apps. */
  assignedCount(agentId: string): Promise<number>;
  /** The waiting conversations and assignments routing works from (see `ActiveConversations`). */
  active: ActiveConversations;
  capacityOf(agent: Agent): number;
  /** Drop an open offer of the conversation, telling its agent why (unless `silent`). */
  withdraw(
    conversationId: string,
    reason: "expired" | "declined" | "accepted" | "withdrawn" | null,
  ): string | null;
  offerTo(conversationId: string): { agentId: string; queueId: string } | undefined;
  /** Forget who passed on the conversation: a new offer round. */
  resetRound(conversationId: string): void;
  pass(conversationId: string, agentId: string): void;
  /** Record an assignment from a queue, for the wait estimate. */
  assignedFrom(appId: string, queueId: string): void;
  publishUpdated(conversation: Conversation): Promise<void>;
  /** Hand an event to `onEvent`; a throwing hook is logged, never breaks routing. */
  emit(event: RelayEvent): void;
  /** Repeat to a visitor who connected again where its waiting conversations stand (position, availability). */
  repeatNotices(appId: string, visitorId: string): void;
  /** Whether the conversation's queue can serve it now (business hours, agents online). */
  availabilityOf(conversation: Conversation): Promise<QueueAvailability>;
  /** The waiting conversations of these apps the agent can claim now (call inside `serial`). */
  claimableFor(agentId: string, appIds: readonly string[]): Promise<string[]>;
}

interface OpenOffer {
  agentId: string;
  appId: string;
  queueId: string;
  timer: NodeJS.Timeout;
}

const GAP_WEIGHT = 0.3;

/**
 * The routing engine's I/O half: takes a snapshot (config and agents from storage, presence, the
 * waiting conversations and agents' loads from `ActiveConversations` in memory), asks `planOffers`
 * what to do, and carries it out (offers with their timers, queue positions to visitors).
 *
 * Every operation runs on one queue for the whole node: routing reads and writes the same
 * conversations and loads, and capacity is per agent across all of its apps, so two steps (or an
 * accept and a step) interleaving could both fill an agent's last slot. Storage still decides
 * each assignment (`expect` on the write), so two nodes racing cannot assign one conversation
 * twice; capacity across nodes needs the shared bus (a later issue).
 *
 * Offers live in memory: after a restart, waiting conversations are offered afresh as agents
 * reconnect, and assignments already stored stay.
 */
export function createRouterCore(
  options: RouterOptions,
): RouterCore & { close(): void; idle(): Promise<void> } {
  const { storage, presence, logger, now } = options;
  const fallbackGapMs = options.fallbackGapMs ?? 60_000;
  const offers = new Map<string, OpenOffer>();
  const passed = new Map<string, Set<string>>();
  const cursors = new Map<string, Record<string, string | null>>();
  const gaps = new Map<string, { last: number; mean: number | null }>();
  const positionsSent = new Map<
    string,
    Map<string, { key: string; visitorId: string; frame: QueuePosition }>
  >();
  const active = createActiveConversations(storage);
  // Read now rather than at the first routing operation, so what is tracked meanwhile stays little.
  active.ready().catch((error: unknown) => logger.error("reading active conversations failed", { error }));
  let closed = false;

  let chain: Promise<unknown> = Promise.resolve();
  // Every operation starts once the active conversations are read (at once after the first).
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(() => active.ready()).then(work);
    chain = run.catch((error: unknown) => logger.error("routing failed", { error }));
    return run;
  };

  const config = (appId: string): Promise<RoutingConfig> =>
    readRoutingConfig(storage, appId, {
      offerTimeoutMs: options.offerTimeoutMs,
      onInvalid: () => logger.error("stored routing config is invalid; using the implicit one", { appId }),
    });

  const agentRecord = (agentId: string) => storage.getAgent(agentId);
  const assignedCount = async (agentId: string) => active.assignedCount(agentId);
  const capacityOf = (agent: Agent) => agent.capacity ?? options.defaultCapacity;

  const publishUpdated = async (conversation: Conversation) => {
    active.track(conversation);
    try {
      await options.publish.conversationUpdated(conversation);
    } catch (error) {
      logger.error("publish failed", {
        event: "conversation-updated",
        conversationId: conversation.id,
        error,
      });
    }
  };

  const send = (promise: Promise<void>, event: string) =>
    promise.catch((error: unknown) => logger.error("publish failed", { event, error }));

  const withdraw: RouterCore["withdraw"] = (conversationId, reason) => {
    const offer = offers.get(conversationId);
    if (!offer) return null;
    clearTimeout(offer.timer);
    offers.delete(conversationId);
    if (reason !== null) {
      void send(
        options.publish.toAgent(offer.agentId, { type: "offer-revoked", conversationId, reason }),
        "offer-revoked",
      );
    }
    return offer.agentId;
  };

  const pass = (conversationId: string, agentId: string) => {
    const set = passed.get(conversationId) ?? new Set<string>();
    set.add(agentId);
    passed.set(conversationId, set);
  };

  const expire = (conversationId: string, timer: NodeJS.Timeout) =>
    serial(async () => {
      const offer = offers.get(conversationId);
      if (!offer || offer.timer !== timer) return;
      withdraw(conversationId, "expired");
      pass(conversationId, offer.agentId);
      logger.info("offer expired", { conversationId, agentId: offer.agentId });
      await step(offer.appId);
    }).catch(() => {});

  const snapshotAgents = async (appId: string): Promise<AgentSnapshot[]> => {
    const records = new Map((await storage.listAgents()).map((agent) => [agent.id, agent]));
    const offered = new Map<string, number>();
    for (const offer of offers.values()) offered.set(offer.agentId, (offered.get(offer.agentId) ?? 0) + 1);
    const agents: AgentSnapshot[] = [];
    for (const known of presence.list()) {
      const record = records.get(known.id);
      if (!record?.appIds.includes(appId)) continue;
      const load = known.status === "online" ? active.assignedCount(known.id) : 0;
      agents.push({
        id: known.id,
        appIds: record.appIds,
        status: known.status,
        capacity: capacityOf(record),
        skills: record.skills,
        load: load + (offered.get(known.id) ?? 0),
      });
    }
    return agents;
  };

  /** An app's routing and its waiting conversations (placing any that has no queue yet). */
  const waitingOf = async (appId: string) => {
    const routing = await config(appId);
    const queues = new Map(routing.queues.map((queue) => [queue.id, queue]));
    const open = active.waiting(appId);
    const byId = new Map<string, Conversation>();
    const all: (WaitingConversation & { visitorId: string })[] = [];
    for (let conversation of open) {
      if (!conversation.queueId) {
        conversation = (await place(conversation, routing)) ?? conversation;
        active.track(conversation);
      }
      const queue: QueueConfig = queues.get(conversation.queueId ?? "") ?? defaultQueue(routing);
      byId.set(conversation.id, conversation);
      all.push({
        id: conversation.id,
        appId,
        visitorId: conversation.visitorId,
        queueId: queue.id,
        skills: requiredSkills(routing, queue, conversation.attributes),
        priority: conversation.priority ?? 0,
        waitingSince: conversation.waitingSince ?? conversation.createdAt,
        passedBy: [...(passed.get(conversation.id) ?? [])],
      });
    }
    return { routing, queues, byId, all };
  };

  const step = async (appId: string): Promise<void> => {
    if (closed) return;
    const { routing, queues, byId, all } = await waitingOf(appId);
    const agents = await snapshotAgents(appId);
    const at = now();
    const states = new Map(
      routing.queues.map((queue) => [queue.id, queueAvailability(appId, queue, agents, at)]),
    );
    const isClosed = (queueId: string) => {
      const state = states.get(queueId);
      return state !== undefined && !state.open && state.reason === "closed";
    };
    const plan = planOffers({
      queues: routing.queues,
      agents,
      // A closed queue's conversations wait for its opening (the timer armed below re-routes).
      waiting: all.filter((conversation) => !offers.has(conversation.id) && !isClosed(conversation.queueId)),
      cursors: cursors.get(appId) ?? {},
    });
    cursors.set(appId, plan.cursors);
    for (const id of plan.roundOver) passed.delete(id);
    for (const planned of plan.offers) {
      const conversation = byId.get(planned.conversationId)!;
      const queue = queues.get(planned.queueId) ?? defaultQueue(routing);
      const expiresAt = now() + queue.offerTimeoutMs;
      const timer: NodeJS.Timeout = setTimeout(
        () => void expire(conversation.id, timer),
        queue.offerTimeoutMs,
      );
      offers.set(conversation.id, { agentId: planned.agentId, appId, queueId: queue.id, timer });
      logger.info("conversation offered", { conversationId: conversation.id, agentId: planned.agentId });
      void send(
        options.publish.toAgent(planned.agentId, { type: "offer", conversation, expiresAt }),
        "offer",
      );
    }
    publishPositions(appId, routing, all, agents);
    await claimables.publish(appId, queues, all, agents);
    notices.publish(appId, all, states, byId, at);
    notices.armOpening(appId, all, states);
  };

  const emit = (event: RelayEvent) => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      logger.error("onEvent failed", { event: event.type, error });
    }
  };
  const claimables = createClaimableNotices({
    toAgent: (agentId, frame) => void send(options.publish.toAgent(agentId, frame), "claimable"),
    assignedCount,
  });
  const notices = createAvailabilityNotices({
    toVisitor: (visitorId, frame) => send(options.publish.toVisitor(visitorId, frame), "availability"),
    emit,
    now,
    reroute: (appId) => void serial(() => step(appId)).catch(() => {}),
  });

  /** Choose and store the queue and priority of a conversation that has none yet. */
  const place = async (conversation: Conversation, routing: RoutingConfig) => {
    const choice = chooseQueue(routing, conversation.attributes);
    return storage.updateConversation(conversation.id, {
      queueId: choice.queue.id,
      priority: choice.priority,
      updatedAt: conversation.updatedAt,
    });
  };

  const publishPositions = (
    appId: string,
    routing: RoutingConfig,
    waiting: (WaitingConversation & { visitorId: string })[],
    agents: AgentSnapshot[],
  ) => {
    const agentsByQueue: Record<string, number> = {};
    const gapByQueue: Record<string, number> = {};
    for (const queue of routing.queues) {
      agentsByQueue[queue.id] = eligibleAgents({ appId, skills: queue.skills }, queue, agents, {}).length;
      const mean = gaps.get(`${appId}/${queue.id}`)?.mean;
      if (mean != null) gapByQueue[queue.id] = mean;
    }
    const before = positionsSent.get(appId);
    const after = new Map<string, { key: string; visitorId: string; frame: QueuePosition }>();
    const visitors = new Map(waiting.map((conversation) => [conversation.id, conversation.visitorId]));
    for (const standing of queuePositions(waiting, { gapByQueue, agentsByQueue, fallbackGapMs })) {
      const key = `${standing.position}/${standing.expectedWaitMs}`;
      const visitorId = visitors.get(standing.conversationId)!;
      const frame: QueuePosition = { type: "queue-position", ...standing };
      after.set(standing.conversationId, { key, visitorId, frame });
      if (before?.get(standing.conversationId)?.key === key) continue;
      void send(options.publish.toVisitor(visitorId, frame), "queue-position");
    }
    positionsSent.set(appId, after);
  };

  return {
    options,
    serial,
    step,
    config,
    agentRecord,
    assignedCount,
    active,
    capacityOf,
    withdraw,
    offerTo: (conversationId) => offers.get(conversationId),
    resetRound: (conversationId) => passed.delete(conversationId),
    pass,
    assignedFrom(appId, queueId) {
      const key = `${appId}/${queueId}`;
      const at = now();
      const gap = gaps.get(key);
      if (!gap) gaps.set(key, { last: at, mean: null });
      else {
        const sample = at - gap.last;
        gaps.set(key, {
          last: at,
          mean: gap.mean === null ? sample : gap.mean * (1 - GAP_WEIGHT) + sample * GAP_WEIGHT,
        });
      }
    },
    publishUpdated,
    emit,
    repeatNotices(appId, visitorId) {
      for (const told of positionsSent.get(appId)?.values() ?? []) {
        if (told.visitorId === visitorId)
          void send(options.publish.toVisitor(visitorId, told.frame), "queue-position");
      }
      notices.repeat(appId, visitorId);
    },
    async availabilityOf(conversation) {
      const routing = await config(conversation.appId);
      const queue = routing.queues.find((q) => q.id === conversation.queueId) ?? defaultQueue(routing);
      return queueAvailability(conversation.appId, queue, await snapshotAgents(conversation.appId), now());
    },
    async claimableFor(agentId, appIds) {
      const record = await agentRecord(agentId);
      if (!record) return [];
      const claimant = { ...record, capacity: capacityOf(record), assigned: await assignedCount(agentId) };
      const ids: string[] = [];
      for (const appId of new Set(appIds)) {
        // Most apps have no manual queue: nothing to claim, and no need to read what waits.
        if (!(await config(appId)).queues.some((queue) => queue.strategy === "manual")) continue;
        const { queues, all } = await waitingOf(appId);
        ids.push(...claimables.claimableBy(claimant, all, queues));
      }
      return ids;
    },
    close() {
      closed = true;
      notices.close();
      for (const offer of offers.values()) clearTimeout(offer.timer);
      offers.clear();
    },
    idle: () => chain.then(() => {}),
  };
}

export { ROUTING_DEFAULTS };
