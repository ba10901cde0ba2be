import { RelaydeskError } from "../errors.ts";
import type { Bus } from "./types.ts";

interface Subscription {
  topic: string;
  handler: (payload: unknown) => void;
  /** Cleared on unsubscribe, so deliveries already queued for it are dropped. */
  active: boolean;
}

/**
 * What several in-process buses share, the way Redis is shared by several relay nodes. Its
 * internals are private to this module; pass it to `createMemoryBus` and nothing else.
 */
export interface MemoryHub {
  readonly topics: Map<string, Set<Subscription>>;
}

export function createMemoryHub(): MemoryHub {
  return { topics: new Map() };
}

export interface MemoryBusOptions {
  /** Share one hub between buses to make them behave as nodes of one cluster; default: a new hub. */
  hub?: MemoryHub;
  /** Told about a handler that threw; the other handlers still get the publication. */
  onHandlerError?: (error: unknown, topic: string) => void;
}

export const DEFAULTS = {
  onHandlerError: (error: unknown, topic: string) => {
    console.error(`relaydesk: a bus handler for topic "${topic}" threw`, error);
  },
} as const satisfies Omit<MemoryBusOptions, "hub">;

/**
 * The in-process bus of a single relay node.
 *
 * Delivery happens in a microtask after `publish`, never inside it, so a publisher sees the
 * same ordering it would see with a networked bus (and cannot re-enter its own handlers).
 * Microtasks run first-in first-out, which keeps publications in order.
 *
 * @example
 * const hub = createMemoryHub();
 * const nodeA = createMemoryBus({ hub });
 * const nodeB = createMemoryBus({ hub });
 * await nodeB.subscribe("conversation:cnv_1", (event) => console.log(event));
 * await nodeA.publish("conversation:cnv_1", { type: "message-created" });
 */
export function createMemoryBus(options: MemoryBusOptions = {}): Bus {
  const { hub = createMemoryHub(), onHandlerError } = { ...DEFAULTS, ...options };
  /** This bus's own subscriptions, removed from the hub when it closes. */
  const own = new Set<Subscription>();
  let closed = false;

  function remove(subscription: Subscription): void {
    subscription.active = false;
    own.delete(subscription);
    const subscribers = hub.topics.get(subscription.topic);
    subscribers?.delete(subscription);
    if (subscribers?.size === 0) hub.topics.delete(subscription.topic);
  }

  function closedError(): RelaydeskError {
    return new RelaydeskError("bus-closed", "The bus is closed.");
  }

  return {
    async publish(topic, payload) {
      if (closed) throw closedError();
      // Copied now, so that the publisher changing its object afterwards changes nothing (this
      // also rejects values that could not cross a networked bus: functions, symbols), then
      // frozen, so that every handler can share the one copy: a copy per handler cost a fifth of
      // the relay's CPU at load, one per agent socket for every message.
      const snapshot = deepFreeze(structuredClone(payload));
      const subscribers = [...(hub.topics.get(topic) ?? [])];
      if (subscribers.length === 0) return;
      queueMicrotask(() => {
        for (const subscription of subscribers) {
          if (!subscription.active) continue;
          try {
            subscription.handler(snapshot);
          } catch (error) {
            onHandlerError(error, topic);
          }
        }
      });
    },

    async subscribe(topic, handler) {
      if (closed) throw closedError();
      const subscription: Subscription = { topic, handler, active: true };
      own.add(subscription);
      let subscribers = hub.topics.get(topic);
      if (!subscribers) {
        subscribers = new Set();
        hub.topics.set(topic, subscribers);
      }
      subscribers.add(subscription);
      return async () => remove(subscription);
    },

    async close() {
      closed = true;
      for (const subscription of [...own]) remove(subscription);
    },
  } satisfies Bus;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
