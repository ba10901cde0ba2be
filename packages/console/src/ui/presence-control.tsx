import type { ConsoleStore } from "../store.ts";

/**
 * Your status, in the top bar: Online (offers come to you) or Away (none do). Shows "Offline"
 * only until the relay has said; the relay decides what the others see.
 */
export function PresenceControl({ store }: { store: ConsoleStore }) {
  const presence = store.presence;
  const status = presence.self.value;
  return (
    <label class={`presence-control presence-${status ?? "unknown"}`}>
      <span class="presence-dot" aria-hidden="true" />
      <span class="sr-only">Your status</span>
      <select
        value={status === "away" ? "away" : "online"}
        disabled={status === null || presence.changing.value}
        onChange={(event) => presence.set(event.currentTarget.value === "away" ? "away" : "online")}
      >
        <option value="online">Online</option>
        <option value="away">Away</option>
      </select>
    </label>
  );
}
