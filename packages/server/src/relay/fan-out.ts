import type {
  Conversation,
  DeliveredEvent,
  EventFrame,
  Message,
  ReadEvent,
  TypingEvent,
} from "@relaydesk/sdk-types";
import type { Bus } from "../bus/types.ts";

/**
 * Fan-out topics on the bus. Two kinds, and every socket subscribes to exactly one of them:
 *
 * - `visitor:<visitorId>` — every socket of that visitor. Carries everything about the visitor's
 *   conversations: messages, conversation created/updated, the agents' typing, read and delivered
 *   events.
 * - `agents` — every agent socket. Carries the same events for every conversation (agents see
 *   all conversations until multi-app scoping arrives; then this becomes `agents:<appId>`).
 *
 * Each event is published once to the conversation's visitor topic and once to `agents`. Because
 * no socket listens on both, each socket receives each event exactly once, including the sender
 * of a message (which also got its `ack`; clients dedup by message id). A topic per conversation
 * was the alternative; it would make every `start-conversation` subscribe every agent socket on
 * every node to a new topic and give the bus one topic per conversation to track, for no gain
 * while agents see everything anyway.
 *
 * `typing`, `read` and `delivered` are facts about someone else: a socket drops the ones whose author is its
 * own identity (see `isOwnEcho`), so the sender never gets its own back, and neither do the
 * sender's other tabs.
 */
export const AGENTS_TOPIC = "agents";

export function visitorTopic(visitorId: string): string {
  return `visitor:${visitorId}`;
}

export interface FanOut {
  conversationCreated(conversation: Conversation): Promise<void>;
  conversationUpdated(conversation: Conversation): Promise<void>;
  /** `visitorId` is the conversation's visitor (the audience), whoever wrote the message. */
  messageCreated(visitorId: string, message: Message): Promise<void>;
  /** A `typing`, `read` or `delivered` fact, for the same audience as the conversation's messages. */
  signal(visitorId: string, event: TypingEvent | ReadEvent | DeliveredEvent): Promise<void>;
  subscribeVisitor(visitorId: string, handler: (frame: EventFrame) => void): Promise<() => Promise<void>>;
  subscribeAgents(handler: (frame: EventFrame) => void): Promise<() => Promise<void>>;
}

export function createFanOut(bus: Bus): FanOut {
  const publish = async (visitorId: string, frame: EventFrame) => {
    await Promise.all([bus.publish(visitorTopic(visitorId), frame), bus.publish(AGENTS_TOPIC, frame)]);
  };
  // Payloads come from our own publications only (the bus is not reachable from outside), so
  // they are trusted to be event frames; a foreign payload would at worst be sent on as is.
  const subscribe = (topic: string, handler: (frame: EventFrame) => void) =>
    bus.subscribe(topic, (payload) => handler(payload as EventFrame));
  return {
    conversationCreated: (conversation) =>
      publish(conversation.visitorId, { type: "conversation-created", conversation }),
    conversationUpdated: (conversation) =>
      publish(conversation.visitorId, { type: "conversation-updated", conversation }),
    messageCreated: (visitorId, message) => publish(visitorId, { type: "message-created", message }),
    signal: (visitorId, event) => publish(visitorId, event),
    subscribeVisitor: (visitorId, handler) => subscribe(visitorTopic(visitorId), handler),
    subscribeAgents: (handler) => subscribe(AGENTS_TOPIC, handler),
  } satisfies FanOut;
}

/** True for a `typing`/`read`/`delivered` event this identity produced itself. */
export function isOwnEcho(frame: EventFrame, self: { kind: string; id: string }): boolean {
  const author =
    frame.type === "typing"
      ? frame.author
      : frame.type === "read"
        ? frame.reader
        : frame.type === "delivered"
          ? frame.recipient
          : null;
  return author !== null && author.kind === self.kind && author.id === self.id;
}
