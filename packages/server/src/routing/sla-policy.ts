import type { SlaTargets } from "./sla-clock.ts";

/** Targets for conversations of at least one priority (priorities are whole numbers, higher first). */
export interface SlaTier extends SlaTargets {
  minPriority: number;
}

/**
 * A queue's SLA: base targets and tiers by priority. The routing
 * document writes tiers as `byPriority: { "10": { firstResponseMs: 300000 } }`.
 */
export interface SlaPolicy extends SlaTargets {
  byPriority: readonly SlaTier[];
}

/**
 * The targets a conversation of `priority` runs on: the tier with the highest `minPriority` at or
 * below its priority, each target it gives replacing the queue's base one (a tier that gives only
 * `firstResponseMs` keeps the base `nextResponseMs`). Below every tier, the base targets. Pure.
 *
 * Tiers are thresholds, not exact matches, because priorities come from queues and rules as any
 * whole number: a rule that raises enterprise customers to 15 still gets the `10` tier's targets.
 *
 * @example
 * const policy = { firstResponseMs: 3_600_000, byPriority: [{ minPriority: 10, firstResponseMs: 300_000 }] };
 * slaTargetsFor(policy, 12); // { firstResponseMs: 300000, nextResponseMs: undefined }
 */
export function slaTargetsFor(policy: SlaPolicy, priority: number): SlaTargets {
  let tier: SlaTier | undefined;
  for (const t of policy.byPriority)
    if (t.minPriority <= priority && (tier === undefined || t.minPriority > tier.minPriority)) tier = t;
  return {
    firstResponseMs: tier?.firstResponseMs ?? policy.firstResponseMs,
    nextResponseMs: tier?.nextResponseMs ?? policy.nextResponseMs,
  };
}
