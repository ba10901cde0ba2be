import { type ReadonlySignal, signal } from "@preact/signals-core";
import type { Availability, QueuePosition } from "@relaydesk/sdk-types";
import type { WidgetClient } from "./types.ts";

/** What the relay told the visitor about a waiting conversation, by conversation id. */
export interface VisitorNotice {
  availability?: Availability;
  position?: QueuePosition;
}

const byClient = new WeakMap<WidgetClient, ReadonlySignal<Readonly<Record<string, VisitorNotice>>>>();

/**
 * The latest `availability` and `queue-position` per conversation, heard from when the extras part
 * first loads (the panel opening; a conversation starts from the open panel, so its notices come
 * after). Kept per client for the page's life, not per component: the panel closing and opening
 * again must not forget them.
 */
export function visitorNotices(
  client: WidgetClient,
): ReadonlySignal<Readonly<Record<string, VisitorNotice>>> {
  let notices = byClient.get(client);
  if (notices) return notices;
  const state = signal<Readonly<Record<string, VisitorNotice>>>({});
  const note = (id: string, change: VisitorNotice) => {
    state.value = { ...state.value, [id]: { ...state.value[id], ...change } };
  };
  client.on("availability", (availability) => note(availability.conversationId, { availability }));
  client.on("queue-position", (position) => note(position.conversationId, { position }));
  notices = state;
  byClient.set(client, notices);
  return notices;
}
