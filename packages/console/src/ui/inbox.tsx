import type { ConsoleStore } from "../store.ts";
import { InboxSection } from "./inbox-section.tsx";
import { OfferList } from "./offer-list.tsx";
import { TeamList } from "./team-list.tsx";

export const INBOX_ID = "inbox";

/** Up/Down move between conversations, as in a list box, without leaving the Tab order. */
function moveFocus(event: KeyboardEvent) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const nav = event.currentTarget as HTMLElement;
  const items = Array.from(nav.querySelectorAll<HTMLElement>("[data-conversation-id]"));
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = items[event.key === "ArrowDown" ? at + 1 : Math.max(at - 1, 0)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function Inbox({ store }: { store: ConsoleStore }) {
  const { mine, waiting } = store.inbox.value;
  const selectedId = store.selectedId.value;
  const open = (id: string) => store.openConversation(id);
  return (
    <nav id={INBOX_ID} class="inbox" aria-label="Inbox" tabIndex={-1} onKeyDown={moveFocus}>
      <OfferList store={store} />
      <InboxSection
        title="Mine"
        entries={mine}
        empty="Nothing assigned to you"
        selectedId={selectedId}
        onOpen={open}
      />
      <InboxSection
        title="Waiting"
        entries={waiting}
        empty="No one is waiting"
        selectedId={selectedId}
        onOpen={open}
      />
      <TeamList store={store} />
    </nav>
  );
}
