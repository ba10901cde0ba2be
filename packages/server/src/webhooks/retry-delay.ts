/**
 * How long to wait before attempt `failures + 1`, after `failures` failed attempts (1 or more):
 * exponential from `baseMs` (doubling each time), capped at `maxMs`, then jittered down to between
 * half and all of that, so deliveries that failed together (the vendor's endpoint was down) do
 * not all come back in the same instant. `random` is in [0, 1). Pure.
 *
 * @example
 * retryDelay(3, 10_000, 3_600_000, 0.5); // 30000: 40 s capped nowhere, times 0.75
 */
export function retryDelay(failures: number, baseMs: number, maxMs: number, random: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 40);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.round(ceiling * (0.5 + random / 2));
}
