import { compareIds } from "./pick-agent.ts";
import type { WaitingConversation } from "./types.ts";

/**
 * The order waiting conversations are served in: higher priority first, then the one waiting
 * longest (`waitingSince`, which a re-queued conversation keeps), then by id so the order is total.
 */
export function orderWaiting<W extends Pick<WaitingConversation, "id" | "priority" | "waitingSince">>(
  waiting: readonly W[],
): W[] {
  return [...waiting].sort(
    (a, b) => b.priority - a.priority || a.waitingSince - b.waitingSince || compareIds(a.id, b.id),
  );
}
