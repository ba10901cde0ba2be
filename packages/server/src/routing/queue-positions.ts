import { orderWaiting } from "./order-waiting.ts";
import type { WaitingConversation } from "./types.ts";

export interface QueueStanding {
  conversationId: string;
  /** 1 = next to be served in its queue. */
  position: number;
  expectedWaitMs: number;
}

/**
 * Where each waiting conversation stands in its own queue (service order), and a wait estimate:
 * `position × gap`, where `gap` is the queue's recent time between two assignments (`gapByQueue`,
 * a moving average the router keeps) or, before the queue has any, `fallbackGapMs` shared by the
 * agents online for it (`agentsByQueue`, at least 1). An estimate to set expectations, not a
 * promise: it shrinks as the visitor moves up.
 */
export function queuePositions(
  waiting: readonly Pick<WaitingConversation, "id" | "queueId" | "priority" | "waitingSince">[],
  options: {
    gapByQueue: Readonly<Record<string, number>>;
    agentsByQueue: Readonly<Record<string, number>>;
    fallbackGapMs: number;
  },
): QueueStanding[] {
  const counts = new Map<string, number>();
  return orderWaiting(waiting).map((conversation) => {
    const position = (counts.get(conversation.queueId) ?? 0) + 1;
    counts.set(conversation.queueId, position);
    const agents = Math.max(1, options.agentsByQueue[conversation.queueId] ?? 0);
    const gap = options.gapByQueue[conversation.queueId] ?? options.fallbackGapMs / agents;
    return { conversationId: conversation.id, position, expectedWaitMs: Math.round(position * gap) };
  });
}
