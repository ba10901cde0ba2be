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

/** The clock running on a conversation: what is awaited, since and by when, and when it was missed. */
export interface SlaClock {
  kind: SlaKind;
  /**
   * When the wait began, so a new target (the priority or queue changed) can be measured from it.
   * Absent on clocks stored before it was recorded.
   */
  startedAt?: number | undefined;
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
      return clockOf("first-response", event.at, targets);
    case "agent-message":
      return null;
    case "visitor-message":
      if (current !== null) return current;
      return clockOf(agentAnswered ? "next-response" : "first-response", event.at, targets);
  }
}

const TARGET = { "first-response": "firstResponseMs", "next-response": "nextResponseMs" } as const;

function clockOf(kind: SlaKind, startedAt: number, targets: SlaTargets): SlaClock | null {
  const target = targets[TARGET[kind]];
  return target === undefined ? null : { kind, startedAt, dueAt: startedAt + target };
}

/**
 * The clock after the conversation's targets changed (another priority or queue): a running clock
 * is measured again from when its wait began, so raising a conversation to urgent can make it due
 * at once, as in any help desk. A breached clock stays as recorded (a breach is not undone), and a
 * kind the new targets have no target for stops. With no clock running, a conversation nobody has
 * answered yet (`createdAt` given) starts a first-response clock from its creation, since the
 * visitor has waited that long; an answered one waits for the visitor's next message.
 */
export function retargetSla(
  current: SlaClock | null,
  targets: SlaTargets,
  unanswered: { createdAt: number } | null,
): SlaClock | null {
  if (current === null)
    return unanswered === null ? null : clockOf("first-response", unanswered.createdAt, targets);
  if (current.breachedAt !== undefined || current.startedAt === undefined) return current;
  const next = clockOf(current.kind, current.startedAt, targets);
  return next !== null && next.dueAt === current.dueAt ? current : next;
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
