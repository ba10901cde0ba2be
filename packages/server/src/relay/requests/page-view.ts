import type { Page, PageView } from "@relaydesk/sdk-types";
import type { VisitorIdentity } from "../identity.ts";
import type { RelayServices } from "../relay-services.ts";
import type { RequestScope } from "../request-scope.ts";

/**
 * Visitor: the page they are on now. Conversations started from here on take it as their page;
 * the visitor's conversations that are not closed record it (`recordPage`), throttled like
 * `typing`: at most one write per `signalIntervalMs` per visitor, the latest page winning. Like
 * `typing` it has no reply.
 */
export function pageView(scope: RequestScope, request: PageView): void {
  const { identity, services } = scope;
  if (identity.role !== "visitor") return;
  scope.context.page = { ...request.page, timeZone: scope.context.page?.timeZone };
  const visitor = identity;
  services.signals.submit(`page-view:${visitor.appId}:${visitor.visitorId}`, () => {
    recordPage(services, visitor, request.page).catch((error: unknown) =>
      services.logger.error("page view failed", { visitorId: visitor.visitorId, error }),
    );
  });
}

/**
 * Record `page` as the current page (`currentPageUrl`, `currentPageTitle` in `attributes`; the page
 * a conversation started on stays `pageUrl`) of the visitor's conversations that are not closed,
 * and tell their agents (`conversation-updated`). A conversation already showing it is left alone;
 * `updatedAt` is not touched (a page view is not activity: it does not move a conversation up an
 * inbox, and a routing change written meanwhile keeps its time). One visitor's
 * pages are recorded one at a time, in order.
 */
export function recordPage(services: RelayServices, visitor: VisitorIdentity, page: Page): Promise<void> {
  const current = { currentPageUrl: page.url, currentPageTitle: page.title ?? "" };
  return services.visitorLock.run(visitor.visitorId, async () => {
    const conversations = await services.storage.listConversations({
      appId: visitor.appId,
      visitorId: visitor.visitorId,
      status: ["open", "pending", "assigned"],
    });
    for (const conversation of conversations) {
      const { attributes } = conversation;
      if (
        attributes.currentPageUrl === current.currentPageUrl &&
        attributes.currentPageTitle === current.currentPageTitle
      )
        continue;
      const updated = await services.storage.updateConversation(conversation.id, { attributes: current });
      if (updated) await services.fanOut.conversationUpdated(updated);
    }
  });
}
