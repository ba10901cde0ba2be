/**
 * Browsers know when the network is gone: retrying then only burns through the backoff, and
 * when it returns, waiting out a long backoff delay leaves the user offline for nothing. Both are
 * no-ops where there is no `window` or `navigator.onLine` (Node, workers without it).
 */
export function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/** Run `handler` on the window's `online` event; returns the function that stops listening. */
export function onOnline(handler: () => void): () => void {
  if (typeof window === "undefined" || typeof window.addEventListener !== "function") return () => {};
  const target = window;
  target.addEventListener("online", handler);
  return () => target.removeEventListener("online", handler);
}
