import { LIMITS } from "@relaydesk/sdk-types";
import { Component, createRef } from "preact";
import type { WidgetParts, WidgetStore } from "../types.ts";
import { attachWhenReady } from "./attach-when-ready.ts";
import { focusIfFree } from "./focus-if-free.ts";
import { SendIcon } from "./icons.tsx";

interface ComposerProps {
  store: WidgetStore;
  /** The attachments part: its attach button shows, and pasted files go to it, once it has loaded. */
  files?: WidgetParts["attachments"] | undefined;
}

/** What is typed, per store: kept when the composer is remounted (the conversations part taking over the foot). */
const drafts = new WeakMap<WidgetStore, string>();

/**
 * The message field: Enter sends, Shift+Enter adds a line; Send is disabled while the text is blank.
 * With the attachments part (loaded when the panel opens): its attach button, and pasted files
 * (a screenshot) are attached.
 */
export class Composer extends Component<ComposerProps, { text: string }> {
  override state = { text: drafts.get(this.props.store) ?? "" };
  field = createRef<HTMLTextAreaElement>();

  override componentDidMount() {
    // Take the focus when the visitor opened the panel or a conversation, not when the page opened
    // it while the visitor was typing somewhere else on it.
    focusIfFree(this.field.current);
  }

  type(text: string) {
    drafts.set(this.props.store, text);
    this.setState({ text });
  }

  submit() {
    const { text } = this.state;
    if (text.trim() === "") return;
    void this.props.store.send(text);
    this.type("");
  }

  override render({ store, files }: ComposerProps, { text }: { text: string }) {
    const attachments = files?.module;
    return (
      <form
        class="rd-composer"
        onSubmit={(event) => {
          event.preventDefault();
          this.submit();
        }}
      >
        {attachments && <attachments.AttachButton store={store} />}
        <textarea
          ref={this.field}
          class="rd-input"
          aria-label={store.t("message")}
          placeholder={store.t("placeholder")}
          rows={1}
          maxLength={LIMITS.maxBodyChars}
          value={text}
          onInput={(event) => this.type(event.currentTarget.value)}
          // Pasted files (a screenshot) are attached; pasted text is left to the field.
          onPaste={(event) =>
            attachWhenReady(store, files, event.clipboardData?.files) && event.preventDefault()
          }
          onKeyDown={(event) => {
            // isComposing: Enter that confirms an IME composition is not a send.
            if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            this.submit();
          }}
        />
        <button type="submit" class="rd-send" aria-label={store.t("send")} disabled={text.trim() === ""}>
          <SendIcon />
        </button>
      </form>
    );
  }
}
