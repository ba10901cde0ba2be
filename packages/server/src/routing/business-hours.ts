import { addDays, dateText, instantOf, wallTime } from "./zoned-time.ts";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When a queue is staffed, in the wall time of `timeZone`. A range is `[start, end)` in minutes
 * since midnight, start < end, end at most 1440 (`"24:00"`). A range never crosses midnight: a
 * night shift is written as two, `["22:00","24:00"]` on one day and `["00:00","06:00"]` on the
 * next, so a holiday closes exactly the calendar day it names.
 */
export interface BusinessHours {
  timeZone: string;
  /** Per weekday, its ranges sorted by start; a day missing or empty is closed. */
  weekly: Partial<Record<Weekday, readonly (readonly [number, number])[]>>;
  /** `YYYY-MM-DD` dates (in `timeZone`) closed all day. */
  holidays: readonly string[];
}

/** How far ahead `nextOpening` looks before it gives up (a year and some holidays' worth). */
export const OPENING_HORIZON_DAYS = 400;

/** Is the queue open at the instant `at`? */
export function isOpen(hours: BusinessHours, at: number): boolean {
  const wall = wallTime(hours.timeZone, at);
  if (hours.holidays.includes(dateText(wall))) return false;
  const ranges = hours.weekly[WEEKDAYS[wall.weekday]!] ?? [];
  return ranges.some(([start, end]) => start <= wall.minutes && wall.minutes < end);
}

/**
 * The first instant at or after `at` at which the queue is open: `at` itself when it is open,
 * otherwise the start of the next range that is not on a holiday. Null when nothing opens within
 * `OPENING_HORIZON_DAYS` (no ranges at all, or holidays covering all of them).
 *
 * A range starting at a wall time that a clock change skips opens when the clocks jump.
 */
export function nextOpening(hours: BusinessHours, at: number): number | null {
  if (isOpen(hours, at)) return at;
  const today = wallTime(hours.timeZone, at);
  const holidays = new Set(hours.holidays);
  for (let offset = 0; offset <= OPENING_HORIZON_DAYS; offset++) {
    const date = addDays(today, offset);
    if (holidays.has(dateText(date))) continue;
    for (const [start, end] of hours.weekly[WEEKDAYS[date.weekday]!] ?? []) {
      const opens = instantOf(hours.timeZone, { ...date, minutes: start });
      const closes = instantOf(hours.timeZone, { ...date, minutes: end });
      if (closes <= at || opens >= closes) continue; // over, or skipped whole by a clock change
      return Math.max(opens, at);
    }
  }
  return null;
}
