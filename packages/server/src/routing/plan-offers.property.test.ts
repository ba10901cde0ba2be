import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eligibleAgents } from "./eligible-agents.ts";
import { planOffers } from "./plan-offers.ts";
import type { AgentSnapshot, QueueConfig, RoutingSnapshot, WaitingConversation } from "./types.ts";

const AGENT_IDS = ["agt_a", "agt_b", "agt_c", "agt_d", "agt_e", "agt_f"];
const SKILLS = ["fr", "de", "billing"];
const APPS = ["app1", "app2"];

const agentArb = (id: string): fc.Arbitrary<AgentSnapshot> =>
  fc
    .record({
      appIds: fc.subarray(APPS, { minLength: 1 }),
      status: fc.constantFrom("online", "online", "away", "offline" as const),
      capacity: fc.integer({ min: 1, max: 4 }),
      skills: fc.subarray(SKILLS),
      loadShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ loadShare, ...agent }) => ({
      id,
      ...agent,
      status: agent.status as AgentSnapshot["status"],
      load: Math.min(agent.capacity, Math.floor(loadShare * (agent.capacity + 1))),
    }));

const queueArb = (id: string): fc.Arbitrary<QueueConfig> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(id),
    strategy: fc.constantFrom("round-robin", "least-busy", "manual" as const),
    members: fc.option(fc.subarray(AGENT_IDS), { nil: null }),
    skills: fc.subarray(SKILLS, { maxLength: 1 }),
    offerTimeoutMs: fc.constant(30_000),
    priority: fc.constant(0),
    businessHours: fc.constant(null),
    sla: fc.constant(null),
  });

const snapshotArb: fc.Arbitrary<RoutingSnapshot> = fc
  .record({
    agentCount: fc.integer({ min: 0, max: AGENT_IDS.length }),
    queueCount: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ agentCount, queueCount }) => {
    const queueIds = Array.from({ length: queueCount }, (_, i) => `q${i}`);
    const agentIds = AGENT_IDS.slice(0, agentCount);
    return fc.record({
      queues: fc.tuple(...queueIds.map(queueArb)),
      agents: agentIds.length > 0 ? fc.tuple(...agentIds.map(agentArb)) : fc.constant([]),
      waiting: fc.uniqueArray(
        fc.record({
          id: fc.integer({ min: 1, max: 999 }).map((n) => `cnv_${n}`),
          appId: fc.constantFrom(...APPS),
          queueId: fc.constantFrom(...queueIds),
          skills: fc.subarray(SKILLS, { maxLength: 2 }),
          priority: fc.integer({ min: 0, max: 2 }),
          waitingSince: fc.integer({ min: 0, max: 100 }),
          passedBy: fc.subarray(agentIds),
        }),
        { maxLength: 14, selector: (w) => w.id },
      ),
      cursors: fc.record(
        Object.fromEntries(
          queueIds.map((id) => [id, fc.option(fc.constantFrom(...AGENT_IDS), { nil: null })]),
        ),
      ),
    });
  });

function offersPerAgent(offers: { agentId: string }[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const offer of offers) count[offer.agentId] = (count[offer.agentId] ?? 0) + 1;
  return count;
}

describe("planOffers properties", () => {
  it("never exceeds an agent's capacity", () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const { offers } = planOffers(snapshot);
        const extra = offersPerAgent(offers);
        for (const agent of snapshot.agents)
          expect(agent.load + (extra[agent.id] ?? 0)).toBeLessThanOrEqual(agent.capacity);
      }),
      { numRuns: 500 },
    );
  });

  it("offers each conversation at most once, only waiting ones, only to agents eligible for it", () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const { offers } = planOffers(snapshot);
        const ids = offers.map((o) => o.conversationId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const offer of offers) {
          const conversation = snapshot.waiting.find((w) => w.id === offer.conversationId)!;
          expect(conversation).toBeDefined();
          const queue = snapshot.queues.find((q) => q.id === conversation.queueId)!;
          expect(queue.strategy).not.toBe("manual");
          const agent = snapshot.agents.find((a) => a.id === offer.agentId)!;
          expect(agent.status).toBe("online");
          expect(agent.appIds).toContain(conversation.appId);
          if (queue.members) expect(queue.members).toContain(agent.id);
          for (const skill of conversation.skills) expect(agent.skills).toContain(skill);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("leaves no conversation waiting while a suitable agent has room", () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const { offers } = planOffers(snapshot);
        const offered = new Set(offers.map((o) => o.conversationId));
        const extra = offersPerAgent(offers);
        for (const conversation of snapshot.waiting) {
          if (offered.has(conversation.id)) continue;
          const queue = snapshot.queues.find((q) => q.id === conversation.queueId)!;
          if (queue.strategy === "manual") continue;
          expect(eligibleAgents(conversation, queue, snapshot.agents, extra)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("offers again to an agent that passed only when nobody else eligible has room", () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const { offers, roundOver } = planOffers(snapshot);
        const extraBefore: Record<string, number> = {};
        // Replay the plan in its own order to know the loads each decision saw.
        for (const offer of offers) {
          const conversation = snapshot.waiting.find((w) => w.id === offer.conversationId)!;
          if (conversation.passedBy.includes(offer.agentId)) {
            const queue = snapshot.queues.find((q) => q.id === conversation.queueId)!;
            const others = eligibleAgents(conversation, queue, snapshot.agents, extraBefore).filter(
              (a) => !conversation.passedBy.includes(a.id),
            );
            expect(others).toEqual([]);
            expect(roundOver).toContain(conversation.id);
          }
          extraBefore[offer.agentId] = (extraBefore[offer.agentId] ?? 0) + 1;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("round-robin is fair to within one conversation, one step at a time or many at once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.option(fc.constantFrom(...AGENT_IDS), { nil: null }),
        (agentCount, conversations, oneAtATime, startCursor) => {
          const agents: AgentSnapshot[] = AGENT_IDS.slice(0, agentCount).map((id) => ({
            id,
            appIds: ["app1"],
            status: "online",
            capacity: 1_000,
            skills: [],
            load: 0,
          }));
          const queue: QueueConfig = {
            id: "q",
            name: "q",
            strategy: "round-robin",
            members: null,
            skills: [],
            offerTimeoutMs: 1,
            priority: 0,
            businessHours: null,
            sla: null,
          };
          const waiting: WaitingConversation[] = Array.from({ length: conversations }, (_, i) => ({
            id: `cnv_${i}`,
            appId: "app1",
            queueId: "q",
            skills: [],
            priority: 0,
            waitingSince: i,
            passedBy: [],
          }));
          const counts: Record<string, number> = {};
          let cursors: Record<string, string | null> = { q: startCursor };
          const batches = oneAtATime ? waiting.map((w) => [w]) : [waiting];
          for (const batch of batches) {
            const plan = planOffers({ queues: [queue], agents, waiting: batch, cursors });
            cursors = plan.cursors;
            for (const offer of plan.offers) counts[offer.agentId] = (counts[offer.agentId] ?? 0) + 1;
          }
          const values = agents.map((a) => counts[a.id] ?? 0);
          expect(values.reduce((a, b) => a + b, 0)).toBe(conversations);
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
