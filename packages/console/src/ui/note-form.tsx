import { useState } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";

/** Add an internal note: the agents of the app see it, the visitor never does. Ctrl/Cmd+Enter adds. */
export function NoteForm({ store, conversationId }: { store: ConsoleStore; conversationId: string }) {
  const [text, setText] = useState("");
  const adding = store.notes.adding.value.has(conversationId);
  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (await store.notes.add(conversationId, text)) setText("");
  };
  return (
    <form class="note-form" onSubmit={submit}>
      <textarea
        aria-label="Internal note"
        rows={1}
        value={text}
        placeholder="Internal note — not visible to the visitor"
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
      />
      <button type="submit" class="button-quiet" disabled={adding || !text.trim()}>
        {adding ? "Adding…" : "Add note"}
      </button>
    </form>
  );
}
