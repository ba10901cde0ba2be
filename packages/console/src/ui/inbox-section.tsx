import type { InboxEntry } from "../inbox-groups.ts";
import { InboxItem } from "./inbox-item.tsx";

export interface InboxSectionProps {
  title: string;
  entries: InboxEntry[];
  empty: string;
  selectedId: string | null;
  onOpen(conversationId: string): void;
}

/** A region named by its heading ("Mine", "Waiting") listing its conversations. */
export function InboxSection({ title, entries, empty, selectedId, onOpen }: InboxSectionProps) {
  const headingId = `inbox-${title.toLowerCase()}`;
  return (
    <section class="inbox-section" aria-labelledby={headingId}>
      <div class="inbox-section-head">
        <h2 id={headingId}>{title}</h2>
        <span class="count">{entries.length}</span>
      </div>
      {entries.length === 0 ? (
        <p class="empty">{empty}</p>
      ) : (
        <ul class="inbox-list">
          {entries.map((entry) => (
            <li key={entry.conversation.id}>
              <InboxItem entry={entry} selected={entry.conversation.id === selectedId} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
