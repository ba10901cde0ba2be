const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When a conversation was last active, in `lang` and the visitor's time zone: relative within the
 * last day ("now", "5 minutes ago", "hace 3 horas" through `Intl.RelativeTimeFormat`), else short
 * and absolute ("Mar 3, 14:05" through `Intl.DateTimeFormat`).
 */
export function formatTime(ms: number, lang: string, now = Date.now()): string {
  const ago = now - ms;
  if (ago >= 0 && ago < 24 * HOUR) {
    const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    return ago < MINUTE
      ? relative.format(0, "second")
      : ago < HOUR
        ? relative.format(-Math.floor(ago / MINUTE), "minute")
        : relative.format(-Math.floor(ago / HOUR), "hour");
  }
  return new Intl.DateTimeFormat(lang, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(ms);
}
