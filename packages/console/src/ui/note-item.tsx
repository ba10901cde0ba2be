import type { Note, Welcome } from "@relaydesk/sdk-types";
import { authorLabel } from "./describe-conversation.ts";
import { formatTime } from "./format-time.ts";
import { MarkdownText } from "./markdown-text.tsx";

/** An internal note among the messages, marked so no agent mistakes it for a reply. */
export function NoteItem({ note, session }: { note: Note; session: Welcome | null }) {
  return (
    <div class="note" data-note-id={note.id}>
      <div class="message-meta">
        <span class="note-label">Internal note — not visible to the visitor</span>
        <span class="message-author">{authorLabel(note.author, session)}</span>
        <time dateTime={new Date(note.createdAt).toISOString()}>{formatTime(note.createdAt)}</time>
      </div>
      <p class="note-body">
        <MarkdownText text={note.body} />
      </p>
    </div>
  );
}
