import { effect } from "@preact/signals-core";
import { Component } from "preact";
import type { WidgetParts, WidgetStore } from "../types.ts";
import { ChatPanel } from "./chat-panel.tsx";
import { Launcher } from "./launcher.tsx";

/**
 * The launcher while closed, the panel while open, and above the launcher the card of a reply that
 * came while closed (the preview part). The one component that watches the store: any
 * value the widget shows changes, the (small) tree renders again. Components are classes, and the
 * store is read directly rather than through hooks or @preact/signals' Preact integration: those
 * two cost about 2 kB gzip of the 20 kB budget for a handful of values and refs.
 */
interface AppProps {
  store: WidgetStore;
  parts: WidgetParts;
  /** A render that threw: the widget hides itself and reports it, the page goes on. */
  onError: (error: unknown) => void;
}

export class App extends Component<AppProps> {
  /** Set by the panel when it closes with focus inside it, so the launcher takes the focus back. */
  returnFocus = { current: false };
  stop = () => {};

  override componentDidMount() {
    const { store, parts } = this.props;
    this.stop = effect(() => {
      shown(store, parts);
      parts.conversations.state.value;
      parts.attachments.state.value;
      parts.markdown.state.value;
      // A reply while closed: its card's part is fetched with the first one.
      if (previewed(store, this.dismissed) && parts.preview.state.value === "idle") void parts.preview.load();
      parts.preview.state.value;
      this.forceUpdate();
    });
  }

  override componentWillUnmount() {
    this.stop();
  }

  override componentDidCatch(error: unknown) {
    this.stop();
    this.failed = true;
    // Marks the error handled (Preact rethrows it otherwise) and renders nothing.
    this.forceUpdate();
    this.props.onError(error);
  }

  failed = false;
  /** The id of the reply whose card the visitor dismissed: the next one shows again. */
  dismissed: string | null = null;

  override render({ store, parts }: AppProps) {
    // Nothing until the language's pack is there: no flash of English, no launcher jumping sides.
    if (this.failed || !store.lang.value) return null;
    const said = store.incoming.value;
    const preview = parts.preview.module;
    return (
      <>
        {store.isOpen.value ? (
          <ChatPanel store={store} parts={parts} returnFocus={this.returnFocus} />
        ) : (
          store.launcher.value && <Launcher store={store} takeFocus={this.returnFocus} />
        )}
        {said && preview && previewed(store, this.dismissed) && (
          <preview.MessagePreview
            store={store}
            message={said}
            onDismiss={() => {
              this.dismissed = said.id;
              this.forceUpdate();
            }}
          />
        )}
        {/* Mounted before anything is said, so screen readers announce each new message from support. */}
        <p class="rd-sr" aria-live="polite">
          {said && `${said.author.name ?? store.t("support")}: ${said.body}`}
        </p>
      </>
    );
  }
}

/** Whether the latest reply gets a card: it came while the panel was closed, and was not dismissed. */
function previewed(store: WidgetStore, dismissed: string | null): boolean {
  const said = store.incoming.value;
  return (
    !!said && !store.isOpen.value && store.launcher.value && store.unread.value > 0 && said.id !== dismissed
  );
}

/** Reads every value the widget shows, so the effect that calls it runs again when one changes. */
function shown(store: WidgetStore, parts: WidgetParts): unknown[] {
  return [
    store.isOpen.value,
    store.screen.value,
    store.conversation.value,
    store.banner.value,
    store.unread.value,
    store.messages.value,
    store.incoming.value,
    store.lang.value,
    store.launcher.value,
    store.greeting.value,
    // Summing up every conversation costs a pass over all messages: only while the list shows.
    store.screen.value === "list" && parts.conversations.module?.summariesOf(store).value,
  ];
}
