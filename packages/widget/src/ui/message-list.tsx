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
    const greeting = store.greeting.value;
    return (
      // The log is quiet: the App's live region announces what support says, not every status change.
      <div
        ref={this.log}
        class="rd-log"
        role="log"
        aria-live="off"
        aria-label={store.t("messages")}
        // A scrolling region must take the focus, so keyboard users can scroll the history.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
        tabIndex={0}
      >
        {/* The vendor's greeting opens a conversation the visitor starts; the relay never sees it. */}
        {greeting && (messages[0]?.author ?? "visitor") === "visitor" && (
          <div class="rd-msg rd-greeting" data-author="bot">
            <p class="rd-body">{greeting}</p>
          </div>
        )}
        {messages.length === 0 && !greeting ? (
          <p class="rd-empty">{store.t("empty")}</p>
        ) : (
          messages.map((message) => (
            <MessageBubble key={message.key} message={message} store={store} parts={parts} />
          ))
        )}
      </div>
    );
  }
}
