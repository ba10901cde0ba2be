import { useRef } from "preact/hooks";
import type { WidgetStore } from "../types.ts";
import { ChatPanel } from "./chat-panel.tsx";
import { Launcher } from "./launcher.tsx";
import { useValue } from "./use-value.ts";

/** The launcher while closed, the panel while open. */
export function App({ store }: { store: WidgetStore }) {
  // Set by the panel when it closes with focus inside it, so the launcher takes the focus back.
  const returnFocus = useRef(false);
  return useValue(store.isOpen) ? (
    <ChatPanel store={store} returnFocus={returnFocus} />
  ) : (
    <Launcher store={store} takeFocus={returnFocus} />
  );
}
