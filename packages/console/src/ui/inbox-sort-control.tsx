import { INBOX_SORT_ORDERS, type InboxSortOrder } from "../inbox-sort.ts";

const LABELS: Record<InboxSortOrder, string> = { recent: "Recent", "time-left": "Time left" };

export interface InboxSortControlProps {
  order: InboxSortOrder;
  onChange(order: InboxSortOrder): void;
}

/**
 * "Sort: Recent | Time left" as one labelled select: a setting, not an action, so it adds no
 * buttons to the inbox (whose buttons are its conversations, for keyboard and screen-reader users).
 */
export function InboxSortControl({ order, onChange }: InboxSortControlProps) {
  return (
    <label class="inbox-sort">
      <span class="inbox-sort-label">Sort</span>
      <select
        class="inbox-sort-select"
        value={order}
        onChange={(event) => {
          const next = (event.currentTarget as HTMLSelectElement).value as InboxSortOrder;
          if (INBOX_SORT_ORDERS.includes(next)) onChange(next);
        }}
      >
        {INBOX_SORT_ORDERS.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
