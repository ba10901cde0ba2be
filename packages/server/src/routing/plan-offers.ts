import { eligibleAgents } from "./eligible-agents.ts";
import { orderWaiting } from "./order-waiting.ts";
import { pickAgent, pickLeastBusy } from "./pick-agent.ts";
import type { PlannedOffer, RoutingSnapshot } from "./types.ts";

/**
 * One routing step: which waiting conversation to offer to which agent, given a snapshot. Pure.
 *
 * Conversations are taken in service order (`orderWaiting`); each goes to an eligible agent
 * (`eligibleAgents`) chosen by its queue's strategy, and that agent's load grows by one before
 * the next is considered, so capacity holds across the whole plan. Conversations of `manual`
 * queues are never offered (agents claim them). A conversation no agent is eligible for stays
 * waiting; the loop goes on with the next, which may need other agents.
 *
 * Offer rounds: an agent that declined a conversation or let its offer time out (`passedBy`) is
 * offered it again only when no other agent is eligible, so an offer moves through the team
 * before it comes back. `roundOver` lists the conversations for which that happened: the caller
 * starts a new round for them.
 */
export function planOffers(snapshot: RoutingSnapshot): {
  offers: PlannedOffer[];
  cursors: Record<string, string | null>;
  roundOver: string[];
} {
  const cursors: Record<string, string | null> = { ...snapshot.cursors };
  const extraLoad: Record<string, number> = {};
  const offers: PlannedOffer[] = [];
  const roundOver: string[] = [];
  const queues = new Map(snapshot.queues.map((queue) => [queue.id, queue]));
  for (const conversation of orderWaiting(snapshot.waiting)) {
    const queue = queues.get(conversation.queueId);
    if (!queue || queue.strategy === "manual") continue;
    const eligible = eligibleAgents(conversation, queue, snapshot.agents, extraLoad);
    if (eligible.length === 0) continue;
    const fresh = eligible.filter((agent) => !conversation.passedBy.includes(agent.id));
    const pool = fresh.length > 0 ? fresh : eligible;
    if (fresh.length === 0) roundOver.push(conversation.id);
    const cursor = cursors[queue.id] ?? null;
    const agent =
      queue.strategy === "least-busy" ? pickLeastBusy(pool, cursor, extraLoad) : pickAgent(pool, cursor);
    if (!agent) continue;
    offers.push({ conversationId: conversation.id, agentId: agent.id, queueId: queue.id });
    extraLoad[agent.id] = (extraLoad[agent.id] ?? 0) + 1;
    cursors[queue.id] = agent.id;
  }
  return { offers, cursors, roundOver };
}
