import type { Conversation } from "@relaydesk/sdk-types";
import { useState } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";

/** The conversation's tags (agents only): × removes one, Enter in the box adds one (set-tags). */
export function TagEditor({ store, conversation }: { store: ConsoleStore; conversation: Conversation }) {
  const [text, setText] = useState("");
  const tags = conversation.tags ?? [];
  const busy = store.actions.busy.value.has(conversation.id);
  const save = (next: readonly string[]) => store.actions.setTags(conversation.id, next);
  return (
    <div class="tag-editor">
      <ul class="tags" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag} class="tag">
            <span>{tag}</span>
            <button
              type="button"
              aria-label={`Remove tag ${tag}`}
              disabled={busy}
              onClick={() => void save(tags.filter((t) => t !== tag))}
            >
              ×
            </button>
          </li>
        ))}
        <li>
          <input
            class="tag-input"
            aria-label="Add tag"
            placeholder="Add tag…"
            maxLength={40}
            value={text}
            disabled={busy}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={async (event) => {
              if (event.key !== "Enter" || event.isComposing || !text.trim()) return;
              event.preventDefault();
              if (await save([...tags, text])) setText("");
            }}
          />
        </li>
      </ul>
    </div>
  );
}
