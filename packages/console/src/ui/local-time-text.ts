/**
 * "14:05 local time (Europe/Madrid)": the time it is now in the visitor's zone, 24-hour, with the
 * zone's name so the agent knows where that is. Null when the runtime does not know the zone (the
 * relay checked it against its own, which may be newer than this browser's).
 */
export function localTimeText(now: number, timeZone: string): string | null {
  try {
    const time = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(now);
    return `${time} local time (${timeZone})`;
  } catch {
    return null;
  }
}
