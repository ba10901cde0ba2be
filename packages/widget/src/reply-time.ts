import type { Translate } from "./strings.ts";

/** Locale and time zone to format in; the visitor's own (the browser's) when left out. */
export interface ReplyTimeOptions {
  locale?: string | undefined;
  timeZone?: string | undefined;
}

const DAY = 86_400_000;

/**
 * When a closed queue answers again, for the offline notice: "We reply today at 9:00.", "… tomorrow
 * at 9:00.", "… on Monday at 9:00." within a week, else "… on 3 December at 9:00." — the sentence by
 * `t` (`replyToday`, `replyTomorrow`, `replyWeekday`, `replyDate`), the day and time written by Intl in the visitor's
 * language and time zone, whatever the queue's business hours are set in.
 *
 * @example
 * replyTime(Date.UTC(2026, 10, 24, 8), Date.UTC(2026, 10, 23, 20), store.t, { locale: "en-GB", timeZone: "UTC" });
 * // "We reply tomorrow at 8:00."
 */
export function replyTime(at: number, now: number, t: Translate, options: ReplyTimeOptions = {}): string {
  const { locale, timeZone } = options;
  const clock = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", timeZone }).format(at);
  const days = Math.round((dayStart(at, timeZone) - dayStart(now, timeZone)) / DAY);
  if (days <= 0) return t("replyToday", { time: clock });
  if (days === 1) return t("replyTomorrow", { time: clock });
  const weekday = days < 7;
  const day = new Intl.DateTimeFormat(
    locale,
    weekday ? { weekday: "long", timeZone } : { day: "numeric", month: "long", timeZone },
  ).format(at);
  return t(weekday ? "replyWeekday" : "replyDate", { day, time: clock });
}

/** Midnight UTC of the calendar day `ms` falls on in `timeZone`: whole days apart compare exactly. */
function dayStart(ms: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    timeZone,
  })
    .formatToParts(ms)
    .reduce<Record<string, number>>((all, part) => {
      all[part.type] = Number(part.value);
      return all;
    }, {});
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1);
}

/** The expected wait of `queue-position`, rounded for a person: "any moment", "about 3 minutes" (by `t`). */
export function waitText(ms: number, t: Translate): string {
  if (ms < 60_000) return t("waitSoon");
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return t("waitMinutes", minutes);
  return t("waitHours", Math.round(minutes / 60));
}
