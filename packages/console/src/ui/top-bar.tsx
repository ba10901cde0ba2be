import type { ConsoleStore } from "../store.ts";
import { ConnectionStatus } from "./connection-status.tsx";
import { PresenceControl } from "./presence-control.tsx";

export function TopBar({ store }: { store: ConsoleStore }) {
  const self = store.session.value?.self;
  return (
    <header class="topbar">
      <h1 class="brand">Relaydesk</h1>
      <ConnectionStatus store={store} />
      <span class="topbar-agent">{self?.name ?? ""}</span>
      <PresenceControl store={store} />
      <button type="button" class="button-quiet" onClick={() => store.signOut()}>
        Sign out
      </button>
    </header>
  );
}
