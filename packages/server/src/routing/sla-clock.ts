/**
 * SLA clocks: how long agents have to answer. Pure: the relay stores the clock on the conversation
 * and calls `advanceSla` at each event that can start or stop one.
 *
 * Clocks run on wall time, business hours or not: a conversation that arrives at 16:59 on a Friday
 * with a one-hour first-response target is due at 17:59 that Friday. Pausing outside business
 * hours is a later choice; wall time is what a visitor experiences.
 */

/** A queue's targets, in ms. A missing one means no clock of that kind. */
export interface SlaTargets {
  firstResponseMs?: number | undefined;
  nextResponseMs?: number | undefined;
}

export type SlaKind = "first-response" | "next-response";

/** The clock running on a conversation: what is awaited, by when, and when it was missed. */
export interface SlaClock {
  kind: SlaKind;
  dueAt: number;
  breachedAt?: number | undefined;
}

export type SlaEvent =
  | { type: "started"; at: number }
  | { type: "visitor-message"; at: number }
  | { type: "agent-message"; at: number };

/**
 * The clock after an event. `current` is the clock before it (null: none running) and
 * `agentAnswered` whether an agent has written in the conversation before this event.
 *
 * - started: first-response runs from the start.
 * - agent message: whatever ran is met (or stays breached in the record, not here): no clock.
 * - visitor message: after an agent message, next-response starts; a running clock keeps its
 *   due time (three messages in a row do not push the answer back), and before any agent
 *   message the first-response clock is what runs.
 */
export function advanceSla(
  current: SlaClock | null,
  event: SlaEvent,
  targets: SlaTargets,
  agentAnswered: boolean,
): SlaClock | null {
  switch (event.type) {
    case "started":
      return targets.firstResponseMs === undefined
        ? null
        : { kind: "first-response", dueAt: event.at + targets.firstResponseMs };
    case "agent-message":
      return null;
    case "visitor-message":
      if (current !== null) return current;
      if (!agentAnswered) {
        return targets.firstResponseMs === undefined
          ? null
          : { kind: "first-response", dueAt: event.at + targets.firstResponseMs };
      }
      return targets.nextResponseMs === undefined
        ? null
        : { kind: "next-response", dueAt: event.at + targets.nextResponseMs };
  }
}

/** The clock marked breached if it is due at `now` and was not yet; otherwise null (no change). */
export function breachAt(clock: SlaClock | null, now: number): SlaClock | null {
  if (clock === null || clock.breachedAt !== undefined || now < clock.dueAt) return null;
  return { ...clock, breachedAt: now };
}

/** The earliest due time among clocks not yet breached, for one timer to wake at. */
export function nextDue(clocks: Iterable<SlaClock | null | undefined>): number | null {
  let earliest: number | null = null;
  for (const clock of clocks) {
    if (!clock || clock.breachedAt !== undefined) continue;
    if (earliest === null || clock.dueAt < earliest) earliest = clock.dueAt;
  }
  return earliest;
}
