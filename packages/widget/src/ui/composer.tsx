import { LIMITS } from "@relaydesk/sdk-types";
import { useEffect, useRef, useState } from "preact/hooks";
import type { WidgetStore } from "../types.ts";
import { SendIcon } from "./icons.tsx";

/** The message field: Enter sends, Shift+Enter adds a line; Send is disabled while the text is blank. */
export function Composer({ store }: { store: WidgetStore }) {
  const [text, setText] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // Take the focus when the visitor opened the panel, not when the page opened it while the
    // visitor was typing somewhere else on it.
    const element = field.current;
    const root = element?.getRootNode();
    const active = element?.ownerDocument.activeElement;
    const host = root && "host" in root ? root.host : null;
    if (!active || active === element?.ownerDocument.body || active === host) element?.focus();
  }, []);
  const blank = text.trim() === "";
  const submit = () => {
    if (blank) return;
    void store.send(text);
    setText("");
  };
  return (
    <form
      class="rd-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={field}
        class="rd-input"
        aria-label="Message"
        placeholder="Write a message…"
        rows={1}
        maxLength={LIMITS.maxBodyChars}
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // isComposing: Enter that confirms an IME composition is not a send.
          if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          submit();
        }}
      />
      <button type="submit" class="rd-send" aria-label="Send" disabled={blank}>
        <SendIcon />
      </button>
    </form>
  );
}
