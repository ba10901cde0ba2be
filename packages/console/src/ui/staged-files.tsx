import { formatSize } from "../attachments.ts";
import type { ConsoleStore } from "../store.ts";

/** The files waiting to go out with the next reply: uploading, uploaded, or why not. */
export function StagedFiles({ store, conversationId }: { store: ConsoleStore; conversationId: string }) {
  const files = store.attachments.staged.value.filter((s) => s.conversationId === conversationId);
  if (files.length === 0) return null;
  return (
    <ul class="staged-files" aria-label="Files to send">
      {files.map((file) => (
        <li key={file.key} class={`staged-file staged-${file.status}`} data-status={file.status}>
          <span class="attachment-name" title={file.name}>
            {file.name}
          </span>
          <span class="attachment-size">{formatSize(file.size)}</span>
          {file.status === "uploading" && <span class="staged-state">Uploading…</span>}
          {file.status === "ready" && <span class="staged-state">Ready</span>}
          {file.status === "failed" && (
            <span class="staged-state staged-error" role="alert">
              {file.error}
            </span>
          )}
          <button
            type="button"
            class="button-link"
            aria-label={`Remove ${file.name}`}
            onClick={() => store.attachments.remove(file.key)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
