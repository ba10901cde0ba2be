import type { Conversation, Message } from "@relaydesk/sdk-types";
import type { RouterCore } from "./create-router.ts";
import { advanceSla, breachAt, retargetSla, type SlaTargets } from "./sla-clock.ts";
import { slaTargetsFor } from "./sla-policy.ts";
import type { QueueConfig } from "./types.ts";

export interface SlaWatch {
  /**
   * The clock a conversation starting in this queue with this priority runs (none without a
   * first-response target).
   */
  startClock(
    queue: QueueConfig,
    conversation: Conversation,
    priority: number,
  ): Conversation["sla"] | undefined;
  /**
   * The conversation's queue or priority changed: measure its clock against the new targets
   * (see `retargetSla`). Call inside `core.serial`; resolves to the conversation as stored after.
   */
  retarget(conversation: Conversation): Promise<Conversation>;
  /** A message was stored in a conversation of `appId`: start, keep or stop its clock. */
  messageStored(message: Message, appId: string): Promise<void>;
  /** The conversation closed: a running clock stops (a breach stays recorded). */
  conversationClosed(conversationId: string): Promise<void>;
  /** Record every clock due by now as breached. */
  sweep(): Promise<void>;
  close(): void;
}

/** Clocks the sweep breaches in one run; more wait for the next one rather than hold the queue. */
const SWEEP_BATCH = 500;

/**
 * SLA clocks over storage. Due clocks are found by one sweeping timer every `sweepMs` that asks
 * storage for clocks due by now (an index on the due time), so the relay keeps nothing per
 * conversation in memory, clocks survive a restart, and a breach is recorded at most `sweepMs`
 * after its due time. Every change runs on the router's queue, so a message and the sweep never
 * both rewrite one clock.
 */
export function createSlaWatch(core: RouterCore, sweepMs: number): SlaWatch {
  const { storage, now, logger } = core.options;
  const targetsOf = async (conversation: Conversation): Promise<SlaTargets | null> => {
    const routing = await core.config(conversation.appId);
    const policy = routing.queues.find((queue) => queue.id === conversation.queueId)?.sla ?? null;
    return policy === null ? null : slaTargetsFor(policy, conversation.priority ?? 0);
  };

  const appHasSla = async (appId: string) =>
    (await core.config(appId)).queues.some((queue) => queue.sla !== null);

  const sweep = () =>
    core.serial(async () => {
      const at = now();
      const due = await storage.listConversations({
        slaDueBy: at,
        status: ["open", "pending", "assigned"],
        order: "oldest",
        limit: SWEEP_BATCH,
      });
      for (const conversation of due) {
        const breached = breachAt(conversation.sla ?? null, at);
        if (!breached) continue;
        const updated = await storage.updateConversation(conversation.id, {
          sla: breached,
          countBreach: true,
          updatedAt: at,
        });
        if (!updated) continue;
        logger.warn("sla breached", { conversationId: conversation.id, kind: breached.kind });
        core.emit({
          type: "sla.breached",
          appId: conversation.appId,
          conversationId: conversation.id,
          queueId: conversation.queueId ?? null,
          kind: breached.kind,
          dueAt: breached.dueAt,
          breachedAt: at,
        });
        await core.publishUpdated(updated);
      }
    });

  const timer = setInterval(() => void sweep().catch(() => {}), sweepMs);
  timer.unref();

  return {
    startClock(queue, conversation, priority) {
      if (!queue.sla) return undefined;
      const targets = slaTargetsFor(queue.sla, priority);
      return advanceSla(null, { type: "started", at: conversation.createdAt }, targets, false) ?? undefined;
    },
    async retarget(conversation) {
      if (conversation.status === "closed") return conversation;
      const before = conversation.sla ?? null;
      const unanswered = conversation.firstResponseAt === undefined ? conversation : null;
      const after = retargetSla(before, (await targetsOf(conversation)) ?? {}, unanswered);
      if (after === before) return conversation;
      const updated = await storage.updateConversation(conversation.id, { sla: after, updatedAt: now() });
      if (updated) logger.info("sla retargeted", { conversationId: conversation.id });
      return updated ?? conversation;
    },
    messageStored: async (message, appId) => {
      if (message.author.kind !== "agent" && message.author.kind !== "visitor") return;
      // A visitor's message starts or keeps a clock only where a queue has targets: without any
      // in the app, it changes nothing. Every message goes through here, so that is decided
      // before taking a place on the routing queue, from the config alone: it writes nothing.
      if (message.author.kind === "visitor" && !(await appHasSla(appId))) return;
      return core.serial(async () => {
        const current = await storage.getConversation(message.conversationId);
        if (!current || current.status === "closed") return;
        const agent = message.author.kind === "agent";
        const before = current.sla ?? null;
        const targets = await targetsOf(current);
        const after = targets
          ? advanceSla(
              before,
              { type: agent ? "agent-message" : "visitor-message", at: message.createdAt },
              targets,
              current.firstResponseAt !== undefined,
            )
          : agent
            ? null
            : before;
        const firstResponse = agent && current.firstResponseAt === undefined;
        if (after === before && !firstResponse) return;
        const updated = await storage.updateConversation(current.id, {
          ...(after === before ? {} : { sla: after }),
          ...(firstResponse ? { firstResponseAt: message.createdAt } : {}),
          updatedAt: now(),
        });
        if (updated && after !== before) await core.publishUpdated(updated);
      });
    },
    conversationClosed: (conversationId) =>
      core.serial(async () => {
        const current = await storage.getConversation(conversationId);
        if (!current?.sla || current.sla.breachedAt !== undefined) return;
        await storage.updateConversation(conversationId, { sla: null, updatedAt: current.updatedAt });
      }),
    sweep,
    close: () => clearInterval(timer),
  };
}
