import { LIMITS } from "@relaydesk/sdk-types";
import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { focusIfFree } from "./focus-if-free.ts";
import { PlusIcon, SendIcon } from "./icons.tsx";

interface ComposerProps {
  store: WidgetStore;
  /** Files picked with the attach button or pasted into the field. */
  onFiles: (files?: FileList | null) => void;
}

/**
 * The message field: Enter sends, Shift+Enter adds a line; Send is disabled while the text is blank.
 * The attach button picks files; pasting files (a screenshot) attaches them too.
 */
export class Composer extends Component<ComposerProps, { text: string }> {
  override state = { text: "" };
  field = createRef<HTMLTextAreaElement>();

  override componentDidMount() {
    // Take the focus when the visitor opened the panel or a conversation, not when the page opened
    // it while the visitor was typing somewhere else on it.
    focusIfFree(this.field.current);
  }

  submit() {
    const { text } = this.state;
    if (text.trim() === "") return;
    void this.props.store.send(text);
    this.setState({ text: "" });
  }

  override render({ onFiles }: ComposerProps, { text }: { text: string }) {
    return (
      <form
        class="rd-composer"
        onSubmit={(event) => {
          event.preventDefault();
          this.submit();
        }}
      >
        <label class="rd-attach">
          <input
            type="file"
            multiple
            aria-label="Attach files"
            onChange={(event) => {
              onFiles(event.currentTarget.files);
              event.currentTarget.value = "";
            }}
          />
          <PlusIcon />
        </label>
        <textarea
          ref={this.field}
          class="rd-input"
          aria-label="Message"
          placeholder="Write a message…"
          rows={1}
          maxLength={LIMITS.maxBodyChars}
          value={text}
          onInput={(event) => this.setState({ text: event.currentTarget.value })}
          onPaste={(event) => {
            const files = event.clipboardData?.files;
            if (!files?.length) return;
            event.preventDefault();
            onFiles(files);
          }}
          onKeyDown={(event) => {
            // isComposing: Enter that confirms an IME composition is not a send.
            if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            this.submit();
          }}
        />
        <button type="submit" class="rd-send" aria-label="Send" disabled={text.trim() === ""}>
          <SendIcon />
        </button>
      </form>
    );
  }
}
