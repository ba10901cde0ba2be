import type { Conversation } from "@relaydesk/sdk-types";
import type { ComponentChild } from "preact";
import type { InboxEntry } from "../inbox-groups.ts";
import { InboxItem } from "./inbox-item.tsx";

export interface InboxSectionProps {
  /** The element id (the tabs control it). */
  id: string;
  title: string;
  entries: InboxEntry[];
  empty: string;
  selectedId: string | null;
  /** The relay's clock minus this browser's, for the SLA countdowns. */
  skew: number;
  onOpen(conversationId: string): void;
  /** Shown beside an entry (Claim). */
  extra?: ((conversation: Conversation) => ComponentChild) | undefined;
}

/** A region named by its heading ("Mine", "Unassigned", …) listing its conversations. */
export function InboxSection({
  id,
  title,
  entries,
  empty,
  selectedId,
  skew,
  onOpen,
  extra,
}: InboxSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} class="inbox-section" aria-labelledby={headingId}>
      <div class="inbox-section-head">
        <h2 id={headingId}>{title}</h2>
        <span class="count">{entries.length}</span>
      </div>
      {entries.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul class="inbox-list">
          {entries.map((entry) => (
            <li key={entry.conversation.id} class="inbox-row">
              <InboxItem
                entry={entry}
                selected={entry.conversation.id === selectedId}
                skew={skew}
                onOpen={onOpen}
              />
              {extra?.(entry.conversation)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
