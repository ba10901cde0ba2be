import type { Author, Conversation, ConversationStatus, Welcome } from "@relaydesk/sdk-types";

/**
 * The visitor's name when known (an identified visitor's profile), otherwise "Visitor 3fK9aQ":
 * enough of the visitor id to tell visitors apart at a glance.
 */
export function visitorLabel(conversation: Conversation): string {
  const name = conversation.visitor?.name?.trim();
  if (name) return name;
  const id = conversation.visitorId.replace(/^vis_/, "");
  return `Visitor ${id.slice(0, 6)}`;
}

/** How far the visitor's identity can be trusted, as the visitor panel says it. */
export function identityText(conversation: Conversation): "verified" | "unverified" | "anonymous" {
  const visitor = conversation.visitor;
  if (visitor?.verified) return "verified";
  return visitor?.userId !== undefined ? "unverified" : "anonymous";
}

/** The page the conversation started on, from the attributes the widget recorded. */
export function pageOf(conversation: Conversation): { title: string | null; url: string | null } {
  const a = conversation.attributes;
  return { title: a.pageTitle || a.title || null, url: a.pageUrl || a.url || null };
}

/**
 * The page the visitor is on now (`page-view`, a later page load), when it is not the page the
 * conversation started on; null otherwise.
 */
export function currentPageOf(conversation: Conversation): { title: string | null; url: string } | null {
  const a = conversation.attributes;
  const url = a.currentPageUrl;
  if (
    !url ||
    (url === pageOf(conversation).url && (a.currentPageTitle || null) === pageOf(conversation).title)
  )
    return null;
  return { title: a.currentPageTitle || null, url };
}

const STATUS_TEXT: Record<ConversationStatus, string> = {
  open: "Open",
  pending: "Pending",
  assigned: "Assigned",
  closed: "Closed",
};

export function statusText(status: ConversationStatus): string {
  return STATUS_TEXT[status];
}

/** Who wrote a message, as the message list shows it. */
export function authorLabel(author: Author, session: Welcome | null): string {
  switch (author.kind) {
    case "visitor":
      return "Visitor";
    case "agent":
      return author.name || (author.id === session?.self.id ? "You" : "Agent");
    case "bot":
      return author.name || "Bot";
    case "system":
      return "System";
  }
}
