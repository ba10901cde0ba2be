import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";
import { StagedFiles } from "./staged-files.tsx";

export interface ReplyProps {
  store: ConsoleStore;
  conversationId: string;
  closed: boolean;
}

/**
 * The reply box. Enter or Ctrl/Cmd+Enter sends, Shift+Enter starts a new line. Files come from
 * **Attach** or are dropped onto the box; they upload at once and go out with the next reply.
 */
export function Reply({ store, conversationId, closed }: ReplyProps) {
  const draft = store.drafts.value.get(conversationId) ?? "";
  const files = store.attachments.ready(conversationId);
  const box = useRef<HTMLTextAreaElement>(null);
  const [dragging, setDragging] = useState(false);

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
  const attach = (list: FileList | null | undefined) => {
    for (const file of Array.from(list ?? [])) store.attachFile(file);
  };
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") ?? false;
  const onDragOver = (event: DragEvent) => {
    if (closed || !hasFiles(event)) return;
    event.preventDefault(); // without it the browser opens the dropped file instead
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    setDragging(false);
    if (closed || !hasFiles(event)) return;
    event.preventDefault();
    attach(event.dataTransfer?.files);
  };

  return (
    <form
      class={dragging ? "reply reply-dragging" : "reply"}
      onSubmit={onSubmit}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <StagedFiles store={store} conversationId={conversationId} />
      <div class="reply-row">
        <textarea
          ref={box}
          aria-label="Reply"
          rows={3}
          value={draft}
          disabled={closed}
          placeholder={closed ? "This conversation is closed" : "Write a reply or drop files here…"}
          onInput={(event) => store.setDraft(conversationId, event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        <label class={closed ? "button-quiet reply-attach disabled" : "button-quiet reply-attach"}>
          Attach
          <input
            type="file"
            multiple
            class="sr-only"
            aria-label="Attach files"
            disabled={closed}
            onChange={(event) => {
              attach(event.currentTarget.files);
              event.currentTarget.value = ""; // the same file can be picked again
            }}
          />
        </label>
        <button
          type="submit"
          class="button-primary"
          disabled={closed || files === null || (!draft.trim() && files.length === 0)}
        >
          {files === null ? "Uploading…" : "Send"}
        </button>
      </div>
    </form>
  );
}
