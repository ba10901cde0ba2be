import type { WidgetStore } from "../types.ts";
import { icon } from "./icons.tsx";
import { uploadsFor } from "./uploads.ts";

/** Picked, dropped or pasted files (attach-when-ready.ts): checked and uploaded (uploads.ts). */
export function attachFiles(store: WidgetStore, list: FileList | File[] | null): void {
  const picked = [...(list ?? [])];
  if (picked.length) uploadsFor(store).add(picked);
}

/** Its own, so widget.js does not carry it: the attach button comes with the attachments part. */
const PlusIcon = icon("M11 5h2v14h-2zM5 11h14v2H5z");

/** The composer's attach button: a file picker for one or more files. */
export function AttachButton({ store }: { store: WidgetStore }) {
  return (
    <label class="rd-attach">
      <input
        type="file"
        multiple
        aria-label={store.t("attach")}
        onChange={(event) => {
          attachFiles(store, event.currentTarget.files);
          event.currentTarget.value = "";
        }}
      />
      <PlusIcon />
    </label>
  );
}
