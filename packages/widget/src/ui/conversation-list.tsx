import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { summariesOf } from "./conversation-summaries.ts";
import { focusIfFree } from "./focus-if-free.ts";
import { formatTime } from "./format-time.ts";

/**
 * The visitor's conversations, newest first: who answers, when, the last message, open or closed,
 * and a dot for news not seen yet. Each row is a button (its text is its name); "New conversation"
 * below them. Part of the lazy `conversations` chunk.
 */
export class ConversationList extends Component<{ store: WidgetStore }> {
  list = createRef<HTMLUListElement>();
  create = createRef<HTMLButtonElement>();

  override componentDidMount() {
    // The first row, or "New conversation" when there is none.
    focusIfFree(this.list.current?.querySelector("button") ?? this.create.current);
  }

  override render({ store }: { store: WidgetStore }) {
    const items = summariesOf(store).value;
    const { t } = store;
    return (
      <>
        <ul ref={this.list} class="rd-list" aria-label={t("conversations")}>
          {items.length === 0 && <li class="rd-empty">{t("noConversations")}</li>}
          {items.map(({ conversation, last, activityAt, unread }) => (
            <li key={conversation.id}>
              <button type="button" class="rd-conv" onClick={() => store.openConversation(conversation.id)}>
                <span class="rd-row">
                  <b>{conversation.assignee?.name ?? t("support")}</b>
                  {formatTime(activityAt, store.lang.value ?? "en")}
                </span>
                <span class="rd-preview">
                  {last === null
                    ? t("noMessages")
                    : last.author.kind === "visitor"
                      ? `${t("you")} ${last.body}`
                      : last.body}
                </span>
                <span class="rd-row">
                  {t(conversation.status === "closed" ? "closed" : "open")}
                  {unread && (
                    <span class="rd-dot">
                      <span class="rd-sr">{t("unreadDot")}</span>
                    </span>
                  )}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div class="rd-foot">
          <button ref={this.create} type="button" class="rd-new" onClick={() => store.startNew()}>
            {t("newConversation")}
          </button>
        </div>
      </>
    );
  }
}
