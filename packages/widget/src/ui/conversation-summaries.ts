import { computed, type ReadonlySignal } from "@preact/signals-core";
import type { Message } from "@relaydesk/sdk-types";
import type { ConversationSummary, WidgetStore } from "../types.ts";

const byStore = new WeakMap<WidgetStore, ReadonlySignal<readonly ConversationSummary[]>>();

/**
 * The visitor's conversations, newest activity first, each with its last message and whether it
 * has news: one computed per store, made by the conversations part (widget.js does not carry it).
 */
export function summariesOf(store: WidgetStore): ReadonlySignal<readonly ConversationSummary[]> {
  const known = byStore.get(store);
  if (known) return known;
  const { conversations, seen, revision, stored, isNews } = store.history;
  const summaries = computed<readonly ConversationSummary[]>(() => {
    if (revision.value < 0) return [];
    const upTo = seen.value;
    const last = new Map<string, Message>();
    const news = new Set<string>();
    for (const message of stored.values()) {
      const id = message.conversationId;
      if ((last.get(id)?.seq ?? 0) < message.seq) last.set(id, message);
      if (isNews(message) && message.seq > (upTo[id] ?? 0)) news.add(id);
    }
    return [...conversations.value.values()]
      .map((conversation): ConversationSummary => {
        const message = last.get(conversation.id) ?? null;
        const activityAt = Math.max(conversation.updatedAt, message?.createdAt ?? 0);
        return { conversation, last: message, activityAt, unread: news.has(conversation.id) };
      })
      .sort((a, b) => b.activityAt - a.activityAt);
  });
  byStore.set(store, summaries);
  return summaries;
}
