import { RelaydeskError } from "../errors.ts";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90000` -> `90s`, `3600000` -> `1h`: the largest unit that divides it. */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0";
  for (const unit of ["d", "h", "m", "s"] as const)
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
}

/**
 * A duration flag: a whole number with a unit (`500ms`, `30s`, `5m`, `24h`, `7d`), or `0`, in ms,
 * within `[min, max]`. A bad one throws `invalid-option` naming the flag (`source`), the value and
 * the range.
 *
 * @example
 * parseDuration("5m", "--offer-timeout", { min: 1_000, max: 3_600_000 }); // 300000
 */
export function parseDuration(text: string, source: string, range: { min: number; max: number }): number {
  const trimmed = text.trim();
  const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(trimmed);
  const ms =
    trimmed === "0" ? 0 : match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : Number.NaN;
  if (!(ms >= range.min && ms <= range.max)) {
    const bounds =
      range.min === 0
        ? `at most ${formatDuration(range.max)}`
        : `from ${formatDuration(range.min)} to ${formatDuration(range.max)}`;
    throw new RelaydeskError(
      "invalid-option",
      `${source} "${text}": use a duration like 500ms, 30s, 5m, 24h or 7d, ${bounds}.`,
    );
  }
  return ms;
}
