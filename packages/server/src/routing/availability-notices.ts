import type { Availability, Conversation } from "@relaydesk/sdk-types";
import { availabilityFrame, type QueueAvailability } from "./queue-availability.ts";
import type { RelayEvent } from "./relay-events.ts";
import type { WaitingConversation } from "./types.ts";

export interface AvailabilityNoticesOptions {
  toVisitor(visitorId: string, frame: Availability): void;
  emit(event: RelayEvent): void;
  now: () => number;
  /** Route the app again (a closed queue it waits on opened). */
  reroute(appId: string): void;
}

/** setTimeout's longest delay (about 24.8 days); a later opening re-arms when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Waiting = WaitingConversation & { visitorId: string };
type Told = { key: string; visitorId: string; frame: Availability };

/**
 * What routing tells waiting visitors about their queue being closed or unstaffed, and the timer
 * that routes an app again when a closed queue someone waits in opens. Memory: per app, the
 * conversations told "not now" (dropped once they are served or told "open") and at most one timer.
 */
export function createAvailabilityNotices(options: AvailabilityNoticesOptions) {
  const { now } = options;
  /** Per app, the conversations told "not now": what they were told, to repeat it to a visitor who connects again. */
  const sent = new Map<string, Map<string, Told>>();
  const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  let closed = false;

  return {
    /** Tell visitors whose queue cannot serve them (and, when it can again, those told so). */
    publish(
      appId: string,
      waiting: readonly Waiting[],
      states: ReadonlyMap<string, QueueAvailability>,
      byId: ReadonlyMap<string, Conversation>,
      at: number,
    ) {
      const before = sent.get(appId) ?? new Map<string, Told>();
      const after = new Map<string, Told>();
      for (const conversation of waiting) {
        const state = states.get(conversation.queueId) ?? { open: true };
        const previous = before.get(conversation.id)?.key;
        const key = state.open
          ? null
          : state.reason === "closed"
            ? `closed/${state.nextOpeningAt}`
            : state.reason;
        const frame = availabilityFrame(conversation.id, state);
        if (key !== null) after.set(conversation.id, { key, visitorId: conversation.visitorId, frame });
        // Open and never told otherwise: nothing to say (the usual case).
        if (key === previous || (key === null && previous === undefined)) continue;
        options.toVisitor(conversation.visitorId, frame);
        if (!state.open && previous === undefined) {
          options.emit({
            type: "conversation.offline",
            appId,
            conversationId: conversation.id,
            queueId: conversation.queueId,
            reason: state.reason,
            nextOpeningAt: state.reason === "closed" ? state.nextOpeningAt : null,
            email: byId.get(conversation.id)?.offlineEmail ?? null,
            at,
          });
        }
      }
      if (after.size > 0) sent.set(appId, after);
      else sent.delete(appId);
    },

    /**
     * A visitor connected again (a reload, another tab, a reconnect): tell it once more what its
     * waiting conversations were told, so the page shows the offline notice it had before.
     */
    repeat(appId: string, visitorId: string) {
      for (const told of sent.get(appId)?.values() ?? []) {
        if (told.visitorId === visitorId) options.toVisitor(visitorId, told.frame);
      }
    },

    /** Route the app again at the earliest opening of a closed queue someone waits in. */
    armOpening(appId: string, waiting: readonly Waiting[], states: ReadonlyMap<string, QueueAvailability>) {
      let earliest: number | null = null;
      for (const conversation of waiting) {
        const state = states.get(conversation.queueId);
        if (state && !state.open && state.reason === "closed" && state.nextOpeningAt !== null)
          earliest = earliest === null ? state.nextOpeningAt : Math.min(earliest, state.nextOpeningAt);
      }
      const current = timers.get(appId);
      if (current?.at === earliest) return;
      if (current) clearTimeout(current.timer);
      timers.delete(appId);
      if (earliest === null || closed) return;
      const timer = setTimeout(
        () => {
          if (timers.get(appId)?.timer === timer) timers.delete(appId);
          options.reroute(appId);
        },
        Math.min(Math.max(0, earliest - now()), MAX_TIMER_MS),
      );
      timer.unref();
      timers.set(appId, { at: earliest, timer });
    },

    close() {
      closed = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
