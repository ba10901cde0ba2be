import { effect } from "@preact/signals-core";
import { render } from "preact";
import type { WidgetStore } from "./types.ts";
import { App } from "./ui/app.tsx";
import { PANEL_CSS } from "./ui/panel-styles.ts";
import { WIDGET_CSS } from "./ui/styles.ts";
import { createWidgetParts } from "./widget-parts.ts";

/** The element the widget lives in, appended to `document.body`. */
export const HOST_TAG = "relaydesk-widget";

/**
 * Render the widget into a shadow root on its own host element. Returns `unmount`.
 *
 * The shadow root isolates styles, not scripts (DESIGN §7): the host page's CSS cannot reach in, but
 * its scripts can read everything here. It is open so the vendor's tests (and ours) can reach it.
 */
export function mountWidget(
  store: WidgetStore,
  report: (error: unknown) => void,
  strings?: unknown,
  doc: Document = document,
): MountedWidget {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: "open" });
  const addCss = (css: string) => adoptCss(root, doc, css);
  // The launcher's and the open panel's: the panel is part of widget.js, ready when the visitor opens it.
  addCss(WIDGET_CSS + PANEL_CSS);
  // Preact owns this container only: on first render it removes children it did not create.
  const container = doc.createElement("div");
  root.appendChild(container);
  const parts = createWidgetParts(addCss, store, strings, report);
  // Phones: the full-screen panel, following the on-screen keyboard, before the panel can open.
  if (matchMedia("(max-width: 480px)").matches) void parts.viewport.load();
  const stopLooking = effect(() => {
    const scheme = store.colorScheme.value;
    // On the host: its direction puts the launcher on the end side; the stylesheet picks the colours.
    host.dir = store.dir.value;
    host.lang = store.lang.value ?? "";
    host.setAttribute("data-color-scheme", scheme);
    // Plain English and light need no chunk; anything else waits for the look part (English if it fails).
    if (strings === undefined && scheme === "light" && /^en\b/i.test(store.locale.value))
      store.lang.value ??= "en";
    else
      void parts.look.load().then((look) => {
        if (!look) store.lang.value ??= "en";
      });
  });
  const unmount = () => {
    stopLooking();
    render(null, container);
    host.remove();
  };
  // Rendered before it joins the page: a widget that throws while rendering leaves nothing behind.
  render(<App store={store} parts={parts} onError={report} />, container);
  (doc.body ?? doc.documentElement).appendChild(host);
  return { root, addCss, unmount };
}

export interface MountedWidget {
  root: ShadowRoot;
  /** Adopt a stylesheet into the shadow root (after the widget's own, so it wins a tie). */
  addCss(css: string): void;
  unmount(): void;
}

/** Returns the sheet, for a part that changes its rules later through the CSSOM (null in the fallback). */
function adoptCss(root: ShadowRoot, doc: Document, css: string): CSSStyleSheet | null {
  // A constructed sheet is not an inline <style>, so a strict style-src does not block it.
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return sheet;
  }
  // Browsers before constructable stylesheets (Safari < 16.4): a <style> element, which a strict
  // style-src blocks; there the widget still works, unstyled.
  const style = doc.createElement("style");
  style.textContent = css;
  root.prepend(style);
  return null;
}
