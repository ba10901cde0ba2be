import { renderMarkdown } from "@relaydesk/client";
import { h } from "preact";
import type { ChatMessage, MessageStatus, WidgetParts, WidgetStore } from "../types.ts";

const STATUS_TEXT: Record<MessageStatus, string> = {
  sending: "Sending…",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Not sent",
};

/**
 * One message as text with a little markdown (bold, italic, code; links only for http, https and
 * mailto; never HTML): the visitor's on the right with its
 * status, everyone else's on the left with their name.
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
  const files = parts.attachments;
  return (
    <div class="rd-msg" data-author={message.author} data-status={message.status}>
      {!own && message.authorName && <span class="rd-author">{message.authorName}</span>}
      {message.body && <p class="rd-body">{renderMarkdown(message.body, h)}</p>}
      {/* Files are shown by the attachments part, fetched the first time a message has some. */}
      {message.attachments &&
        (files.module ? (
          <files.module.MessageFiles store={store} files={message.attachments} />
        ) : (
          void files.load()
        ))}
      {own && (
        <span class="rd-status">
          {STATUS_TEXT[message.status]}
          {message.status === "failed" && (
            <button type="button" class="rd-retry" onClick={() => store.retry(message.key)}>
              Retry
            </button>
          )}
        </span>
      )}
    </div>
  );
}
