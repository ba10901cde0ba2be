import type { CannedReply, Conversation } from "@relaydesk/sdk-types";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";
import { CANNED_LIST_ID, CannedPicker } from "./canned-picker.tsx";
import { StagedFiles } from "./staged-files.tsx";

export interface ReplyProps {
  store: ConsoleStore;
  conversation: Conversation;
  closed: boolean;
}

/**
 * The reply box. Enter or Ctrl/Cmd+Enter sends, Shift+Enter starts a new line. Files come from
 * **Attach** or are dropped onto the box; they upload at once and go out with the next reply.
 * "/" and a shortcut lists canned replies: Up/Down choose, Enter or Tab puts the chosen one in the
 * box with its placeholders filled, Esc closes the list.
 */
export function Reply({ store, conversation, closed }: ReplyProps) {
  const conversationId = conversation.id;
  const draft = store.drafts.value.get(conversationId) ?? "";
  const files = store.attachments.ready(conversationId);
  const box = useRef<HTMLTextAreaElement>(null);
  const [dragging, setDragging] = useState(false);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const matches = dismissed === draft ? [] : store.canned.matching(draft);
  const chosen = matches[Math.min(active, matches.length - 1)];
  const pick = (reply: CannedReply) => {
    store.setDraft(conversationId, store.canned.render(reply, conversation));
    setActive(0);
    box.current?.focus();
  };

  // Opening a conversation is the start of answering it (unless J / K are stepping through the inbox).
  useEffect(() => {
    if (!closed && store.focus.peek() === "reply") box.current?.focus();
  }, [conversationId, closed]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (chosen && !event.isComposing) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : matches.length - 1;
        setActive((Math.min(active, matches.length - 1) + step) % matches.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(chosen);
        return;
      }
      if (event.key === "Escape") {
        event.stopPropagation(); // Esc closes the list, not the conversation
        setDismissed(draft);
        return;
      }
    }
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
      <CannedPicker replies={matches} active={Math.min(active, matches.length - 1)} onPick={pick} />
      <div class="reply-row">
        <textarea
          ref={box}
          aria-label="Reply"
          rows={3}
          value={draft}
          disabled={closed}
          placeholder={
            closed ? "This conversation is closed" : "Write a reply, / for canned replies, or drop files…"
          }
          aria-controls={matches.length > 0 ? CANNED_LIST_ID : undefined}
          aria-activedescendant={chosen ? `canned-${chosen.id}` : undefined}
          onInput={(event) => {
            setActive(0);
            store.setDraft(conversationId, event.currentTarget.value);
          }}
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
