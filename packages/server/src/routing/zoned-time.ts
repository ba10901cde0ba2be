/**
 * Wall-clock time in an IANA time zone with nothing but `Intl` (no date library): what the clock
 * on the wall shows at an instant, and the instant a wall time first happens. Business hours are
 * written in wall time, so these are the only two conversions they need.
 */

/** A wall-clock reading: a calendar date and the minutes since its midnight (0–1439). */
export interface WallTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  minutes: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // h23: some engines print midnight as "24" with hour12: false.
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `Intl` knows the zone (e.g. `Europe/Madrid`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What a clock in `timeZone` shows at the instant `at` (ms since the epoch). */
export function wallTime(timeZone: string, at: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const year = parts.year!;
  const month = parts.month!;
  const day = parts.day!;
  return {
    year,
    month,
    day,
    minutes: parts.hour! * 60 + parts.minute!,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** The wall time read as if it were UTC, in ms: comparable and easy to step by days. */
const asUtc = (wall: Pick<WallTime, "year" | "month" | "day" | "minutes">) =>
  Date.UTC(wall.year, wall.month - 1, wall.day) + wall.minutes * 60_000;

/** The zone's offset from UTC at `at`, in ms (whole minutes; seconds of old offsets dropped). */
function offsetAt(timeZone: string, at: number): number {
  const minuteStart = Math.floor(at / 60_000) * 60_000;
  return asUtc(wallTime(timeZone, minuteStart)) - minuteStart;
}

/**
 * The first instant at which the clock in `timeZone` shows at least this wall time. A time that
 * happens twice (clocks set back) gives its first occurrence; a time that never happens (clocks
 * set forward over it) gives the instant the clocks jumped, the first moment at or past it.
 */
export function instantOf(
  timeZone: string,
  wall: Pick<WallTime, "year" | "month" | "day" | "minutes">,
): number {
  const target = asUtc(wall);
  // Offsets are within ±14 h and a zone changes offset at most once in any 48 h.
  const before = offsetAt(timeZone, target - 86_400_000);
  const after = offsetAt(timeZone, target + 86_400_000);
  const candidates = [...new Set([before, after])]
    .map((offset) => target - offset)
    .filter((at) => offsetAt(timeZone, at) === target - at);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: find the jump between the two offsets (to the minute; zones change on whole minutes).
  let low = Math.floor((target - before) / 60_000);
  let high = Math.ceil((target - after) / 60_000);
  if (low > high) [low, high] = [high, low];
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(timeZone, mid * 60_000) === after) high = mid;
    else low = mid + 1;
  }
  return low * 60_000;
}

/** The calendar date `days` after the given one (negative for before). */
export function addDays(
  date: Pick<WallTime, "year" | "month" | "day">,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: shifted.getUTCDay(),
  };
}

/** `YYYY-MM-DD` of a calendar date. */
export function dateText(date: Pick<WallTime, "year" | "month" | "day">): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(date.year).padStart(4, "0")}-${pad(date.month)}-${pad(date.day)}`;
}
