import { transcriptText } from "../transcript-text.ts";
import type { WidgetStore } from "../types.ts";

/**
 * "Download transcript": the conversation as a text file, made when pressed. A `data:` URL rather
 * than a `blob:` one: a download is not a fetch the host page's CSP governs either way, and a data
 * URL needs no object URL to revoke nor a `blob:` source a strict policy may single out.
 */
export function TranscriptLink({ store }: { store: WidgetStore }) {
  return (
    <button
      type="button"
      class="rd-transcript"
      onClick={(event) => {
        const text = transcriptText(store.agentName.value ?? "Support", store.messages.value);
        const link = event.currentTarget.ownerDocument.createElement("a");
        link.download = `conversation-${store.conversation.value?.id ?? "new"}.txt`;
        link.href = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
        link.click();
      }}
    >
      Download transcript
    </button>
  );
}
