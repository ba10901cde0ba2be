// The `attachments` part (widget-parts.ts): attaching files (the attach button, paste, drop on the
// panel) and showing the files of messages. One chunk, loaded when the panel opens; the attach button
// appears once it is there, and files dropped or pasted earlier wait for it (attach-when-ready.ts).
// It brings its stylesheet and its English (attachments-strings.ts).
export { AttachButton, attachFiles } from "./attach-button.tsx";
export { AttachmentTray } from "./attachment-tray.tsx";
export { adoptAttachments } from "./attachments-strings.ts";
export { MessageFiles } from "./message-files.tsx";
export { uploadsFor } from "./uploads.ts";
