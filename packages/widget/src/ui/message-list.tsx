import { Component, createRef } from "preact";
import type { ChatMessage, WidgetStore } from "../types.ts";
import { MessageBubble } from "./message-bubble.tsx";

/** The conversation, oldest first, kept scrolled to the newest message. */
export class MessageList extends Component<{ store: WidgetStore }> {
  log = createRef<HTMLDivElement>();
  /** The list last scrolled to: other changes (the banner, the header) leave the scroll alone. */
  scrolledFor: readonly ChatMessage[] | null = null;

  override componentDidMount() {
    this.scrollToNewest();
  }

  override componentDidUpdate() {
    this.scrollToNewest();
  }

  scrollToNewest() {
    const messages = this.props.store.messages.value;
    const element = this.log.current;
    if (messages === this.scrolledFor || !element) return;
    this.scrolledFor = messages;
    element.scrollTop = element.scrollHeight;
  }

  override render({ store }: { store: WidgetStore }) {
    const messages = store.messages.value;
    const greeting = store.greeting.value;
    return (
      <div ref={this.log} class="rd-log" role="log" aria-live="polite" aria-label="Messages">
        {/* The vendor's greeting opens a conversation the visitor starts; the relay never sees it. */}
        {greeting && (messages[0]?.author ?? "visitor") === "visitor" && (
          <div class="rd-msg rd-greeting" data-author="bot">
            <p class="rd-body">{greeting}</p>
          </div>
        )}
        {messages.length === 0 && !greeting ? (
          <p class="rd-empty">Send us a message — we reply right here.</p>
        ) : (
          messages.map((message) => (
            <MessageBubble key={message.key} message={message} onRetry={(key) => store.retry(key)} />
          ))
        )}
      </div>
    );
  }
}
