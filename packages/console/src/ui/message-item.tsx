import type { Message, Welcome } from "@relaydesk/sdk-types";
import { authorLabel } from "./describe-conversation.ts";
import { formatTime } from "./format-time.ts";
import { LinkifiedText } from "./linkified-text.tsx";

export interface MessageItemProps {
  message: Message;
  session: Welcome | null;
  /** The highest seq the visitor has read in this conversation (0: nothing known). */
  visitorRead: number;
}

/** A stored message; the agent's own replies say whether the visitor has read them yet. */
export function MessageItem({ message, session, visitorRead }: MessageItemProps) {
  const own = message.author.kind === "agent" && message.author.id === session?.self.id;
  const status = own ? (message.seq <= visitorRead ? "read" : "sent") : undefined;
  return (
    <div
      class={`message message-${message.author.kind}${own ? " message-own" : ""}`}
      data-seq={message.seq}
      data-status={status}
    >
      <div class="message-meta">
        <span class="message-author">{authorLabel(message.author, session)}</span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt)}</time>
        {status && <span class="message-state">{status === "read" ? "Read" : "Sent"}</span>}
      </div>
      <div class="message-body">
        <LinkifiedText text={message.body} />
      </div>
    </div>
  );
}
