import { RelaydeskError } from "../errors.ts";

/**
 * The relay's routing timings and their allowed ranges (ms, apart from the capacity). One table
 * for `createRelay`'s options and `relaydesk start`'s flags, so both refuse the same values.
 */
export const ROUTING_TIMING_RANGES = {
  /** Conversations an agent without its own capacity holds at once. */
  defaultCapacity: { min: 1, max: 10_000 },
  /** How long an offer waits for an accept, for queues that set no `offerTimeoutMs`. */
  offerTimeoutMs: { min: 1_000, max: 3_600_000 },
  /** How long a disconnected agent keeps its conversations before they are re-queued. */
  disconnectGraceMs: { min: 0, max: 86_400_000 },
  /** Inactivity after which an online agent shows as away. */
  awayAfterMs: { min: 100, max: 86_400_000 },
  /** Least time between two typing/read/delivered signals passed on per sender and conversation. */
  signalIntervalMs: { min: 0, max: 60_000 },
  /** How often due SLA clocks are looked for. */
  slaSweepMs: { min: 10, max: 3_600_000 },
} as const;

export type RoutingTimingName = keyof typeof ROUTING_TIMING_RANGES;

/**
 * Check the routing timings given to `createRelay` (unset ones are left to the defaults); a value
 * out of range or not a whole number throws `invalid-option` naming it.
 */
export function checkRoutingTimings(options: Partial<Record<RoutingTimingName, number | undefined>>): void {
  for (const [name, range] of Object.entries(ROUTING_TIMING_RANGES)) {
    const value = options[name as RoutingTimingName];
    if (value === undefined) continue;
    if (!(Number.isInteger(value) && value >= range.min && value <= range.max)) {
      throw new RelaydeskError(
        "invalid-option",
        `${name} must be a whole number from ${range.min} to ${range.max}, got ${String(value)}.`,
      );
    }
  }
}
