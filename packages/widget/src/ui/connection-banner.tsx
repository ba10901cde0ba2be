import type { WidgetStore } from "../types.ts";

/** A one-line notice while the connection is lost. The live region stays mounted so changes are announced. */
export function ConnectionBanner({ store }: { store: WidgetStore }) {
  const state = store.banner.value;
  return (
    <p class="rd-banner" role="status" data-state={state ?? undefined}>
      {state ? store.t(state === "failed" ? "unavailable" : "reconnecting") : ""}
    </p>
  );
}
