import { Component, createRef } from "preact";
import type { WidgetParts, WidgetStore } from "../types.ts";
import { attachWhenReady } from "./attach-when-ready.ts";
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
    const { parts } = this.props;
    void parts.conversations.load();
    void parts.attachments.load();
    void parts.markdown.load();
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
    const { t } = store;
    const files = parts.attachments;
    const attachments = files.module;
    return (
      <div
        ref={this.panel}
        class="rd-panel"
        role="dialog"
        aria-label={t("chat")}
        lang={store.lang.value ?? undefined}
        dir={store.dir.value}
        // Files dropped on the panel go to the attachments part, also before it has loaded.
        onDragOver={(event) => event.preventDefault()}
        onDrop={(event) => {
          event.preventDefault();
          attachWhenReady(store, files, event.dataTransfer?.files);
        }}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          event.stopPropagation();
          store.close();
        }}
      >
        <div class="rd-header">
          {chat && (
            <button
              type="button"
              class="rd-icon"
              aria-label={t(failed ? "conversationsFailed" : "conversations")}
              data-state={failed ? "failed" : undefined}
              onClick={() => more.load().then((loaded) => loaded && store.showList())}
            >
              <BackIcon />
            </button>
          )}
          <h2 class="rd-title">{chat ? (store.agentName.value ?? t("support")) : t("conversations")}</h2>
          <button type="button" class="rd-icon" aria-label={t("closeChat")} onClick={() => store.close()}>
            <CloseIcon />
          </button>
        </div>
        <ConnectionBanner store={store} />
        {chat ? (
          <>
            <MessageList store={store} parts={parts} />
            {attachments && <attachments.AttachmentTray store={store} />}
            {/* Until the part has loaded, the composer: a message sent there starts a new conversation. */}
            {more.module ? (
              <more.module.ExtrasFoot store={store} files={files} />
            ) : (
              <Composer store={store} files={files} />
            )}
          </>
        ) : (
          more.module && <more.module.ConversationList store={store} />
        )}
      </div>
    );
  }
}
