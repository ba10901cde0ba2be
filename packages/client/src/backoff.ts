/** The reconnect options `nextDelay` reads; `ClientOptions` with its defaults applied satisfies it. */
export interface BackoffOptions {
  reconnectInitialDelayMs: number;
  reconnectMaxDelayMs: number;
  reconnectGrowFactor: number;
}

/**
 * Delay before reconnect attempt number `attempt` (0 for the first after a drop): exponential
 * growth capped at `reconnectMaxDelayMs`, with full jitter, i.e. uniform in [0, ceiling).
 *
 * Full jitter rather than a fixed schedule because a relay restart drops every client at the same
 * instant; spreading their retries over the whole window keeps them from arriving as one wave.
 * Pure: `random` is passed in (Math.random in production, a fixed function in tests).
 *
 * @example
 * nextDelay(3, { reconnectInitialDelayMs: 1000, reconnectMaxDelayMs: 30_000, reconnectGrowFactor: 2 }, Math.random);
 * // somewhere in [0, 8000)
 */
export function nextDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const cap = Math.max(0, options.reconnectMaxDelayMs);
  const grown = options.reconnectInitialDelayMs * options.reconnectGrowFactor ** Math.max(0, attempt);
  // Huge attempts overflow to Infinity (min() turns that into the cap); 0 * Infinity is NaN and
  // means an initial delay of 0, which never grows.
  const ceiling = Math.min(cap, Number.isNaN(grown) ? 0 : Math.max(0, grown));
  const r = random();
  const jitter = r >= 0 && r <= 1 ? r : 0;
  return Math.min(ceiling, Math.floor(jitter * ceiling));
}
