import { LIMITS } from "@relaydesk/sdk-types";
import { Component, createRef } from "preact";
import type { WidgetStore } from "../types.ts";
import { SendIcon } from "./icons.tsx";

/** The message field: Enter sends, Shift+Enter adds a line; Send is disabled while the text is blank. */
export class Composer extends Component<{ store: WidgetStore }, { text: string }> {
  override state = { text: "" };
  field = createRef<HTMLTextAreaElement>();

  override componentDidMount() {
    // Take the focus when the visitor opened the panel, not when the page opened it while the
    // visitor was typing somewhere else on it.
    const element = this.field.current;
    const root = element?.getRootNode();
    const active = element?.ownerDocument.activeElement;
    const host = root && "host" in root ? root.host : null;
    if (!active || active === element?.ownerDocument.body || active === host) element?.focus();
  }

  submit() {
    const { text } = this.state;
    if (text.trim() === "") return;
    void this.props.store.send(text);
    this.setState({ text: "" });
  }

  override render(_: unknown, { text }: { text: string }) {
    return (
      <form
        class="rd-composer"
        onSubmit={(event) => {
          event.preventDefault();
          this.submit();
        }}
      >
        <textarea
          ref={this.field}
          class="rd-input"
          aria-label="Message"
          placeholder="Write a message…"
          rows={1}
          maxLength={LIMITS.maxBodyChars}
          value={text}
          onInput={(event) => this.setState({ text: event.currentTarget.value })}
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
