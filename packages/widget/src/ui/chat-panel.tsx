import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { ClosedNote } from "./closed-note.tsx";
import { Composer } from "./composer.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { ConversationList } from "./conversation-list.tsx";
import { BackIcon, CloseIcon } from "./icons.tsx";
import { MessageList } from "./message-list.tsx";

interface ChatPanelProps {
  store: WidgetStore;
  returnFocus: { current: boolean };
}

/**
 * The open panel. In a conversation: who answers, the connection banner, the messages and the
 * composer (a note instead when it is closed), with a way back to the list. Or the list of the
 * visitor's conversations. Escape closes it.
 */
export class ChatPanel extends Component<ChatPanelProps> {
  panel = createRef<HTMLDivElement>();

  override componentWillUnmount() {
    // Runs before Preact removes the panel, while the focused element is still inside it.
    const node = this.panel.current;
    const root = node?.getRootNode() as Document | ShadowRoot | undefined;
    this.props.returnFocus.current = !!node && !!root?.activeElement && node.contains(root.activeElement);
  }

  override render({ store }: ChatPanelProps) {
    const chat = store.screen.value === "chat";
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
          {chat && (
            <button
              type="button"
              class="rd-icon"
              aria-label="Your conversations"
              onClick={() => store.showList()}
            >
              <BackIcon />
            </button>
          )}
          <h2 class="rd-title">{chat ? (store.agentName.value ?? "Support") : "Your conversations"}</h2>
          <button type="button" class="rd-icon" aria-label="Close chat" onClick={() => store.close()}>
            <CloseIcon />
          </button>
        </header>
        <ConnectionBanner store={store} />
        {chat ? (
          <>
            <MessageList store={store} />
            {store.conversation.value?.status === "closed" ? (
              <ClosedNote store={store} />
            ) : (
              <Composer store={store} />
            )}
          </>
        ) : (
          <ConversationList store={store} />
        )}
      </div>
    );
  }
}
