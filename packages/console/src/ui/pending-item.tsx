import type { PendingSend } from "../store.ts";
import { MarkdownText } from "./markdown-text.tsx";

export interface PendingItemProps {
  send: PendingSend;
  authorName: string;
  onRetry(clientMsgId: string): void;
}

/** The agent's own reply before the relay acknowledged it: "Sending…", or why it was not sent. */
export function PendingItem({ send, authorName, onRetry }: PendingItemProps) {
  return (
    <div class={`message message-agent message-own message-${send.status}`} data-status={send.status}>
      <div class="message-meta">
        <span class="message-author">{authorName}</span>
        {send.status === "sending" ? (
          <span class="message-state">Sending…</span>
        ) : (
          <span class="message-state message-state-failed">
            Not sent: {send.error}{" "}
            <button type="button" class="button-link" onClick={() => onRetry(send.clientMsgId)}>
              Retry
            </button>
          </span>
        )}
      </div>
      {send.body && (
        <div class="message-body">
          <MarkdownText text={send.body} />
        </div>
      )}
      {send.attachments.length > 0 && (
        <ul class="message-attachments pending-files">
          {send.attachments.map((attachment) => (
            <li key={attachment.id} class="attachment-name" title={attachment.name}>
              {attachment.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
