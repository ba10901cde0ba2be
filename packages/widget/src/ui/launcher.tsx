import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { focusIfFree } from "./focus-if-free.ts";
import { ChatIcon } from "./icons.tsx";

interface LauncherProps {
  store: WidgetStore;
  takeFocus: { current: boolean };
}

/**
 * The round button bottom-right; shows how many messages arrived while the panel was closed, and,
 * greyed out, that the relay cannot be reached.
 */
export class Launcher extends Component<LauncherProps> {
  button = createRef<HTMLButtonElement>();

  override componentDidMount() {
    const { takeFocus } = this.props;
    if (!takeFocus.current) return;
    takeFocus.current = false;
    focusIfFree(this.button.current);
  }

  override render({ store }: LauncherProps) {
    const unread = store.unread.value;
    // Offline or refused: the launcher says so before the visitor opens it to write.
    const state = store.banner.value;
    // The count is drawn beside the button, not in it: a button's visible text must be part of its
    // name ("Open chat"), and screen readers hear the count as its description ("1 unread").
    return (
      <>
        <button
          ref={this.button}
          type="button"
          class="rd-launcher"
          aria-label={store.t(state ? "openChatOffline" : "openChat")}
          data-state={state ?? undefined}
          aria-describedby={unread > 0 ? "rd-unread" : undefined}
          onClick={() => store.open()}
        >
          <ChatIcon />
        </button>
        {unread > 0 && (
          <>
            <span class="rd-badge" aria-hidden="true">
              {unread > 9 ? "9+" : unread}
            </span>
            <span id="rd-unread" hidden>
              {store.t("unread", unread)}
            </span>
          </>
        )}
      </>
    );
  }
}
