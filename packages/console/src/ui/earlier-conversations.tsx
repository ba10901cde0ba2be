import type { ConsoleStore } from "../store.ts";
import { authorLabel, statusText } from "./describe-conversation.ts";
import { formatTime } from "./format-time.ts";
import { MarkdownText } from "./markdown-text.tsx";

/**
 * The visitor's other conversations (date, status, last message, how many), newest first; a click
 * opens one to read below the list, never to answer (it is not the open conversation).
 */
export function EarlierConversations({
  store,
  conversationId,
}: {
  store: ConsoleStore;
  conversationId: string;
}) {
  const earlier = store.history.byConversation.value.get(conversationId);
  const reading = store.history.reading.value;
  if (!earlier) return null;
  const { entries, total } = earlier;
  return (
    <section class="earlier" aria-labelledby="earlier-title">
      <h3 id="earlier-title">
        Earlier conversations <span class="count">{total}</span>
      </h3>
      {entries.length === 0 ? (
        <p class="empty">None: this is the visitor's first conversation</p>
      ) : (
        <ul class="earlier-list">
          {entries.map(({ conversation, lastMessage }) => (
            <li key={conversation.id}>
              <button
                type="button"
                class="earlier-item"
                data-earlier-id={conversation.id}
                aria-pressed={reading?.conversation.id === conversation.id}
                onClick={() => store.history.read(conversation)}
              >
                <time dateTime={new Date(conversation.createdAt).toISOString()}>
                  {formatTime(conversation.createdAt)}
                </time>
                <span class={`status status-${conversation.status}`}>{statusText(conversation.status)}</span>
                <span class="earlier-preview">{lastMessage ? lastMessage.body : "No messages"}</span>
                <span class="earlier-count">
                  {conversation.lastSeq} {conversation.lastSeq === 1 ? "message" : "messages"}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {total > entries.length && <p class="empty">and {total - entries.length} older ones</p>}
      {reading && (
        <section class="transcript" aria-label="Earlier conversation (read only)">
          <header class="transcript-head">
            <span>
              Read only: {formatTime(reading.conversation.createdAt)},{" "}
              {statusText(reading.conversation.status)}
            </span>
            <button type="button" class="button-link" onClick={() => store.history.closeTranscript()}>
              Close
            </button>
          </header>
          {reading.loading ? (
            <p class="empty">Loading…</p>
          ) : reading.messages.length === 0 ? (
            <p class="empty">No messages</p>
          ) : (
            <ol class="transcript-messages">
              {reading.messages.map((message) => (
                <li key={message.id} data-author={message.author.kind}>
                  <span class="transcript-author">{authorLabel(message.author, store.session.value)}</span>{" "}
                  <span class="transcript-body">
                    <MarkdownText text={message.body} />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </section>
  );
}
