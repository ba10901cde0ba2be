import type { ConsoleStore } from "../store.ts";
import { ConnectionStatus } from "./connection-status.tsx";

export function TopBar({ store }: { store: ConsoleStore }) {
  const self = store.session.value?.self;
  return (
    <header class="topbar">
      <span class="brand">Relaydesk</span>
      <ConnectionStatus store={store} />
      <span class="topbar-agent">{self?.name ?? ""}</span>
      <button type="button" class="button-quiet" onClick={() => store.signOut()}>
        Sign out
      </button>
    </header>
  );
}
