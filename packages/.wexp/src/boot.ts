import { installRelaydesk } from "./install-relaydesk.ts";
import { forgetVisitor, startWidget } from "./start-widget.ts";
import type { BootOptions, RelaydeskApi, RelaydeskWindow } from "./types.ts";

/** What `boot` returns: the same commands as `window.Relaydesk`, as methods (these throw on misuse). */
export type RelaydeskHandle = Omit<RelaydeskApi, "boot" | "booted">;

/**
 * Boot the widget from an npm/ESM app. It shares `window.Relaydesk` with the script-tag route, so a
 * page never gets two widgets: a second `boot` warns and returns a handle to the first.
 * Throws `WidgetError` for invalid options.
 *
 * @example
 * import { boot } from "@relaydesk/widget";
 * const chat = boot({ appId: "acme", relayUrl: "https://support.example.com" });
 * chat.on("message", (message) => console.log(message.body));
 * chat.open();
 */
export function boot(options: BootOptions): RelaydeskHandle {
  const relaydesk = installRelaydesk(window as RelaydeskWindow, document, {
    start: startWidget,
    forget: forgetVisitor,
    autoBoot: false,
  });
  const api = relaydesk.api as RelaydeskApi;
  api.boot(options);
  return {
    open: () => api.open(),
    close: () => api.close(),
    toggle: () => api.toggle(),
    identify: (claim) => api.identify(claim),
    on: (event, handler) => api.on(event, handler),
    off: (event, handler) => api.off(event, handler),
    shutdown: () => api.shutdown(),
  };
}
