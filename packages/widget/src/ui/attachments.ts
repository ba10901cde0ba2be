// The `attachments` part (widget-parts.ts): attaching files and showing the files of messages. One
// chunk, loaded when the visitor first attaches a file or a message with files is shown.
export { AttachmentTray } from "./attachment-tray.tsx";
export { ATTACHMENTS_CSS } from "./attachments-styles.ts";
export { MessageFiles } from "./message-files.tsx";
export { uploadsFor } from "./uploads.ts";
