import type { Conversation, Message } from "@relaydesk/sdk-types";

/** One row of the inbox: a conversation with what the list shows about it. */
export interface InboxEntry {
  conversation: Conversation;
  lastMessage: Message | null;
  /** Newest of the conversation's update time and its last message's time (ms). */
  activityAt: number;
  unread: number;
}

export interface InboxGroups {
  /** Assigned to the signed-in agent and not closed. */
  mine: InboxEntry[];
  /** Nobody's yet and not closed. */
  waiting: InboxEntry[];
}

/** Splits conversations into the inbox's two sections, newest activity first in each. */
export function inboxGroups(
  conversations: ReadonlyMap<string, Conversation>,
  messages: ReadonlyMap<string, readonly Message[]>,
  unread: ReadonlyMap<string, number>,
  selfId: string | null,
): InboxGroups {
  const mine: InboxEntry[] = [];
  const waiting: InboxEntry[] = [];
  for (const conversation of conversations.values()) {
    if (conversation.status === "closed") continue;
    const list = messages.get(conversation.id);
    const lastMessage = list?.[list.length - 1] ?? null;
    const entry: InboxEntry = {
      conversation,
      lastMessage,
      activityAt: Math.max(conversation.updatedAt, lastMessage?.createdAt ?? 0),
      unread: unread.get(conversation.id) ?? 0,
    };
    if (conversation.assignee === null) waiting.push(entry);
    else if (selfId !== null && conversation.assignee.id === selfId) mine.push(entry);
  }
  const newestFirst = (a: InboxEntry, b: InboxEntry) =>
    b.activityAt - a.activityAt || (a.conversation.id < b.conversation.id ? -1 : 1);
  return { mine: mine.sort(newestFirst), waiting: waiting.sort(newestFirst) };
}
