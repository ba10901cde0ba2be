import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { WidgetStore } from "../types.ts";
import { Composer } from "./composer.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { CloseIcon } from "./icons.tsx";
import { MessageList } from "./message-list.tsx";
import { useValue } from "./use-value.ts";

/** The open chat: who answers, the connection banner, the messages and the composer. Escape closes it. */
export function ChatPanel({ store, returnFocus }: { store: WidgetStore; returnFocus: RefObject<boolean> }) {
  const panel = useRef<HTMLDivElement>(null);
  const agentName = useValue(store.agentName);
  useEffect(
    () => () => {
      // Runs before Preact removes the panel, while the focused element is still inside it.
      const node = panel.current;
      const root = node?.getRootNode() as Document | ShadowRoot | undefined;
      returnFocus.current = !!node && !!root?.activeElement && node.contains(root.activeElement);
    },
    [],
  );
  return (
    <div
      ref={panel}
      class="rd-panel"
      role="dialog"
      aria-label="Chat"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        store.close();
      }}
    >
      <header class="rd-header">
        <h2 class="rd-title">{agentName ?? "Support"}</h2>
        <button type="button" class="rd-close" aria-label="Close chat" onClick={() => store.close()}>
          <CloseIcon />
        </button>
      </header>
      <ConnectionBanner store={store} />
      <MessageList store={store} />
      <Composer store={store} />
    </div>
  );
}
