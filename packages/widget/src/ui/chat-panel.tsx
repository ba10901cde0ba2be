import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { Composer } from "./composer.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { CloseIcon } from "./icons.tsx";
import { MessageList } from "./message-list.tsx";

interface ChatPanelProps {
  store: WidgetStore;
  returnFocus: { current: boolean };
}

/** The open chat: who answers, the connection banner, the messages and the composer. Escape closes it. */
export class ChatPanel extends Component<ChatPanelProps> {
  panel = createRef<HTMLDivElement>();

  override componentWillUnmount() {
    // Runs before Preact removes the panel, while the focused element is still inside it.
    const node = this.panel.current;
    const root = node?.getRootNode() as Document | ShadowRoot | undefined;
    this.props.returnFocus.current = !!node && !!root?.activeElement && node.contains(root.activeElement);
  }

  override render({ store }: ChatPanelProps) {
    return (
      <div
        ref={this.panel}
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
          <h2 class="rd-title">{store.agentName.value ?? "Support"}</h2>
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
}
