import type { Attachment } from "@relaydesk/sdk-types";
import { useEffect } from "preact/hooks";
import { formatSize, PREVIEW_TYPES } from "../attachments.ts";
import type { ConsoleStore } from "../store.ts";

/**
 * One file of a message. Images show as a preview (their bytes fetched with the agent token and
 * shown as a `data:` URL); every file has a download action. The name is text, never markup.
 */
export function AttachmentItem({ store, attachment }: { store: ConsoleStore; attachment: Attachment }) {
  const isImage = PREVIEW_TYPES.has(attachment.type);
  const preview = store.attachments.previews.value.get(attachment.id);
  useEffect(() => {
    if (isImage) store.attachments.preview(attachment);
  }, [attachment.id]);
  return (
    <figure class="attachment" data-attachment-id={attachment.id}>
      {preview?.status === "ready" && preview.url && (
        <img class="attachment-preview" src={preview.url} alt={attachment.name} />
      )}
      {preview?.status === "loading" && <span class="attachment-note">Loading preview…</span>}
      {preview?.status === "failed" && <span class="attachment-note">No preview</span>}
      <figcaption class="attachment-caption">
        <span class="attachment-name" title={attachment.name}>
          {attachment.name}
        </span>
        <span class="attachment-size">{formatSize(attachment.size)}</span>
        <button
          type="button"
          class="button-link"
          aria-label={`Download ${attachment.name}`}
          onClick={() => store.downloadAttachment(attachment)}
        >
          Download
        </button>
      </figcaption>
    </figure>
  );
}
