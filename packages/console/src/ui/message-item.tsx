import type { Message, Welcome } from "@relaydesk/sdk-types";
import { authorLabel } from "./describe-conversation.ts";
import { formatTime } from "./format-time.ts";
import { LinkifiedText } from "./linkified-text.tsx";

export interface MessageItemProps {
  message: Message;
  session: Welcome | null;
}

export function MessageItem({ message, session }: MessageItemProps) {
  const own = message.author.kind === "agent" && message.author.id === session?.self.id;
  return (
    <div class={`message message-${message.author.kind}${own ? " message-own" : ""}`} data-seq={message.seq}>
      <div class="message-meta">
        <span class="message-author">{authorLabel(message.author, session)}</span>
        <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt)}</time>
      </div>
      <div class="message-body">
        <LinkifiedText text={message.body} />
      </div>
    </div>
  );
}
