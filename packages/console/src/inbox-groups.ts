import type { Conversation, Message } from "@relaydesk/sdk-types";
import { queueKey } from "./queues.ts";

/** One row of the inbox: a conversation with what the list shows about it. */
export interface InboxEntry {
  conversation: Conversation;
  lastMessage: Message | null;
  /** Newest of the conversation's update time and its last message's time (ms). */
  activityAt: number;
  unread: number;
}

/** The inbox's views. */
export type InboxView = "mine" | "queues" | "offered" | "unassigned" | "all";

export type InboxGroups = Record<InboxView, InboxEntry[]>;

/**
 * Splits conversations into the inbox's views, newest activity first in each:
 * `mine` (assigned to the signed-in agent, not closed), `queues` (not closed, in one of the
 * agent's queues: `myQueues` holds their `queueKey`s), `offered` (offered to it now),
 * `unassigned` (nobody's yet, not closed: waiting in a queue) and `all` (every conversation
 * listed, closed ones too).
 */
export function inboxGroups(
  conversations: ReadonlyMap<string, Conversation>,
  messages: ReadonlyMap<string, readonly Message[]>,
  unread: ReadonlyMap<string, number>,
  selfId: string | null,
  offered: ReadonlySet<string> = new Set(),
  myQueues: ReadonlySet<string> = new Set(),
): InboxGroups {
  const groups: InboxGroups = { mine: [], queues: [], offered: [], unassigned: [], all: [] };
  for (const conversation of conversations.values()) {
    const list = messages.get(conversation.id);
    const lastMessage = list?.[list.length - 1] ?? null;
    const entry: InboxEntry = {
      conversation,
      lastMessage,
      activityAt: Math.max(conversation.updatedAt, lastMessage?.createdAt ?? 0),
      unread: unread.get(conversation.id) ?? 0,
    };
    groups.all.push(entry);
    if (offered.has(conversation.id)) groups.offered.push(entry);
    if (conversation.status === "closed") continue;
    const queueId = conversation.queueId;
    if (queueId && myQueues.has(queueKey(conversation.appId, queueId))) groups.queues.push(entry);
    if (conversation.assignee === null) groups.unassigned.push(entry);
    else if (selfId !== null && conversation.assignee.id === selfId) groups.mine.push(entry);
  }
  const newestFirst = (a: InboxEntry, b: InboxEntry) =>
    b.activityAt - a.activityAt || (a.conversation.id < b.conversation.id ? -1 : 1);
  for (const group of Object.values(groups)) group.sort(newestFirst);
  return groups;
}
