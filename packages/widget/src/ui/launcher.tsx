import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { WidgetStore } from "../types.ts";
import { ChatIcon } from "./icons.tsx";
import { useValue } from "./use-value.ts";

/** The round button bottom-right; shows how many messages arrived while the panel was closed. */
export function Launcher({ store, takeFocus }: { store: WidgetStore; takeFocus: RefObject<boolean> }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!takeFocus.current) return;
    takeFocus.current = false;
    button.current?.focus();
  }, []);
  const unread = useValue(store.unread);
  return (
    <button
      ref={button}
      type="button"
      class="rd-launcher"
      aria-label="Open chat"
      aria-describedby={unread > 0 ? "rd-unread" : undefined}
      onClick={() => store.open()}
    >
      <ChatIcon />
      {unread > 0 && (
        <span id="rd-unread" class="rd-badge">
          {unread > 9 ? "9+" : unread}
          <span class="rd-sr"> unread</span>
        </span>
      )}
    </button>
  );
}
