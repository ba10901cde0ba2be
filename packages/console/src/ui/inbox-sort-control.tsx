import { INBOX_SORT_ORDERS, type InboxSortOrder } from "../inbox-sort.ts";

const LABELS: Record<InboxSortOrder, string> = { recent: "Recent", "time-left": "Time left" };

export interface InboxSortControlProps {
  order: InboxSortOrder;
  onChange(order: InboxSortOrder): void;
}

/** "Sort: Recent | Time left": two toggle buttons, the chosen one pressed. */
export function InboxSortControl({ order, onChange }: InboxSortControlProps) {
  return (
    <fieldset class="inbox-sort">
      <legend class="inbox-sort-label">Sort:</legend>
      {INBOX_SORT_ORDERS.map((option) => (
        <button
          key={option}
          type="button"
          class="button-link inbox-sort-option"
          aria-pressed={option === order ? "true" : "false"}
          data-sort={option}
          onClick={() => onChange(option)}
        >
          {LABELS[option]}
        </button>
      ))}
    </fieldset>
  );
}
