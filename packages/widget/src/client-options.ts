import type { ClientOptions, PendingMessage } from "@relaydesk/client";
import { isProtocolId } from "./boot-options.ts";
import type { ResolvedBootOptions, WidgetStorage } from "./types.ts";
import { storedList } from "./widget-storage.ts";

type PageContext = { url: string; title?: string; timeZone?: string | undefined };

/** Where the visitor is: the page (cut to what `hello.page` accepts: url 2048, title 512 chars) and
 * the IANA time zone, which the relay checks and shows to agents as the visitor's local time. */
export function pageContext(url: string, title: string, timeZone?: string): PageContext {
  const page: PageContext = { url: url.slice(0, 2048), timeZone };
  if (title) page.title = title.slice(0, 512);
  return page;
}

/** What `visitorTimeZone` reads: Temporal where the browser has it, and the UTC offset. */
export interface ClockSource {
  Temporal?: { Now: { timeZoneId(): string } } | undefined;
  offsetMinutes: number;
}

/**
 * The visitor's IANA time zone, without `Intl.DateTimeFormat`: the first one a page makes costs some
 * 40 ms of script (ICU loading its formats), more than the widget's whole boot budget. Temporal
 * answers at once. Without it, the offset from UTC gives an `Etc/GMT±h` zone (the sign is POSIX's,
 * reversed: UTC+2 is Etc/GMT-2), so the agent still sees the visitor's current local time; an
 * offset of part of an hour (India, Nepal) has no such zone and none is sent.
 * @example visitorTimeZone({ offsetMinutes: -120 }) // "Etc/GMT-2"
 */
export function visitorTimeZone(source: ClockSource): string | undefined {
  const zone = source.Temporal?.Now.timeZoneId();
  if (zone) return zone;
  const hours = source.offsetMinutes / 60;
  // Etc/GMT-14 (UTC+14) to Etc/GMT+12 (UTC-12) are all there are.
  if (!Number.isInteger(hours) || hours < -14 || hours > 12) return undefined;
  return hours === 0 ? "UTC" : `Etc/GMT${hours > 0 ? "+" : "-"}${Math.abs(hours)}`;
}

/**
 * Client options for a visitor: the token saved by an earlier visit goes into `hello`, so the relay
 * continues that visitor's conversation and replays its history. A stored value that is not a valid
 * id (edited, corrupted) is left out rather than sent to be refused. The outbox is kept in storage
 * too, so messages written offline survive a reload and go out when the connection returns.
 */
export function visitorClientOptions(
  boot: ResolvedBootOptions,
  storage: WidgetStorage,
  page?: PageContext,
): ClientOptions {
  const saved = storage.get("visitor");
  return {
    url: boot.relayUrl,
    auth: {
      role: "visitor",
      appId: boot.appId,
      visitorToken: isProtocolId(saved) ? saved : undefined,
      page,
    },
    outboxStore: storedList<PendingMessage>(storage, "outbox"),
  };
}
