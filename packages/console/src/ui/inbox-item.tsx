import type { InboxEntry } from "../inbox-groups.ts";
import { pageOf, statusText, visitorLabel } from "./describe-conversation.ts";
import { formatTime } from "./format-time.ts";
import { RatingBadge } from "./rating-badge.tsx";
import { SlaStatus } from "./sla-status.tsx";

export interface InboxItemProps {
  entry: InboxEntry;
  selected: boolean;
  /** The relay's clock minus this browser's, for the SLA countdown. */
  skew: number;
  onOpen(conversationId: string): void;
}

/** One conversation in the inbox; its accessible name is everything it shows. */
export function InboxItem({ entry, selected, skew, onOpen }: InboxItemProps) {
  const { conversation, lastMessage, unread } = entry;
  const page = pageOf(conversation);
  return (
    <button
      type="button"
      class={unread > 0 ? "inbox-item inbox-item-unread" : "inbox-item"}
      data-conversation-id={conversation.id}
      aria-current={selected ? "true" : undefined}
      onClick={() => onOpen(conversation.id)}
    >
      <span class="inbox-item-row">
        <span class="inbox-item-visitor">{visitorLabel(conversation)}</span>
        <time class="inbox-item-time" dateTime={new Date(entry.activityAt).toISOString()}>
          {formatTime(entry.activityAt)}
        </time>
      </span>
      {(page.title || page.url) && <span class="inbox-item-page">{page.title ?? page.url}</span>}
      <span class="inbox-item-row">
        <span class="inbox-item-preview">{lastMessage ? lastMessage.body : "No messages yet"}</span>
        {unread > 0 && (
          <span class="badge">
            {unread}
            <span class="sr-only"> unread</span>
          </span>
        )}
      </span>
      <span class="inbox-item-row">
        <span class={`status status-${conversation.status}`}>{statusText(conversation.status)}</span>
        <SlaStatus sla={conversation.sla} skew={skew} />
        <RatingBadge rating={conversation.rating} />
      </span>
    </button>
  );
}
