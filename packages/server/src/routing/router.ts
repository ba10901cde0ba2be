import type { Conversation, ErrorCode, Message } from "@relaydesk/sdk-types";
import { isRelaydeskError } from "../errors.ts";
import { chooseQueue, requiredSkills } from "./choose-queue.ts";
import { claimRefusal } from "./claim-refusal.ts";
import {
  createRouterCore,
  type RouterCore,
  type RouterOptions,
  type RoutingResult,
} from "./create-router.ts";
import type { RelayEvent } from "./relay-events.ts";
import { createSlaWatch } from "./sla-watch.ts";

export type { RouterOptions, RoutingResult };

/** Who asks: the agent behind a socket. */
export interface Actor {
  id: string;
  name: string;
}

export type TransferTarget = { agentId: string } | { queueId: string };

/**
 * Queues, offers and the agents' routing actions. Every method is serialised with every routing
 * step (see `createRouterCore`); conversations passed in were already checked to be visible to
 * the actor by the request handler.
 */
export interface Router {
  /** Store the queue and priority the rules give a new conversation. */
  place(conversation: Conversation): Promise<Conversation>;
  /** A conversation started waiting: route its app. */
  conversationWaiting(conversation: Conversation): Promise<void>;
  /** Something changed for these apps (an agent came online, capacity freed): route them. */
  reroute(appIds: readonly string[]): Promise<void>;
  /** An agent is no longer online (away, offline): its open offers move on at once. */
  agentUnavailable(agentId: string, appIds: readonly string[]): Promise<void>;
  /** An agent stayed disconnected past the grace period: re-queue its conversations. */
  requeueAgent(agentId: string): Promise<void>;
  accept(actor: Actor, conversationId: string): Promise<RoutingResult>;
  decline(actor: Actor, conversationId: string): Promise<RoutingResult>;
  claim(actor: Actor, conversation: Conversation): Promise<RoutingResult>;
  transfer(actor: Actor, conversation: Conversation, to: TransferTarget): Promise<RoutingResult>;
  reopen(actor: Actor, conversation: Conversation): Promise<RoutingResult>;
  /**
   * Change a conversation's priority: a waiting one takes its new place in its queue (served by
   * priority, then by how long it waited, which it keeps), and a running SLA clock is measured
   * again against the queue's targets for that priority.
   */
  setPriority(actor: Actor, conversation: Conversation, priority: number): Promise<RoutingResult>;
  /**
   * A conversation as stored after a change made outside routing (closed, tagged, moved to another
   * visitor, created): routing's view of who waits and who holds what follows it (the relay passes
   * every conversation it publishes). Synchronous, so the next routing step already sees it.
   */
  conversationChanged(conversation: Conversation): void;
  /**
   * A visitor socket finished its `welcome` and replay: repeat where the visitor's waiting
   * conversations stand (`queue-position`, an `availability` that said "not now"), which a reload
   * would otherwise lose until it changes.
   */
  visitorConnected(appId: string, visitorId: string): void;
  /** A conversation was closed: its offer (if any) is withdrawn and its agent has room again. */
  conversationClosed(conversation: Conversation): Promise<void>;
  /** A message was stored in a conversation of `appId`: its SLA clock starts, stays or stops. */
  messageStored(message: Message, appId: string): Promise<void>;
  /**
   * The visitor left an email to be answered at: store it and, while the queue cannot serve the
   * conversation, emit `conversation.offline` with it. Resolves to the updated conversation.
   */
  leaveEmail(conversation: Conversation, email: string): Promise<Conversation | null>;
  /** Record every SLA clock due by now as breached (the sweep timer calls it too). */
  sweepSla(): Promise<void>;
  /** The waiting conversations of these apps the agent can `claim` now (see `claimRefusal`). */
  claimableFor(agentId: string, appIds: readonly string[]): Promise<string[]>;
  /** Hand an event to the vendor's `onEvent` (a throwing hook is logged): for events outside routing. */
  emit(event: RelayEvent): void;
  /** Resolves once every routing operation queued so far has finished (for shutdown). */
  idle(): Promise<void>;
  /** Stop offer timers (relay shutdown). */
  close(): void;
}

