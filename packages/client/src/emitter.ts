export interface Emitter<Events> {
  on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): () => void;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
}

/**
 * Typed event handlers. A handler that throws is reported with `console.error` and the others
 * still run: an app bug in a `message` handler must not stop the client from acknowledging,
 * reconnecting or delivering the next message.
 */
export function createEmitter<Events>(): Emitter<Events> {
  const handlers = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) {
        set = new Set();
        handlers.set(event, set);
      }
      // Wrapped so the same function can be subscribed twice and unsubscribed independently.
      const entry = (payload: Events[typeof event]) => handler(payload);
      set.add(entry as (payload: never) => void);
      return () => {
        set.delete(entry as (payload: never) => void);
      };
    },
    emit(event, payload) {
      const set = handlers.get(event);
      if (!set) return;
      for (const handler of [...set]) {
        try {
          (handler as (payload: Events[typeof event]) => void)(payload);
        } catch (error) {
          console.error(`relaydesk: a "${String(event)}" handler threw`, error);
        }
      }
    },
  } satisfies Emitter<Events>;
}
