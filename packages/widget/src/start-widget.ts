import { effect } from "@preact/signals-core";
import { createClient } from "@relaydesk/client";
import { pageContext, visitorClientOptions } from "./client-options.ts";
import { lazyPart } from "./lazy-part.ts";
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
    onMessage: (message) => {
      hooks.onMessage(message);
      void attention.then((watching) => watching?.notice(message));
    },
    user: options.user ?? null,
    relay: { url: options.relayUrl, appId: options.appId },
  });
  // Title flash, sound and notifications while the site is hidden: a chunk of their own, fetched
  // as soon as widget.js has run (every tab: visible ones must say so to the others at once).
  const attention = lazyPart(() => import("./attention.ts"))
    .load()
    .then((part) => part?.watchAttention(store, options, shared));
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
      void attention.then((watching) => watching?.stop());
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
