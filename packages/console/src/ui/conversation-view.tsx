import { useEffect, useRef } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";
import { pageOf, statusText, visitorLabel } from "./describe-conversation.ts";
import { LinkifiedText } from "./linkified-text.tsx";
import { MessageItem } from "./message-item.tsx";
import { PendingItem } from "./pending-item.tsx";
import { Reply } from "./reply.tsx";
import { VisitorPanel } from "./visitor-panel.tsx";

const NO_MESSAGES: readonly never[] = [];

/** The open conversation: who and where, its messages, and the reply box. */
export function ConversationView({ store }: { store: ConsoleStore }) {
  const conversation = store.selected.value;
  const id = store.selectedId.value;
  const messages = (id !== null && store.messages.value.get(id)) || NO_MESSAGES;
  const pending = store.pending.value.filter((p) => p.conversationId === id);
  const session = store.session.value;
  const typist = id !== null ? store.typing.value.get(id) : undefined;
  const visitorRead = (id !== null && store.visitorRead.value.get(id)) || 0;
  const visitorDelivered = (id !== null && store.visitorDelivered.value.get(id)) || 0;
  const log = useRef<HTMLDivElement>(null);

  // Keep the newest message in view as messages arrive and when switching conversations.
  const count = messages.length + pending.length;
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [count, id]);

  if (!conversation) {
    return (
      <main class="conversation conversation-empty">
        <p class="empty">{id === null ? "Select a conversation" : "Loading…"}</p>
      </main>
    );
  }

  const page = pageOf(conversation);
  const closed = conversation.status === "closed";
  return (
    <main class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div class="conversation-who">
          <h2 id="conversation-title" title={conversation.visitorId}>
            {visitorLabel(conversation)}
          </h2>
          <p class="conversation-details">
            <span class={`status status-${conversation.status}`}>{statusText(conversation.status)}</span>
            {conversation.assignee && <span>Assigned to {conversation.assignee.name}</span>}
            {page.title && <span>{page.title}</span>}
            {page.url && (
              <span class="conversation-url">
                <LinkifiedText text={page.url} />
              </span>
            )}
          </p>
        </div>
        <button
          type="button"
          class="button-quiet"
          disabled={closed}
          onClick={() => store.closeConversation()}
        >
          Close conversation
        </button>
      </header>
      <VisitorPanel conversation={conversation} />
      <div class="message-log" role="log" aria-label="Messages" ref={log}>
        {messages.map((message) => (
          <MessageItem
            key={message.id}
            store={store}
            message={message}
            session={session}
            visitorRead={visitorRead}
            visitorDelivered={visitorDelivered}
          />
        ))}
        {pending.map((send) => (
          <PendingItem
            key={send.clientMsgId}
            send={send}
            authorName={session?.self.name || "You"}
            onRetry={(clientMsgId) => store.retry(clientMsgId)}
          />
        ))}
      </div>
      <p class="typing" aria-live="polite">
        {typist ? `${typist.kind === "visitor" ? "Visitor" : typist.name || "Someone"} is typing…` : ""}
      </p>
      <Reply store={store} conversationId={conversation.id} closed={closed} />
    </main>
  );
}
