import type { WidgetStore } from "../types.ts";

const TEXT = {
  reconnecting: "Reconnecting…",
  failed: "Chat is unavailable right now.",
} as const;

/** A one-line notice while the connection is lost. The live region stays mounted so changes are announced. */
export function ConnectionBanner({ store }: { store: WidgetStore }) {
  const state = store.banner.value;
  return (
    <p class="rd-banner" role="status" data-state={state ?? undefined}>
      {state ? TEXT[state] : ""}
    </p>
  );
}
