/** An IANA zone name: letters first, then letters, digits, `_`, `+`, `-` and `/` (`Etc/GMT+5`). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * The IANA time zone a visitor's browser reported, as this runtime spells it (`europe/madrid`
 * becomes `Europe/Madrid`), or undefined when it names no zone the runtime knows. Offsets such as
 * `+01:00` are not zone names and are dropped too: agents are shown the zone's name.
 */
export function knownTimeZone(zone: string | undefined): string | undefined {
  if (zone === undefined || !ZONE_NAME.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined; // RangeError: not a zone this runtime knows
  }
}
