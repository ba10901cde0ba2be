import { installRelaydesk } from "./install-relaydesk.ts";
import { forgetVisitor, startWidget } from "./start-widget.ts";
import type {
  BootOptions,
  ExtraCommand,
  RelaydeskApi,
  RelaydeskController,
  RelaydeskWindow,
} from "./types.ts";

/** What `boot` returns: the same commands as `window.Relaydesk`, as methods. */
export type RelaydeskHandle = Omit<RelaydeskApi, "boot" | "booted">;

/**
 * Boot the widget from an npm/ESM app. It shares `window.Relaydesk` with the script-tag route, so a
 * page never gets two widgets: a second `boot` warns and returns a handle to the first.
 * Throws `WidgetError` for invalid `appId`/`relayUrl`, and the handle's core methods (`open` …
 * `shutdown`) throw for a misuse; the extras commands (`update` … `setColorScheme`) and the display
 * options are checked in the extras chunk, which logs a mistake and emits `error`.
 *
 * @example
 * import { boot } from "@relaydesk/widget";
 * const chat = boot({ appId: "acme", relayUrl: "https://support.example.com" });
 * chat.on("message", (message) => console.log(message.body));
 * chat.showNewMessage("I have a question about my invoice");
 */
export function boot(options: BootOptions): RelaydeskHandle {
  const relaydesk = installRelaydesk(window as RelaydeskWindow, {
    start: startWidget,
    forget: forgetVisitor,
    autoBoot: false,
  });
  const api = relaydesk.api as RelaydeskController;
  api.boot(options);
  const extra =
    (command: ExtraCommand) =>
    (...args: unknown[]) =>
      api.run(command, args);
  return {
    open: () => api.open(),
    close: () => api.close(),
    toggle: () => api.toggle(),
    identify: (claim) => api.identify(claim),
    on: (event, handler) => api.on(event, handler),
    once: (event, handler) => api.once(event, handler),
    off: (event, handler) => api.off(event, handler),
    shutdown: () => api.shutdown(),
    update: extra("update"),
    showLauncher: extra("showLauncher"),
    hideLauncher: extra("hideLauncher"),
    showNewMessage: extra("showNewMessage"),
    sendMessage: extra("sendMessage"),
    setLocale: extra("setLocale"),
    setColorScheme: extra("setColorScheme"),
  };
}
