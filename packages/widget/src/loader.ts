// Entry of dist/loader.js, the tag vendors paste:
//   <script async src="https://relay.example.com/widget/loader.js" data-app-id="acme"></script>
// Before the page is idle it only installs the command queue and registers listeners; widget.js
// (same directory) reads the tag's config and replays the queue.
import { LOADER_SELECTOR, parseLoaderConfig, widgetScriptUrl } from "./loader-config.ts";
import type { RelaydeskGlobal, RelaydeskWindow } from "./types.ts";

const INTERACTIONS = ["pointerdown", "keydown", "touchstart", "focusin"] as const;
/** Longest wait for an idle period after `load` before widget.js is fetched anyway. */
const IDLE_TIMEOUT_MS = 3000;

function runLoader(win: Window & RelaydeskWindow, doc: Document): void {
  const existing = win.Relaydesk;
  // The snippet ran again (SPA navigation) or the widget is already live: nothing more to do.
  if (existing?.loaded) return;
  // currentScript is set while this classic script first runs, async or not; the query covers a
  // tag it misses (one inside a shadow tree).
  const script =
    (doc.currentScript as HTMLScriptElement | null) ?? doc.querySelector<HTMLScriptElement>(LOADER_SELECTOR);
  if (!script?.src) {
    console.error(
      'Relaydesk: loader.js must be included with <script src=".../widget/loader.js" data-app-id="…">',
    );
    return;
  }
  // Keep what the vendor's own stub queued: Relaydesk.q is the one queue, whoever pushed first.
  const queue: ArrayLike<unknown>[] = Array.isArray(existing?.q) ? existing.q : [];
  const stub: RelaydeskGlobal = (...args: unknown[]) => {
    queue.push(args);
  };
  stub.q = queue;
  stub.config = parseLoaderConfig(script.src, script.dataset);
  stub.loaded = true;
  win.Relaydesk = stub;

  let started = false;
  const load = () => {
    if (started) return;
    started = true;
    for (const type of INTERACTIONS) doc.removeEventListener(type, load, true);
    const tag = doc.createElement("script");
    // A module: its lazy parts are `import()`ed relative to its URL (fetched with CORS from the relay).
    tag.type = "module";
    tag.src = widgetScriptUrl(script.src);
    // A nonce-based host CSP lets through scripts that carry its nonce.
    if (script.nonce) tag.nonce = script.nonce;
    (doc.head ?? doc.documentElement).appendChild(tag);
  };
  for (const type of INTERACTIONS) doc.addEventListener(type, load, { capture: true, passive: true });
  const whenIdle = () => {
    if (win.requestIdleCallback) win.requestIdleCallback(load, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(load, 1);
  };
  if (doc.readyState === "complete") whenIdle();
  else win.addEventListener("load", whenIdle, { once: true });
}

runLoader(window, document);
