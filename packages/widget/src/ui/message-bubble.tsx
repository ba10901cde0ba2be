import { linkify } from "../linkify.ts";
import type { ChatMessage } from "../types.ts";

/**
 * One message as text (links only for http, https and mailto): the visitor's on the right with its
 * status, everyone else's on the left with their name.
 */
export function MessageBubble({
  message,
  t,
  onRetry,
}: {
  message: ChatMessage;
  t: (key: string) => string;
  onRetry: (key: string) => void;
}) {
  const own = message.author === "visitor";
  return (
    <div class="rd-msg" data-author={message.author} data-status={message.status}>
      {!own && message.authorName && <span class="rd-author">{message.authorName}</span>}
      <p class="rd-body">
        {linkify(message.body).map((part, index) =>
          part.href ? (
            <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
              {part.text}
            </a>
          ) : (
            part.text
          ),
        )}
      </p>
      {own && (
        <span class="rd-status">
          {t(message.status)}
          {message.status === "failed" && (
            <button type="button" class="rd-retry" onClick={() => onRetry(message.key)}>
              {t("retry")}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
