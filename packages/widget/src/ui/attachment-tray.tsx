import type { WidgetStore } from "../types.ts";
import { formatSize, problemText, uploadsFor } from "./uploads.ts";
import { Watching } from "./watch-signals.ts";

/**
 * Above the composer: why a file was refused before upload, and each file on its way, with its
 * progress, or why it failed with Retry and Remove. A stored file goes out in a message at once.
 */
export class AttachmentTray extends Watching<{ store: WidgetStore }> {
  watch() {
    const uploads = uploadsFor(this.props.store);
    return [uploads.pending.value, uploads.refused.value];
  }

  override render({ store }: { store: WidgetStore }) {
    const uploads = uploadsFor(store);
    const pending = uploads.pending.value;
    const refused = uploads.refused.value;
    if (!refused && pending.length === 0) return null;
    const size = (bytes: number) => formatSize(bytes, store.lang.value ?? "en");
    return (
      <div class="rd-tray">
        {refused && (
          <p class="rd-refused" role="alert">
            {problemText(store, refused)}
          </p>
        )}
        {pending.length > 0 && (
          <ul class="rd-uploads" aria-label={store.t("filesSending")}>
            {pending.map((item) => (
              <li key={item.key} class="rd-upload" data-status={item.status}>
                <span class="rd-file-name">{item.name}</span>
                {item.status === "uploading" ? (
                  <progress
                    max={item.size}
                    value={item.sent}
                    aria-label={store.t("uploading", { name: item.name })}
                    aria-valuetext={store.t("uploadProgress", {
                      sent: size(item.sent),
                      size: size(item.size),
                    })}
                  />
                ) : (
                  <>
                    <span class="rd-upload-error" role="alert">
                      {item.error && problemText(store, item.error)}
                    </span>
                    <button type="button" onClick={() => uploads.retry(item.key)}>
                      {store.t("retry")}
                    </button>
                    <button type="button" onClick={() => uploads.remove(item.key)}>
                      {store.t("remove")}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
}
