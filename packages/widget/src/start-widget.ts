import { effect } from "@preact/signals-core";
import { createClient } from "@relaydesk/client";
import { pageContext, visitorClientOptions } from "./client-options.ts";
import { mountWidget } from "./mount-widget.tsx";
import { browserTabs, createSharedClient } from "./shared-client.ts";
import { createWidgetStore } from "./store.ts";
import type { StartWidget, WidgetInstance } from "./types.ts";
import { createWidgetStorage } from "./widget-storage.ts";

/** Connect as the stored visitor (or a new one), build the store and mount the UI. */
export const startWidget: StartWidget = (options, hooks) => {
  const storage = createWidgetStorage(options.appId);
  const clientOptions = () =>
    visitorClientOptions(options, storage, pageContext(location.href, document.title));
  // One socket per browser: the tabs of the site share it (each its own where the browser cannot).
  const tabs = browserTabs(options.appId);
  const shared = tabs ? createSharedClient({ ...tabs, clientOptions }) : null;
  const client = shared ?? createClient(clientOptions());
  const store = createWidgetStore(client, storage, {
    onMessage: hooks.onMessage,
    user: options.user ?? null,
  });
  // The panel says "unavailable"; the console tells the vendor why.
  const stopReporting = client.on("failed", (failure) => {
    console.error(
      `Relaydesk: the relay refused the connection (${failure.code ?? failure.closeCode}: ${failure.reason}). ` +
        "Check data-app-id and that the relay allows this page's origin (relaydesk apps add <appId> --origin <origin>).",
    );
  });
  const unmount = mountWidget(store);
  const stopSyncing = shared?.onView((view) => store.setView(view));
  let wasOpen: boolean | null = null;
  const stopWatching = effect(() => {
    const view = { open: store.isOpen.value, unread: store.unread.value };
    if (wasOpen !== null) {
      shared?.shareView(view);
      if (view.open !== wasOpen) hooks.onOpenChange(view.open);
    }
    wasOpen = view.open;
  });
  return {
    open: () => store.open(),
    close: () => store.close(),
    toggle: () => store.toggle(),
    identify: (claim) => void store.identify(claim),
    shutdown: () => {
      stopWatching();
      stopSyncing?.();
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
