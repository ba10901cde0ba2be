import type { WidgetParts, WidgetStore } from "../types.ts";

/**
 * Files dropped on the panel or pasted into the composer. The attachments part loads as the panel
 * opens; files that come before it wait for it, rather than being lost (or, for a drop, opened by
 * the browser in place of the page). The list is copied at once: a drop's files are gone once its
 * event has been handled. Returns whether there were files, so that a paste of text is left alone.
 */
export function attachWhenReady(
  store: WidgetStore,
  files: WidgetParts["attachments"] | undefined,
  list?: FileList | null,
): boolean {
  const picked = [...(list ?? [])];
  if (picked.length && files) void files.load().then((loaded) => loaded?.attachFiles(store, picked));
  return picked.length > 0;
}
