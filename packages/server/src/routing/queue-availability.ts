import type { Availability } from "@relaydesk/sdk-types";
import { isOpen, nextOpening } from "./business-hours.ts";
import type { AgentSnapshot, QueueConfig } from "./types.ts";

/** Whether a queue can serve conversations now, and if not why and until when. */
export type QueueAvailability =
  | { open: true }
  | { open: false; reason: "closed"; nextOpeningAt: number | null }
  | { open: false; reason: "nobody-online" };

/**
 * A queue is closed outside its business hours, and has nobody online when no agent that could
 * ever take its conversations (app, membership, the queue's skills) is online — capacity aside:
 * a busy agent will be free, an absent one will not.
 */
export function queueAvailability(
  appId: string,
  queue: QueueConfig,
  agents: readonly AgentSnapshot[],
  at: number,
): QueueAvailability {
  if (queue.businessHours && !isOpen(queue.businessHours, at)) {
    return { open: false, reason: "closed", nextOpeningAt: nextOpening(queue.businessHours, at) };
  }
  const someone = agents.some(
    (agent) =>
      agent.status === "online" &&
      agent.appIds.includes(appId) &&
      (queue.members === null || queue.members.includes(agent.id)) &&
      queue.skills.every((skill) => agent.skills.includes(skill)),
  );
  return someone ? { open: true } : { open: false, reason: "nobody-online" };
}

/** The visitor's `availability` frame for a conversation in a queue in this state. */
export function availabilityFrame(conversationId: string, state: QueueAvailability): Availability {
  if (state.open) return { type: "availability", conversationId, open: true };
  return {
    type: "availability",
    conversationId,
    open: false,
    reason: state.reason,
    ...(state.reason === "closed" && state.nextOpeningAt !== null
      ? { nextOpeningAt: state.nextOpeningAt }
      : {}),
  };
}
