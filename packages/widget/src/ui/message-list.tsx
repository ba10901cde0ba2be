import { Component, createRef } from "preact";
import type { ChatMessage, WidgetParts, WidgetStore } from "../types.ts";
import { MessageBubble } from "./message-bubble.tsx";

/** The conversation, oldest first, kept scrolled to the newest message. */
export class MessageList extends Component<{ store: WidgetStore; parts: WidgetParts }> {
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

  override render({ store, parts }: { store: WidgetStore; parts: WidgetParts }) {
    const messages = store.messages.value;
    return (
      <div ref={this.log} class="rd-log" role="log" aria-live="polite" aria-label="Messages">
        {messages.length === 0 ? (
          <p class="rd-empty">Send us a message — we reply right here.</p>
        ) : (
          messages.map((message) => (
            <MessageBubble key={message.key} message={message} store={store} parts={parts} />
          ))
        )}
      </div>
    );
  }
}
