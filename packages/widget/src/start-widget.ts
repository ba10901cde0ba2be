import { effect } from "@preact/signals-core";
import { type ClockSource, pageContext, visitorClientOptions, visitorTimeZone } from "./client-options.ts";
import { lazyPart } from "./lazy-part.ts";
import { mountWidget } from "./mount-widget.tsx";
import { createWidgetStore } from "./store.ts";
import { browserTabs, createTabClient } from "./tab-client.ts";
import type { ColorScheme, StartWidget, WidgetInstance } from "./types.ts";
import { WidgetError } from "./widget-error.ts";
import { extrasPart } from "./widget-parts.ts";
import { createWidgetStorage } from "./widget-storage.ts";

/**
 * Connect as the stored visitor (or a new one), build the store and mount the UI. Throws when it
 * cannot mount (nothing is left behind then: no socket, no element).
 */
export const startWidget: StartWidget = (options, { emit, report }) => {
  const storage = createWidgetStorage(options.appId);
  // Kept by reference in every `hello`: `update({ page })` changes what the next one says.
  const page = pageContext(
    location.href,
    document.title,
    visitorTimeZone({
      Temporal: (globalThis as Partial<ClockSource>).Temporal,
      offsetMinutes: new Date().getTimezoneOffset(),
    }),
  );
  const clientOptions = () => visitorClientOptions(options, storage, page);
  // One socket per browser: the tabs of the site share it (each its own where the browser cannot).
  const client = createTabClient({ tabs: browserTabs(options.appId), clientOptions });
  const store = createWidgetStore(client, storage, {
    onMessage: (message) => {
      emit("message", message);
      void attention.then((watching) => watching?.notice(message));
    },
    onConversation: (conversation, change) => emit(`conversation-${change}`, conversation),
    user: options.user ?? null,
    // Checked in the look chunk, which logs a bad value (look.ts).
    locale: (options.locale ?? navigator.language) as string,
    colorScheme: (options.colorScheme ?? "light") as ColorScheme,
    relay: { url: options.relayUrl, appId: options.appId },
  });
  // Title flash, sound and notifications while the site is hidden: a chunk of their own, fetched
  // as soon as widget.js has run (every tab: visible ones must say so to the others at once).
  const attention = lazyPart(() => import("./attention.ts"))
    .load()
    .then((part) => part?.watchAttention(store, options, client));
  // The panel says "unavailable"; the console and the `error` event tell the vendor why, in the
  // words of the extras chunk (a relay that refuses still serves it).
  const stopReporting = client.on("failed", (failure) => {
    void extrasPart
      .load()
      .then((extras) =>
        report(extras?.refusal(failure) ?? new WidgetError("connection-refused", failure.reason)),
      );
  });
  // With display options (any option but these) the launcher waits for them: no flash in the wrong
  // corner, or at all.
  const display = Object.keys(options).some(
    (key) => !/^(appId|relayUrl|user|sound|notifications|locale|colorScheme|strings)$/.test(key),
  );
  if (display) store.launcher.value = false;
  let mounted: ReturnType<typeof mountWidget>;
  try {
    mounted = mountWidget(store, report, options.strings);
  } catch (error) {
    store.dispose();
    throw error;
  }
  const run = (command: string, args: unknown[]) =>
    extrasPart.load().then((extras) => {
      if (!extras) {
        store.launcher.value = true;
        throw new WidgetError("widget-failed", `could not load "${command}"`);
      }
      return extras.runCommand({ store, page, report, ...mounted }, command, args);
    });
  // The display options are applied by the extras chunk as its "boot".
  if (display) run("boot", [options]).catch(report);
  const stopSyncing = client.onView((view) => store.setView(view));
  let last: { open: boolean; unread: number } | null = null;
  const stopWatching = effect(() => {
    const view = { open: store.isOpen.value, unread: store.unread.value };
    if (last) {
      client.shareView(view);
      if (view.open !== last.open) emit(view.open ? "open" : "close", undefined);
      if (view.unread !== last.unread) emit("unread-count", view.unread);
    }
    last = view;
  });
  return {
    open: () => store.open(),
    close: () => store.close(),
    toggle: () => store.toggle(),
    identify: (claim) => void store.identify(claim),
    run,
    shutdown: () => {
      void attention.then((watching) => watching?.stop());
      stopWatching();
      stopSyncing();
      stopReporting();
      store.shutdown();
      mounted.unmount();
    },
  } satisfies WidgetInstance;
};

/** Forget an app's visitor without a mounted widget (`shutdown` before `boot`). */
export function forgetVisitor(appId: string): void {
  createWidgetStorage(appId).clear();
}
