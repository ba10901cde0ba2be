import { useLayoutEffect, useRef } from "preact/hooks";
import type { WidgetStore } from "../types.ts";
import { MessageBubble } from "./message-bubble.tsx";
import { useValue } from "./use-value.ts";

/** The conversation, oldest first, kept scrolled to the newest message. */
export function MessageList({ store }: { store: WidgetStore }) {
  const log = useRef<HTMLDivElement>(null);
  const messages = useValue(store.messages);
  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [messages]);
  return (
    <div ref={log} class="rd-log" role="log" aria-live="polite" aria-label="Messages">
      {messages.length === 0 ? (
        <p class="rd-empty">Send us a message — we reply right here.</p>
      ) : (
        messages.map((message) => (
          <MessageBubble key={message.key} message={message} onRetry={(key) => store.retry(key)} />
        ))
      )}
    </div>
  );
}
