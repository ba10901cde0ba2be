import { type ReadonlySignal, signal } from "@preact/signals";
import type { InboxEntry } from "./inbox-groups.ts";

/** How the inbox orders a view: newest activity first, or the SLA clock running out first. */
export type InboxSortOrder = "recent" | "time-left";

export const INBOX_SORT_ORDERS: readonly InboxSortOrder[] = ["recent", "time-left"];

/** Where the choice is kept, per browser. */
export const INBOX_SORT_KEY = "relaydesk:console:inboxSort";

/** The part of `localStorage` the sort uses. */
export interface SortStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface InboxSortOptions {
  storage?: SortStorage | null;
}

const DEFAULTS = { storage: null } satisfies Required<InboxSortOptions>;

export interface InboxSort {
  readonly order: ReadonlySignal<InboxSortOrder>;
  /** Choose an order; it is kept in `localStorage` for the next visit. */
  set(order: InboxSortOrder): void;
}

function isOrder(value: unknown): value is InboxSortOrder {
  return INBOX_SORT_ORDERS.includes(value as InboxSortOrder);
}

/**
 * The inbox's sort choice, kept in `localStorage` (key `relaydesk:console:inboxSort`). An unknown
 * stored value, or storage the browser blocks, means "recent".
 */
export function createInboxSort(options: InboxSortOptions = {}): InboxSort {
  const { storage } = { ...DEFAULTS, ...options };
  let stored: string | null = null;
  try {
    stored = storage?.getItem(INBOX_SORT_KEY) ?? null;
  } catch {
    stored = null; // blocked storage: start from the default
  }
  const order = signal<InboxSortOrder>(isOrder(stored) ? stored : "recent");
  return {
    order,
    set(next) {
      order.value = next;
      try {
        storage?.setItem(INBOX_SORT_KEY, next);
      } catch {
        // blocked or full storage: the choice lasts until reload
      }
    },
  } satisfies InboxSort;
}

/**
 * A view's entries in the chosen order. `recent` keeps the order given (newest activity first,
 * from `inboxGroups`). `time-left`: breached clocks first, then the soonest `dueAt`, then
 * conversations with no clock running, each group keeping the given order among equals.
 */
export function sortInbox(entries: readonly InboxEntry[], order: InboxSortOrder): InboxEntry[] {
  if (order === "recent") return [...entries];
  const rank = (entry: InboxEntry) => {
    const sla = entry.conversation.sla;
    if (!sla) return 2;
    return sla.breachedAt !== undefined ? 0 : 1;
  };
  // Array.prototype.sort is stable, so equals stay newest first.
  return [...entries].sort(
    (a, b) => rank(a) - rank(b) || (a.conversation.sla?.dueAt ?? 0) - (b.conversation.sla?.dueAt ?? 0),
  );
}