const fail = (code: ErrorCode, message: string): RoutingResult => ({ ok: false, code, message });

/** How often due SLA clocks are looked for, when `slaSweepMs` is not given. */
export const SLA_SWEEP_MS = 5_000;

export function createRouter(options: RouterOptions & { slaSweepMs?: number | undefined }): Router {
  const core = createRouterCore(options);
  const sla = createSlaWatch(core, options.slaSweepMs ?? SLA_SWEEP_MS);
  const { storage, now, logger } = options;

  /** Assign with storage deciding: the write happens only if `expect` still holds. */
  const assign = async (
    conversationId: string,
    actor: Actor,
    expect: { status: Conversation["status"][]; assigneeId?: string | null },
  ): Promise<RoutingResult> => {
    try {
      const updated = await storage.updateConversation(conversationId, {
        status: "assigned",
        assignee: { id: actor.id, name: actor.name },
        updatedAt: now(),
        expect,
      });
      if (!updated) return fail("not-found", "no such conversation");
      await core.publishUpdated(updated);
      return { ok: true, conversation: updated };
    } catch (error) {
      if (isRelaydeskError(error, "conflict")) return fail("already-assigned", "someone else took it first");
      throw error;
    }
  };

  /** Room under the agent's capacity for one more conversation, else the error to answer. */
  const roomFor = async (agentId: string): Promise<RoutingResult | null> => {
    const record = await core.agentRecord(agentId);
    if (!record) return fail("not-a-member", "no such agent");
    const capacity = core.capacityOf(record);
    if ((await core.assignedCount(agentId)) >= capacity) {
      return fail("over-capacity", `${record.name} already has ${capacity} conversations (their capacity)`);
    }
    return null;
  };

  const appsOf = async (agentId: string) => (await core.agentRecord(agentId))?.appIds ?? [];

  return {
    async place(conversation) {
      const choice = chooseQueue(await core.config(conversation.appId), conversation.attributes);
      const clock =
        conversation.sla === undefined
          ? sla.startClock(choice.queue, conversation, choice.priority)
          : undefined;
      const placed = await storage.updateConversation(conversation.id, {
        queueId: choice.queue.id,
        priority: choice.priority,
        ...(clock ? { sla: clock } : {}),
        updatedAt: conversation.updatedAt,
      });
      core.emit({
        type: "conversation.created",
        appId: conversation.appId,
        conversationId: conversation.id,
        visitorId: conversation.visitorId,
        queueId: choice.queue.id,
        priority: choice.priority,
        at: conversation.createdAt,
      });
      return placed ?? conversation;
    },
    conversationWaiting: (conversation) => core.serial(() => core.step(conversation.appId)),
    conversationChanged: (conversation) => core.active.track(conversation),
    visitorConnected: (appId, visitorId) => core.repeatNotices(appId, visitorId),
    reroute: (appIds) =>
      core.serial(async () => {
        for (const appId of new Set(appIds)) await core.step(appId);
      }),
    agentUnavailable: (agentId, appIds) =>
      core.serial(async () => {
        for (const appId of new Set(appIds)) {
          for (const conversation of core.active.waiting(appId)) {
            if (core.offerTo(conversation.id)?.agentId === agentId)
              core.withdraw(conversation.id, "withdrawn");
          }
          await core.step(appId);
        }
      }),
    requeueAgent: (agentId) =>
      core.serial(async () => {
        const held = await storage.listConversations({
          assigneeId: agentId,
          status: ["assigned"],
          order: "oldest",
        });
        const apps = new Set<string>();
        for (const conversation of held) {
          try {
            // waitingSince is left as it was: the visitor has waited since then and goes first.
            const requeued = await storage.updateConversation(conversation.id, {
              status: "open",
              assignee: null,
              updatedAt: now(),
              expect: { status: ["assigned"], assigneeId: agentId },
            });
            if (!requeued) continue;
            core.resetRound(conversation.id);
            logger.info("conversation re-queued", { conversationId: conversation.id, agentId });
            await core.publishUpdated(requeued);
            apps.add(conversation.appId);
          } catch (error) {
            if (!isRelaydeskError(error, "conflict")) throw error;
          }
        }
        for (const appId of apps) await core.step(appId);
      }),
    accept: (actor, conversationId) =>
      core.serial(async () => {
        const offer = core.offerTo(conversationId);
        if (!offer || offer.agentId !== actor.id) {
          return fail("offer-expired", "this conversation is not offered to you (any more)");
        }
        core.withdraw(conversationId, null);
        const conversation = await storage.getConversation(conversationId);
        if (!conversation) return fail("not-found", "no such conversation");
        const full = await roomFor(actor.id);
        const result = full ?? (await assign(conversationId, actor, { status: ["open"], assigneeId: null }));
        if (result.ok) {
          core.resetRound(conversationId);
          core.assignedFrom(conversation.appId, offer.queueId);
          logger.info("offer accepted", { conversationId, agentId: actor.id });
        } else core.pass(conversationId, actor.id);
        await core.step(conversation.appId);
        return result;
      }),
    decline: (actor, conversationId) =>
      core.serial(async () => {
        const offer = core.offerTo(conversationId);
        if (!offer || offer.agentId !== actor.id) {
          return fail("offer-expired", "this conversation is not offered to you (any more)");
        }
        core.withdraw(conversationId, null);
        core.pass(conversationId, actor.id);
        const conversation = await storage.getConversation(conversationId);
        if (!conversation) return fail("not-found", "no such conversation");
        logger.info("offer declined", { conversationId, agentId: actor.id });
        await core.step(conversation.appId);
        return { ok: true, conversation };
      }),
    claim: (actor, conversation) =>
      core.serial(async () => {
        const current = (await storage.getConversation(conversation.id)) ?? conversation;
        if (current.status !== "open" || current.assignee !== null) {
          return fail("already-assigned", "the conversation is not waiting any more");
        }
        const routing = await core.config(current.appId);
        const queue = routing.queues.find((q) => q.id === current.queueId);
        const record = await core.agentRecord(actor.id);
        if (!record) return fail("not-a-member", "no such agent");
        // The same check as the `claimable` lists agents are sent, so a Claim button they show works.
        const refusal = claimRefusal(
          {
            appId: current.appId,
            status: current.status,
            assigned: current.assignee !== null,
            skills: queue ? requiredSkills(routing, queue, current.attributes) : [],
          },
          queue,
          { ...record, capacity: core.capacityOf(record), assigned: await core.assignedCount(actor.id) },
        );
        if (refusal || !queue) return fail(refusal?.code ?? "not-manual", refusal?.message ?? "");
        const result = await assign(current.id, actor, { status: ["open"], assigneeId: null });
        if (result.ok) core.assignedFrom(current.appId, queue.id);
        await core.step(current.appId);
        return result;
      }),
    transfer: (_actor, conversation, to) =>
      core.serial(async () => {
        if (conversation.status === "closed")
          return fail("conversation-closed", "the conversation is closed");
        if ("agentId" in to) {
          const target = await core.agentRecord(to.agentId);
          if (!target?.appIds.includes(conversation.appId)) {
            return fail("not-a-member", "that agent does not serve this conversation's app");
          }
          const full = await roomFor(target.id);
          if (full) return full;
          core.withdraw(conversation.id, "withdrawn");
          const result = await assign(conversation.id, target, { status: ["open", "pending", "assigned"] });
          await core.step(conversation.appId);
          return result;
        }
        const routing = await core.config(conversation.appId);
        const queue = routing.queues.find((q) => q.id === to.queueId);
        if (!queue) return fail("unknown-queue", `no queue "${to.queueId}" in this app's routing`);
        core.withdraw(conversation.id, "withdrawn");
        core.resetRound(conversation.id);
        try {
          const moved = await storage.updateConversation(conversation.id, {
            status: "open",
            assignee: null,
            queueId: queue.id,
            priority: queue.priority,
            waitingSince: now(),
            updatedAt: now(),
            expect: { status: ["open", "pending", "assigned"] },
          });
          if (!moved) return fail("not-found", "no such conversation");
          // Another queue, another priority: its clock runs on that queue's targets from now on.
          const retimed = await sla.retarget(moved);
          await core.publishUpdated(retimed);
          await core.step(conversation.appId);
          return { ok: true, conversation: retimed };
        } catch (error) {
          if (isRelaydeskError(error, "conflict"))
            return fail("conversation-closed", "the conversation is closed");
          throw error;
        }
      }),
    reopen: (actor, conversation) =>
      core.serial(async () => {
        if (conversation.status !== "closed") return { ok: true, conversation };
        const full = await roomFor(actor.id);
        if (full) return full;
        return assign(conversation.id, actor, { status: ["closed"] });
      }),
    setPriority: (_actor, conversation, priority) =>
      core.serial(async () => {
        if (conversation.status === "closed")
          return fail("conversation-closed", "the conversation is closed");
        try {
          const changed = await storage.updateConversation(conversation.id, {
            priority,
            updatedAt: now(),
            expect: { status: ["open", "pending", "assigned"] },
          });
          if (!changed) return fail("not-found", "no such conversation");
          const retimed = await sla.retarget(changed);
          await core.publishUpdated(retimed);
          // Its place among who waits changed: offers, positions and claimable lists follow.
          if (retimed.status === "open" && retimed.assignee === null) await core.step(retimed.appId);
          return { ok: true, conversation: retimed };
        } catch (error) {
          if (isRelaydeskError(error, "conflict"))
            return fail("conversation-closed", "the conversation is closed");
          throw error;
        }
      }),
    conversationClosed: (conversation) =>
      core.serial(async () => {
        core.emit({
          type: "conversation.closed",
          appId: conversation.appId,
          conversationId: conversation.id,
          visitorId: conversation.visitorId,
          assigneeId: conversation.assignee?.id ?? null,
          at: conversation.updatedAt,
        });
        void sla.conversationClosed(conversation.id).catch(() => {});
        core.withdraw(conversation.id, "withdrawn");
        core.resetRound(conversation.id);
        // Its agent has room again: serve who waits, in every app the agent serves.
        const apps = new Set([conversation.appId]);
        if (conversation.assignee)
          for (const appId of await appsOf(conversation.assignee.id)) apps.add(appId);
        for (const appId of apps) await core.step(appId);
      }),
    messageStored: (message, appId) => sla.messageStored(message, appId),
    leaveEmail: (conversation, email) =>
      core.serial(async () => {
        const updated = await storage.updateConversation(conversation.id, {
          offlineEmail: email,
          updatedAt: now(),
        });
        if (!updated) return null;
        logger.info("offline email left", { conversationId: updated.id });
        await core.publishUpdated(updated);
        const state = await core.availabilityOf(updated);
        if (!state.open) {
          core.emit({
            type: "conversation.offline",
            appId: updated.appId,
            conversationId: updated.id,
            queueId: updated.queueId ?? "",
            reason: state.reason,
            nextOpeningAt: state.reason === "closed" ? state.nextOpeningAt : null,
            email,
            at: now(),
          });
        }
        return updated;
      }),
    sweepSla: () => sla.sweep(),
    claimableFor: (agentId, appIds) => core.serial(() => core.claimableFor(agentId, appIds)),
    emit: (event) => core.emit(event),
    idle: () => core.idle(),
    close: () => {
      sla.close();
      core.close();
    },
  } satisfies Router;
}

export type { RouterCore };
