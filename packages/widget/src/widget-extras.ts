// The extras chunk: what only some pages use, fetched on first use (widget-parts.ts `extrasPart`):
// the display options of `boot`, the less common commands, and the hint for a mistyped command.
import type { ClientFailure } from "@relaydesk/client";
import { describe } from "./boot-options.ts";
import { closestName } from "./closest-name.ts";
import { checkDisplayOptions, displayCss } from "./display-options.ts";
import { checkCommand, EXTRA_COMMANDS } from "./extra-commands.ts";
import type { ExtraCommand, RelaydeskCommand, WidgetStore } from "./types.ts";
import { WidgetError } from "./widget-error.ts";

/** What the extras act on: one mounted widget. */
export interface ExtrasContext {
  store: WidgetStore;
  /** The page context sent in every `hello` (kept by reference by the client options). */
  page: { url: string; title?: string };
  root: ShadowRoot;
  addCss(css: string): void;
  unmount(): void;
  report(error: unknown): void;
}

/** Every command of `window.Relaydesk`, in the order the README lists them. */
export const COMMANDS: readonly RelaydeskCommand[] = [
  "boot",
  "open",
  "close",
  "toggle",
  "identify",
  "on",
  "once",
  "off",
  "shutdown",
  ...EXTRA_COMMANDS,
];

/** The error for a command name that is none of ours, naming the closest one. */
export function unknownCommand(command: string): WidgetError {
  const near = closestName(command, COMMANDS);
  return new WidgetError(
    "unknown-command",
    `unknown command ${describe(command)}${near ? `; did you mean "${near}"?` : ""} (commands: ${COMMANDS.join(", ")})`,
  );
}

/** Why the relay refused the connection, and what the vendor can check. */
export function refusal(failure: ClientFailure): WidgetError {
  return new WidgetError(
    "connection-refused",
    `the relay refused the connection (${failure.code ?? failure.closeCode}: ${failure.reason}). ` +
      "Check data-app-id and that the relay allows this page's origin (relaydesk apps add <appId> --origin <origin>).",
  );
}

/**
 * Check and apply the display options: placement and colours as a stylesheet adopted by the shadow
 * root (CSSOM: no style attribute, no <style>, so a strict CSP holds), the launcher and greeting
 * (language and colour scheme go through the store to the look chunk). A bad option is reported
 * and left out.
 */
export function applyDisplay(context: ExtrasContext, given: Record<string, unknown>): void {
  const { store, root, addCss, report } = context;
  // Shut down before this chunk arrived: nothing to apply.
  if (!root.host.isConnected) return;
  const { settings, errors } = checkDisplayOptions(given);
  for (const error of errors) report(error);
  const css = displayCss(settings);
  if (css) addCss(css);
  if (settings.greeting) store.greeting.value = settings.greeting;
  store.launcher.value = !settings.hideLauncher && !settings.launcher;
  if (settings.openOnLoad) store.open();
  if (settings.launcher) watchLauncher(context, settings.launcher);
}

/** Carry out an extras command; a bad argument throws `WidgetError` (reported by the API). */
export async function runCommand(context: ExtrasContext, command: string, args: unknown[]): Promise<void> {
  const { store, page, root } = context;
  // widget.js's own call, with the display options of `boot`.
  if (command === "boot") return applyDisplay(context, args[0] as Record<string, unknown>);
  if (!EXTRA_COMMANDS.includes(command as ExtraCommand)) throw unknownCommand(command);
  const checked = checkCommand(command as ExtraCommand, args, location.href);
  if (!root.host.isConnected) return;
  switch (checked.command) {
    case "update":
      // The page the visitor is on now: told to the relay at once (`page-view`: agents see it on
      // the visitor's open conversations), and in every later `hello` (reconnect, another tab).
      if (checked.page) {
        page.url = checked.page.url;
        if (checked.page.title === undefined) delete page.title;
        else page.title = checked.page.title;
        store.client.pageView(checked.page);
      }
      return;
    case "showLauncher":
    case "hideLauncher":
      store.launcher.value = checked.command === "showLauncher";
      return;
    case "sendMessage":
      void store.send(checked.text);
      return;
    // The store's signals drive the look (mount-widget.tsx, look.ts): host lang, dir, data-color-scheme.
    case "setLocale":
      store.locale.value = checked.locale;
      return;
    case "setColorScheme":
      store.colorScheme.value = checked.scheme;
      return;
    case "showNewMessage":
      return showNewMessage(context, checked.prefill);
  }
}

async function showNewMessage({ store, root }: ExtrasContext, prefill: string): Promise<void> {
  if (store.screen.peek() !== "chat" || store.conversation.peek()?.status === "closed") store.startNew();
  store.open();
  // The composer renders on the next frame of Preact's queue; it is filled as if typed, so it keeps
  // the text in its own state.
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const field = root.querySelector("textarea");
    if (!field) continue;
    field.value = prefill;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    return;
  }
}

/**
 * Clicks on the vendor's own launcher (any element matching, also ones added later) toggle the
 * panel. After `shutdown` the first click removes the listener.
 */
function watchLauncher({ store, root }: ExtrasContext, selector: string): void {
  const onClick = (event: Event) => {
    if (!root.host.isConnected) {
      document.removeEventListener("click", onClick);
      return;
    }
    const target = event.target as Element | null;
    if (!target?.closest?.(selector)) return;
    event.preventDefault();
    store.toggle();
  };
  document.addEventListener("click", onClick);
}
