import type { ConsoleStore } from "../store.ts";

/** Connected / Reconnecting… / Connecting… / Disconnected, announced politely when it changes. */
export function ConnectionStatus({ store }: { store: ConsoleStore }) {
  const state = store.connection.value;
  const everConnected = store.session.value !== null;
  const text =
    state === "open"
      ? "Connected"
      : state === "reconnecting" || (state === "connecting" && everConnected)
        ? "Reconnecting…"
        : state === "connecting"
          ? "Connecting…"
          : "Disconnected";
  return (
    <span role="status" class={`connection connection-${state}`}>
      {text}
    </span>
  );
}
