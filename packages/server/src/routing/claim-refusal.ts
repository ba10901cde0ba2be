import type { ErrorCode } from "@relaydesk/sdk-types";
import type { QueueConfig } from "./types.ts";

/** A conversation as a claim sees it. */
export interface ClaimTarget {
  appId: string;
  status: string;
  assigned: boolean;
  /** Every skill an agent needs for it (its queue's and its rule's). */
  skills: readonly string[];
}

/** The agent who would claim: its apps, skills, capacity and conversations assigned now. */
export interface Claimant {
  id: string;
  appIds: readonly string[];
  skills: readonly string[];
  capacity: number;
  assigned: number;
}

/**
 * Why `agent` may not claim `conversation` from `queue` (its queue, undefined when the app's
 * routing no longer has it), or null when the claim would succeed. Pure. The `claim` request and
 * the `claimable` lists sent to agents both use it, so the console shows a Claim button exactly
 * where a claim is taken: the conversation waits unassigned in a `manual` queue, and the agent
 * serves the app, is a member of the queue, has every skill it needs and room under its capacity.
 */
export function claimRefusal(
  conversation: ClaimTarget,
  queue: Pick<QueueConfig, "id" | "strategy" | "members"> | undefined,
  agent: Claimant,
): { code: ErrorCode; message: string } | null {
  if (conversation.status !== "open" || conversation.assigned)
    return { code: "already-assigned", message: "the conversation is not waiting any more" };
  if (queue?.strategy !== "manual")
    return { code: "not-manual", message: "this conversation waits to be offered, not claimed" };
  if (
    !agent.appIds.includes(conversation.appId) ||
    (queue.members !== null && !queue.members.includes(agent.id))
  )
    return { code: "not-a-member", message: `you are not a member of the queue "${queue.id}"` };
  const missing = conversation.skills.filter((skill) => !agent.skills.includes(skill));
  if (missing.length > 0)
    return { code: "not-a-member", message: `this conversation needs the skills: ${missing.join(", ")}` };
  if (agent.assigned >= agent.capacity)
    return {
      code: "over-capacity",
      message: `you already have ${agent.capacity} conversations (your capacity)`,
    };
  return null;
}
