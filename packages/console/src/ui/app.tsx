import { useEffect } from "preact/hooks";
import type { InboxSort } from "../inbox-sort.ts";
import type { ConsoleStore } from "../store.ts";
import { ConversationView } from "./conversation-view.tsx";
import { INBOX_ID, Inbox } from "./inbox.tsx";
import { SignIn } from "./sign-in.tsx";
import { TopBar } from "./top-bar.tsx";

/** Esc from anywhere goes back to the inbox, to the open conversation's entry if it has one. */
function focusInbox(event: KeyboardEvent) {
  if (event.key !== "Escape") return;
  const inbox = document.getElementById(INBOX_ID);
  if (!inbox) return;
  const target =
    inbox.querySelector<HTMLElement>('[aria-current="true"]') ??
    inbox.querySelector<HTMLElement>(".inbox-item") ??
    inbox;
  target.focus();
}

export function App({ store, sort }: { store: ConsoleStore; sort: InboxSort }) {
  const signedIn = store.token.value !== null;
  let unread = 0;
  for (const count of store.unread.value.values()) unread += count;

  const offered = store.offers.list.value.length;

  // A tab in the background still says an offer waits (the console makes no sound).
  useEffect(() => {
    const counts = [unread > 0 ? `(${unread})` : "", offered > 0 ? `Offer (${offered}) –` : ""];
    document.title = `${counts.filter(Boolean).join(" ")} Relaydesk console`.trim();
  }, [unread, offered]);

  useEffect(() => {
    document.addEventListener("keydown", focusInbox);
    return () => document.removeEventListener("keydown", focusInbox);
  }, []);

  if (!signedIn) return <SignIn store={store} />;
  const error = store.error.value;
  return (
    <div class="app">
      <TopBar store={store} />
      {error && (
        <div role="alert" class="banner">
          <span>{error}</span>
          <button type="button" class="button-link" onClick={() => store.dismissError()}>
            Dismiss
          </button>
        </div>
      )}
      <div class="panes">
        <Inbox store={store} sort={sort} />
        <ConversationView store={store} />
      </div>
    </div>
  );
}
