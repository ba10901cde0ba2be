export { createClient } from "./create-client.ts";
export { RelaydeskError, type RelaydeskErrorCode } from "./relaydesk-error.ts";
// Types only: `renderMarkdown` is the subpath "@relaydesk/client/render-markdown", so a bundle that
// only chats (the widget's core) does not carry it.
export type { ElementFactory } from "./render-markdown.ts";
export type * from "./types.ts";
// Types only: `uploadFile` itself is the subpath "@relaydesk/client/upload-file" (see upload-file.ts).
export type { UploadFileOptions, UploadTarget } from "./upload-file.ts";
