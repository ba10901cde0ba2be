import { useEffect, useState } from "preact/hooks";
import type { InboxSort } from "../inbox-sort.ts";
import { neighbour, type ShortcutAction, shortcutAction } from "../keyboard-shortcuts.ts";
import type { ConsoleStore } from "../store.ts";
import { ConversationView } from "./conversation-view.tsx";
import { INBOX_ID, Inbox } from "./inbox.tsx";
import { ShortcutHelp } from "./shortcut-help.tsx";
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

/** Carry out a shortcut; false when it has nothing to act on (the key then does what it usually does). */
function runShortcut(store: ConsoleStore, action: ShortcutAction, showHelp: () => void): boolean {
  const conversation = store.selected.peek();
  const find = <E extends HTMLElement>(selector: string) => document.querySelector<E>(selector);
  switch (action) {
    case "next":
    case "previous": {
      const items = document.querySelectorAll<HTMLElement>("#inbox-view .inbox-item[data-conversation-id]");
      const ids = Array.from(items, (item) => item.dataset.conversationId ?? "");
      const next = neighbour(ids, store.selectedId.peek(), action === "next" ? 1 : -1);
      if (next === null) return false;
      store.openConversation(next, { focus: "inbox" });
      return true;
    }
    case "reply": {
      const box = find<HTMLTextAreaElement>('textarea[aria-label="Reply"]:not(:disabled)');
      box?.focus();
      return box !== null;
    }
    case "note": {
      const box = find<HTMLTextAreaElement>('textarea[aria-label="Internal note"]');
      box?.focus();
      return box !== null;
    }
    case "close":
      if (!conversation || conversation.status === "closed" || store.offers.ids.peek().has(conversation.id))
        return false;
      store.closeConversation();
      return true;
    case "transfer": {
      const button = find<HTMLButtonElement>("button.transfer");
      button?.click();
      return button !== null;
    }
    case "help":
      showHelp();
      return true;
  }
}

export function App({ store, sort }: { store: ConsoleStore; sort: InboxSort }) {
  const [help, setHelp] = useState(false);
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

  // The shortcuts (keyboard-shortcuts.ts): never while typing, never over the help.
  useEffect(() => {
    if (!signedIn || help) return;
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutAction(event);
      if (action && runShortcut(store, action, () => setHelp(true))) event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [signedIn, help]);

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
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
