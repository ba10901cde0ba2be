import type { Message, Welcome } from "@relaydesk/sdk-types";
import type { ConsoleStore } from "../store.ts";
import { AttachmentItem } from "./attachment-item.tsx";
import { authorLabel } from "./describe-conversation.ts";
import { formatTime } from "./format-time.ts";
import { MarkdownText } from "./markdown-text.tsx";

export interface MessageItemProps {
  store: ConsoleStore;
  message: Message;
  session: Welcome | null;
  /** The highest seq the visitor has read in this conversation (0: nothing known). */
  visitorRead: number;
  /** The highest seq the visitor's client has received (0: nothing known). */
  visitorDelivered: number;
}

const STATE_TEXT = { sent: "Sent", delivered: "Delivered", read: "Read" } as const;

/** A stored message; the agent's own replies say whether the visitor has received and read them. */
export function MessageItem({ store, message, session, visitorRead, visitorDelivered }: MessageItemProps) {
  const own = message.author.kind === "agent" && message.author.id === session?.self.id;
  // Read wins over delivered, so a late `delivered` never moves a reply back.
  const status = own
    ? message.seq <= visitorRead
      ? "read"
      : message.seq <= visitorDelivered
        ? "delivered"
        : "sent"
    : undefined;
  return (
    <div
      class={`message message-${message.author.kind}${own ? " message-own" : ""}`}
      data-seq={message.seq}
      data-status={status}
    >
      <div class="message-meta">
        <span class="message-author">{authorLabel(message.author, session)}</span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt)}</time>
        {status && <span class="message-state">{STATE_TEXT[status]}</span>}
      </div>
      {message.body && (
        <div class="message-body">
          <MarkdownText text={message.body} />
        </div>
      )}
      {message.attachments && message.attachments.length > 0 && (
        <div class="message-attachments">
          {message.attachments.map((attachment) => (
            <AttachmentItem key={attachment.id} store={store} attachment={attachment} />
          ))}
        </div>
      )}
    </div>
  );
}
