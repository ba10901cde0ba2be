import { render } from "preact";
import type { WidgetStore } from "./types.ts";
import { App } from "./ui/app.tsx";
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
  doc: Document = document,
): MountedWidget {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: "open" });
  const addCss = (css: string) => adoptCss(root, doc, css);
  addCss(WIDGET_CSS);
  // Preact owns this container only: on first render it removes children it did not create.
  const container = doc.createElement("div");
  root.appendChild(container);
  const unmount = () => {
    render(null, container);
    host.remove();
  };
  // Rendered before it joins the page: a widget that throws while rendering leaves nothing behind.
  render(<App store={store} parts={createWidgetParts(addCss)} onError={report} />, container);
  (doc.body ?? doc.documentElement).appendChild(host);
  return { root, addCss, unmount };
}

export interface MountedWidget {
  root: ShadowRoot;
  /** Adopt a stylesheet into the shadow root (after the widget's own, so it wins a tie). */
  addCss(css: string): void;
  unmount(): void;
}

function adoptCss(root: ShadowRoot, doc: Document, css: string): void {
  // A constructed sheet is not an inline <style>, so a strict style-src does not block it.
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  // Browsers before constructable stylesheets (Safari < 16.4): a <style> element, which a strict
  // style-src blocks; there the widget still works, unstyled.
  const style = doc.createElement("style");
  style.textContent = css;
  root.prepend(style);
}
