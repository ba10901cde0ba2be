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
 * Fan-out topics on the bus. Two kinds:
 *
 * - `visitor:<visitorId>` — every socket of that visitor. Carries everything about the visitor's
 *   conversations: messages, conversation created/updated, the agents' typing, read and delivered
 *   events.
 * - `agents:<appId>` — every socket of every agent serving that app. Carries the same events for
 *   every conversation of the app, and nothing of any other app. An agent serving several apps
 *   subscribes to each of their topics.
 *
 * Each event is published once to the conversation's visitor topic and once to its app's agent
 * topic. A visitor socket listens on its visitor topic only and an agent socket on app topics
 * only, and a conversation belongs to exactly one app, so each socket receives each event exactly
 * once, including the sender of a message (which also got its `ack`; clients dedup by message id).
 * A topic per conversation was the alternative; it would make every `start-conversation` subscribe
 * every agent socket on every node to a new topic and give the bus one topic per conversation to
 * track, for no gain while agents see their apps' conversations anyway.
 *
 * `typing`, `read` and `delivered` are facts about someone else: a socket drops the ones whose author is its
 * own identity (see `isOwnEcho`), so the sender never gets its own back, and neither do the
 * sender's other tabs.
 */
export function agentsTopic(appId: string): string {
  return `agents:${appId}`;
}

export function visitorTopic(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** Every socket of one agent: offers, which are for that agent alone. */
export function agentTopic(agentId: string): string {
  return `agent:${agentId}`;
}

/** Who hears about a conversation: its visitor and the agents of its app. */
export type Audience = Pick<Conversation, "visitorId" | "appId">;

export interface FanOut {
  conversationCreated(conversation: Conversation): Promise<void>;
  conversationUpdated(conversation: Conversation): Promise<void>;
  /** `audience` is the message's conversation (its visitor and app), whoever wrote the message. */
  messageCreated(audience: Audience, message: Message): Promise<void>;
  /** A `typing`, `read` or `delivered` fact, for the same audience as the conversation's messages. */
  signal(audience: Audience, event: TypingEvent | ReadEvent | DeliveredEvent): Promise<void>;
  /** To the agents of an app only, never to a visitor (internal notes, presence). */
  toAgents(appId: string, frame: EventFrame): Promise<void>;
  /** To one agent's sockets (offers). */
  toAgent(agentId: string, frame: EventFrame): Promise<void>;
  /** To one visitor's sockets (queue position). */
  toVisitor(visitorId: string, frame: EventFrame): Promise<void>;
  subscribeVisitor(visitorId: string, handler: (frame: EventFrame) => void): Promise<() => Promise<void>>;
  /** Every event of these apps' conversations (an agent's apps), and this agent's own (offers). */
  subscribeAgents(
    appIds: readonly string[],
    handler: (frame: EventFrame) => void,
    agentId?: string,
  ): Promise<() => Promise<void>>;
}

export function createFanOut(bus: Bus): FanOut {
  const publish = async (audience: Audience, frame: EventFrame) => {
    await Promise.all([
      bus.publish(visitorTopic(audience.visitorId), frame),
      bus.publish(agentsTopic(audience.appId), frame),
    ]);
  };
  // Payloads come from our own publications only (the bus is not reachable from outside), so
  // they are trusted to be event frames; a foreign payload would at worst be sent on as is.
  const subscribe = (topic: string, handler: (frame: EventFrame) => void) =>
    bus.subscribe(topic, (payload) => handler(payload as EventFrame));
  return {
    conversationCreated: (conversation) =>
      publish(conversation, { type: "conversation-created", conversation }),
    conversationUpdated: (conversation) =>
      publish(conversation, { type: "conversation-updated", conversation }),
    messageCreated: (audience, message) => publish(audience, { type: "message-created", message }),
    signal: (audience, event) => publish(audience, event),
    toAgents: (appId, frame) => bus.publish(agentsTopic(appId), frame),
    toAgent: (agentId, frame) => bus.publish(agentTopic(agentId), frame),
    toVisitor: (visitorId, frame) => bus.publish(visitorTopic(visitorId), frame),
    subscribeVisitor: (visitorId, handler) => subscribe(visitorTopic(visitorId), handler),
    async subscribeAgents(appIds, handler, agentId) {
      const stops: (() => Promise<void>)[] = [];
      try {
        for (const appId of new Set(appIds)) stops.push(await subscribe(agentsTopic(appId), handler));
        if (agentId !== undefined) stops.push(await subscribe(agentTopic(agentId), handler));
      } catch (error) {
        await Promise.allSettled(stops.map((stop) => stop()));
        throw error;
      }
      return async () => {
        await Promise.all(stops.map((stop) => stop()));
      };
    },
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
