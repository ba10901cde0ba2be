import { effect } from "@preact/signals-core";
import { createClient } from "@relaydesk/client";
import { pageContext, visitorClientOptions } from "./client-options.ts";
import { mountWidget } from "./mount-widget.tsx";
import { createWidgetStore } from "./store.ts";
import type { StartWidget, WidgetInstance } from "./types.ts";
import { createWidgetStorage } from "./widget-storage.ts";

/** Connect as the stored visitor (or a new one), build the store and mount the UI. */
export const startWidget: StartWidget = (options, hooks) => {
  const storage = createWidgetStorage(options.appId);
  const client = createClient(
    visitorClientOptions(options, storage, pageContext(location.href, document.title)),
  );
  const store = createWidgetStore(client, storage, { onMessage: hooks.onMessage });
  // The panel says "unavailable"; the console tells the vendor why.
  const stopReporting = client.on("failed", (failure) => {
    console.error(
      `Relaydesk: the relay refused the connection (${failure.code ?? failure.closeCode}: ${failure.reason}). ` +
        "Check data-app-id and that the relay allows this page's origin (relaydesk apps add <appId> --origin <origin>).",
    );
  });
  const unmount = mountWidget(store);
  let first = true;
  const stopWatching = effect(() => {
    const isOpen = store.isOpen.value;
    if (!first) hooks.onOpenChange(isOpen);
    first = false;
  });
  return {
    open: () => store.open(),
    close: () => store.close(),
    toggle: () => store.toggle(),
    shutdown: () => {
      stopWatching();
      stopReporting();
      store.shutdown();
      unmount();
    },
  } satisfies WidgetInstance;
};

/** Forget an app's visitor without a mounted widget (`shutdown` before `boot`). */
export function forgetVisitor(appId: string): void {
  createWidgetStorage(appId).clear();
}
