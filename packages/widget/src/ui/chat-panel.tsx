import { Component, createRef } from "preact";
import type { WidgetParts, WidgetStore } from "../types.ts";
import { Composer } from "./composer.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { BackIcon, CloseIcon } from "./icons.tsx";
import { MessageList } from "./message-list.tsx";

interface ChatPanelProps {
  store: WidgetStore;
  parts: WidgetParts;
  returnFocus: { current: boolean };
}

/**
 * The open panel. In a conversation: who answers, the connection banner, the messages and the
 * composer (a note instead when it is closed), with a way back to the list. Or the list of the
 * visitor's conversations. The list and the note are a lazy part, fetched when the panel opens, so
 * they are usually ready when wanted; when fetching failed (offline), the list button says so and
 * tries again. Escape closes the panel.
 */
export class ChatPanel extends Component<ChatPanelProps> {
  panel = createRef<HTMLDivElement>();

  override componentDidMount() {
    void this.props.parts.conversations.load();
  }

  override componentWillUnmount() {
    // Runs before Preact removes the panel, while the focused element is still inside it.
    const node = this.panel.current;
    const root = node?.getRootNode() as Document | ShadowRoot | undefined;
    this.props.returnFocus.current = !!node && !!root?.activeElement && node.contains(root.activeElement);
  }

  override render({ store, parts }: ChatPanelProps) {
    const more = parts.conversations;
    const chat = store.screen.value === "chat" || !more.module;
    const failed = more.state.value === "failed";
    const files = parts.attachments;
    // Picked, dropped or pasted files: checked and uploaded by the attachments part.
    const attach = (list?: FileList | null) => {
      const picked = [...(list ?? [])];
      if (picked.length) void files.load().then((loaded) => loaded?.uploadsFor(store).add(picked));
    };
    return (
      <div
        ref={this.panel}
        class="rd-panel"
        role="dialog"
        aria-label="Chat"
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          attach(event.dataTransfer?.files);
        }}
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
              aria-label={failed ? "Your conversations: could not load, try again" : "Your conversations"}
              data-state={failed ? "failed" : undefined}
              onClick={() => more.load().then((loaded) => loaded && store.showList())}
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
            <MessageList store={store} parts={parts} />
            {files.module && <files.module.AttachmentTray store={store} />}
            {/* Until the note has loaded, the composer: a message sent there starts a new conversation. */}
            {store.conversation.value?.status === "closed" && more.module ? (
              <more.module.ClosedNote store={store} />
            ) : (
              <Composer store={store} onFiles={attach} />
            )}
          </>
        ) : (
          more.module && <more.module.ConversationList store={store} />
        )}
      </div>
    );
  }
}
