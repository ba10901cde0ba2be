import type { ClientOptions, PendingMessage } from "@relaydesk/client";
import { isProtocolId } from "./boot-options.ts";
import type { ResolvedBootOptions, WidgetStorage } from "./types.ts";
import { storedList } from "./widget-storage.ts";

/** The page a conversation starts on, cut to what `hello.page` accepts (url 2048, title 512 chars). */
export function pageContext(url: string, title: string): { url: string; title?: string } {
  const page: { url: string; title?: string } = { url: url.slice(0, 2048) };
  if (title) page.title = title.slice(0, 512);
  return page;
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
  page?: { url: string; title?: string },
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
