import { useEffect, useState } from "preact/hooks";
import type { InboxView } from "../inbox-groups.ts";
import { type InboxSort, sortInbox } from "../inbox-sort.ts";
import type { ConsoleStore } from "../store.ts";
import { ClaimButton } from "./claim-button.tsx";
import { InboxSection } from "./inbox-section.tsx";
import { InboxSortControl } from "./inbox-sort-control.tsx";
import { InboxTabs, VIEW_TITLES } from "./inbox-tabs.tsx";
import { OfferList } from "./offer-list.tsx";
import { TeamList } from "./team-list.tsx";

export const INBOX_ID = "inbox";

const EMPTY: Record<InboxView, string> = {
  mine: "Nothing assigned to you",
  queues: "Nothing waiting or open in your queues",
  offered: "Nothing offered to you right now",
  unassigned: "No one is waiting",
  all: "No conversations",
};

/** Up/Down move between conversations, as in a list box, without leaving the Tab order. */
function moveFocus(event: KeyboardEvent) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const nav = event.currentTarget as HTMLElement;
  const items = Array.from(nav.querySelectorAll<HTMLElement>("[data-conversation-id].inbox-item"));
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = items[event.key === "ArrowDown" ? at + 1 : Math.max(at - 1, 0)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

/** Offers on top, then the views (Mine, My queues, Offered, Unassigned, All), then the team. */
export function Inbox({ store, sort }: { store: ConsoleStore; sort: InboxSort }) {
  const [view, setView] = useState<InboxView>("mine");
  const groups = store.inbox.value;
  const selectedId = store.selectedId.value;
  // J / K open the next conversation and keep the cursor here, on its entry.
  useEffect(() => {
    if (selectedId === null || store.focus.peek() !== "inbox") return;
    document
      .getElementById(INBOX_ID)
      ?.querySelector<HTMLElement>('.inbox-item[aria-current="true"]')
      ?.focus();
  }, [selectedId]);
  const claimable = store.claimable.ids.value;
  const open = (id: string) => store.openConversation(id);
  const order = sort.order.value;
  return (
    <nav id={INBOX_ID} class="inbox" aria-label="Inbox" tabIndex={-1} onKeyDown={moveFocus}>
      <OfferList store={store} />
      <InboxTabs groups={groups} view={view} onChange={setView} />
      <InboxSortControl order={order} onChange={(next) => sort.set(next)} />
      <InboxSection
        id="inbox-view"
        title={VIEW_TITLES[view]}
        entries={sortInbox(groups[view], order)}
        empty={EMPTY[view]}
        selectedId={selectedId}
        skew={store.offers.skew.value}
        onOpen={open}
        extra={(conversation) =>
          claimable.has(conversation.id) ? <ClaimButton store={store} conversation={conversation} /> : null
        }
      />
      <TeamList store={store} />
    </nav>
  );
}
