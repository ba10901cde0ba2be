import type { Conversation, Message, Note } from "@relaydesk/sdk-types";
import { useEffect, useRef } from "preact/hooks";
import type { ConsoleStore } from "../store.ts";
import { pageOf, statusText, visitorLabel } from "./describe-conversation.ts";
import { EarlierConversations } from "./earlier-conversations.tsx";
import { MarkdownText } from "./markdown-text.tsx";
import { MessageItem } from "./message-item.tsx";
import { NoteForm } from "./note-form.tsx";
import { NoteItem } from "./note-item.tsx";
import { PendingItem } from "./pending-item.tsx";
import { PrioritySelect } from "./priority-select.tsx";
import { RatingBadge } from "./rating-badge.tsx";
import { Reply } from "./reply.tsx";
import { SlaStatus } from "./sla-status.tsx";
import { TagEditor } from "./tag-editor.tsx";
import { TransferForm } from "./transfer-form.tsx";
import { VisitorPanel } from "./visitor-panel.tsx";

const NO_MESSAGES: readonly never[] = [];

/** The conversation's buttons: accept an offer, reopen, close. */
function HeadActions({ store, conversation }: { store: ConsoleStore; conversation: Conversation }) {
  const id = conversation.id;
  if (store.offers.ids.value.has(id)) {
    return (
      <div class="offer-card-actions">
        <button type="button" class="button-primary" onClick={() => store.offers.accept(id)}>
          Accept
        </button>
        <button type="button" class="button-quiet" onClick={() => store.offers.decline(id)}>
          Decline
        </button>
      </div>
    );
  }
  const busy = store.actions.busy.value.has(id);
  if (conversation.status === "closed") {
    return (
      <button
        type="button"
        class="button-quiet"
        disabled={busy}
        onClick={() => void store.actions.reopen(id)}
      >
        Reopen
      </button>
    );
  }
  return (
    <button type="button" class="button-quiet" onClick={() => store.closeConversation()}>
      Close conversation
    </button>
  );
}

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
  const notes = (id !== null && store.notes.byConversation.value.get(id)) || NO_MESSAGES;
  const log = useRef<HTMLDivElement>(null);

  // Keep the newest message in view as messages arrive and when switching conversations.
  const count = messages.length + pending.length + notes.length;
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
            <SlaStatus sla={conversation.sla} skew={store.offers.skew.value} />
            <RatingBadge rating={conversation.rating} />
            {conversation.assignee && <span>Assigned to {conversation.assignee.name}</span>}
            {page.title && <span>{page.title}</span>}
            {page.url && (
              <span class="conversation-url">
                <MarkdownText text={page.url} />
              </span>
            )}
          </p>
        </div>
        <HeadActions store={store} conversation={conversation} />
      </header>
      <div class="conversation-work">
        <TagEditor store={store} conversation={conversation} />
        <PrioritySelect store={store} conversation={conversation} />
        {!closed && <TransferForm store={store} conversation={conversation} />}
      </div>
      <VisitorPanel conversation={conversation} skew={store.offers.skew.value} />
      <EarlierConversations store={store} conversationId={conversation.id} />
      <div class="message-log" role="log" aria-label="Messages" ref={log}>
        {byTime(messages, notes).map((item) =>
          item.kind === "note" ? (
            <NoteItem key={item.id} note={item} session={session} />
          ) : (
            <MessageItem
              key={item.id}
              store={store}
              message={item}
              session={session}
              visitorRead={visitorRead}
              visitorDelivered={visitorDelivered}
            />
          ),
        )}
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
      <NoteForm store={store} conversationId={conversation.id} />
      <Reply store={store} conversation={conversation} closed={closed} />
    </main>
  );
}

/** Messages in seq order with the notes placed by time among them (a note has no seq). */
function byTime(messages: readonly Message[], notes: readonly Note[]): Array<Message | Note> {
  if (notes.length === 0) return [...messages];
  const out: Array<Message | Note> = [];
  let n = 0;
  for (const message of messages) {
    while (n < notes.length && notes[n]!.createdAt < message.createdAt) out.push(notes[n++]!);
    out.push(message);
  }
  while (n < notes.length) out.push(notes[n++]!);
  return out;
}
