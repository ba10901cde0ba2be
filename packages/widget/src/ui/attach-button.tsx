import type { WidgetStore } from "../types.ts";
import { PlusIcon } from "./icons.tsx";
import { uploadsFor } from "./uploads.ts";

/** Picked, dropped or pasted files: checked and uploaded (uploads.ts). */
export function attachFiles(store: WidgetStore, list?: FileList | null): void {
  const picked = [...(list ?? [])];
  if (picked.length) uploadsFor(store).add(picked);
}

/** The composer's paste: files (a screenshot) are attached, text is left to the field. */
export function pasteFiles(store: WidgetStore, event: ClipboardEvent): void {
  const files = event.clipboardData?.files;
  if (!files?.length) return;
  event.preventDefault();
  attachFiles(store, files);
}

/** Files dropped anywhere on the panel. */
export function dropFiles(store: WidgetStore, event: DragEvent): void {
  event.preventDefault();
  attachFiles(store, event.dataTransfer?.files);
}

/** The composer's attach button: a file picker for one or more files. */
export function AttachButton({ store }: { store: WidgetStore }) {
  return (
    <label class="rd-attach">
      <input
        type="file"
        multiple
        aria-label="Attach files"
        onChange={(event) => {
          attachFiles(store, event.currentTarget.files);
          event.currentTarget.value = "";
        }}
      />
      <PlusIcon />
    </label>
  );
}
