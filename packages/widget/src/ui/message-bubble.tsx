import { h } from "preact";
import type { ChatMessage, WidgetParts, WidgetStore } from "../types.ts";

/**
 * One message as text with a little markdown (bold, italic, code; links only for http, https and
 * mailto; never HTML) once the markdown part has loaded (with the panel), plain text until then:
 * the visitor's on the right with its status, everyone else's on the left with their name. Its files
 * show once the attachments part has loaded (it loads as the panel opens).
 */
export function MessageBubble({
  message,
  store,
  parts,
}: {
  message: ChatMessage;
  store: WidgetStore;
  parts: WidgetParts;
}) {
  const own = message.author === "visitor";
  const files = parts.attachments.module;
  const markdown = parts.markdown.module;
  return (
    <div class="rd-msg" data-author={message.author} data-status={message.status}>
      {!own && message.authorName && <span class="rd-author">{message.authorName}</span>}
      {message.body && (
        <p class="rd-body">{markdown ? markdown.renderMarkdown(message.body, h) : message.body}</p>
      )}
      {message.attachments && files && <files.MessageFiles store={store} files={message.attachments} />}
      {own && (
        <span class="rd-status">
          {store.t(message.status)}
          {message.status === "failed" && (
            <button type="button" class="rd-retry" onClick={() => store.retry(message.key)}>
              {store.t("retry")}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
