import type { Attachment } from "@relaydesk/sdk-types";
import type { WidgetStore } from "../types.ts";
import { formatSize, PREVIEW_TYPES, uploadsFor } from "./uploads.ts";
import { Watching } from "./watch-signals.ts";

interface MessageFilesProps {
  store: WidgetStore;
  files: readonly Attachment[];
}

/**
 * The files of a message: images as previews (fetched with the visitor token, shown as `data:`
 * URLs), every file as a download button with its name and size. Names are text, never markup.
 */
export class MessageFiles extends Watching<MessageFilesProps> {
  watch() {
    return uploadsFor(this.props.store).previews.value;
  }

  override render({ store, files }: MessageFilesProps) {
    const uploads = uploadsFor(store);
    const previews = uploads.previews.value;
    return (
      <ul class="rd-files" aria-label={store.t("files")}>
        {files.map((file) => {
          if (PREVIEW_TYPES.has(file.type) && !previews.has(file.id)) uploads.preview(file);
          const url = previews.get(file.id)?.url;
          return (
            <li key={file.id} class="rd-file">
              {url && <img class="rd-img" src={url} alt={file.name} />}
              <button
                type="button"
                class="rd-download"
                aria-label={store.t("download", { name: file.name })}
                onClick={() => void uploads.download(file).catch(() => {})}
              >
                <span class="rd-file-name">{file.name}</span>{" "}
                <span class="rd-file-size">{formatSize(file.size, store.lang.value ?? "en")}</span>
              </button>
            </li>
          );
        })}
      </ul>
    );
  }
}
