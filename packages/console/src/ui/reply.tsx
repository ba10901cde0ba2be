import { useEffect, useRef } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";

export interface ReplyProps {
  store: ConsoleStore;
  conversationId: string;
  closed: boolean;
}

/** The reply box. Enter or Ctrl/Cmd+Enter sends, Shift+Enter starts a new line. */
export function Reply({ store, conversationId, closed }: ReplyProps) {
  const draft = store.drafts.value.get(conversationId) ?? "";
  const box = useRef<HTMLTextAreaElement>(null);

  // Opening a conversation is the start of answering it.
  useEffect(() => {
    if (!closed) box.current?.focus();
  }, [conversationId, closed]);

  const onKeyDown = (event: KeyboardEvent) => {
    // While an IME composes, Enter confirms the composition rather than sending.
    if (event.key !== "Enter" || event.isComposing) return;
    if (event.shiftKey && !event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    store.send();
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    store.send();
    box.current?.focus();
  };

  return (
    <form class="reply" onSubmit={onSubmit}>
      <textarea
        ref={box}
        aria-label="Reply"
        rows={3}
        value={draft}
        disabled={closed}
        placeholder={closed ? "This conversation is closed" : "Write a reply…"}
        onInput={(event) => store.setDraft(conversationId, event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="button-primary" disabled={closed || !draft.trim()}>
        Send
      </button>
    </form>
  );
}
