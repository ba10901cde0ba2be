import type { Message } from "@relaydesk/sdk-types";
import type { WidgetStore } from "../types.ts";
import { CloseIcon } from "./icons.tsx";

interface MessagePreviewProps {
  store: WidgetStore;
  message: Message;
  onDismiss: () => void;
}

/** How much of a message the card shows; the panel has the rest. */
const PREVIEW_CHARS = 240;

/**
 * A reply that arrived while the panel was closed, shown above the launcher: who wrote it and the
 * start of what they wrote, as text. Pressing it opens the conversation; Dismiss puts it away
 * until the next one. Screen readers heard the message already (App's live region): the card is
 * two ordinary buttons, not announced again.
 */
export function MessagePreview({ store, message, onDismiss }: MessagePreviewProps) {
  const name = message.author.name ?? store.t("support");
  const text = message.body.trim() || store.t("sentFile");
  return (
    <div class="rd-preview">
      <button type="button" class="rd-preview-open" onClick={() => store.open()}>
        <span class="rd-sr">{store.t("newMessageFrom", { name })}</span>
        <span class="rd-preview-name" aria-hidden="true">
          {name}
        </span>
        <span class="rd-preview-text">
          {text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}
        </span>
      </button>
      <button type="button" class="rd-preview-dismiss" aria-label={store.t("dismiss")} onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}
