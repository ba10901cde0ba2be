import type { CannedReply } from "@relaydesk/sdk-types";

export const CANNED_LIST_ID = "canned-replies";

export interface CannedPickerProps {
  replies: readonly CannedReply[];
  active: number;
  onPick(reply: CannedReply): void;
}

/** The canned replies matching "/word" in the reply box; the box keeps focus (aria-activedescendant). */
export function CannedPicker({ replies, active, onPick }: CannedPickerProps) {
  if (replies.length === 0) return null;
  return (
    <div id={CANNED_LIST_ID} class="canned-list" role="listbox" aria-label="Canned replies">
      {replies.map((reply, index) => (
        <div
          key={reply.id}
          id={`canned-${reply.id}`}
          role="option"
          tabIndex={-1}
          class="canned-option"
          aria-selected={index === active}
          // mousedown, not click: the reply box must not lose focus before the pick.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(reply);
          }}
        >
          <span class="canned-shortcut">/{reply.shortcut}</span>
          <span class="canned-text">{reply.text}</span>
        </div>
      ))}
    </div>
  );
}
