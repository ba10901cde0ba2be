import { transcriptText } from "../transcript-text.ts";
import type { WidgetStore } from "../types.ts";

/**
 * "Download transcript" (`transcript`): the conversation as a text file, made when pressed. A `data:` URL rather
 * than a `blob:` one: a download is not a fetch the host page's CSP governs either way, and a data
 * URL needs no object URL to revoke nor a `blob:` source a strict policy may single out.
 */
export function TranscriptLink({ store }: { store: WidgetStore }) {
  return (
    <button
      type="button"
      class="rd-transcript"
      onClick={(event) => {
        const name = store.agentName.value ?? store.t("support");
        const text = transcriptText(
          name,
          store.messages.value,
          (...args) => store.t(...args),
          store.lang.value ?? "en",
        );
        const link = event.currentTarget.ownerDocument.createElement("a");
        link.download = `conversation-${store.conversation.value?.id ?? "new"}.txt`;
        link.href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
        link.click();
      }}
    >
      {store.t("transcript")}
    </button>
  );
}
