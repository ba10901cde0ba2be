export { createClient } from "./create-client.ts";
export { RelaydeskError, type RelaydeskErrorCode } from "./relaydesk-error.ts";
export { type ElementFactory, renderMarkdown } from "./render-markdown.ts";
export type * from "./types.ts";
// Types only: `uploadFile` itself is the subpath "@relaydesk/client/upload-file" (see upload-file.ts).
export type { UploadFileOptions, UploadTarget } from "./upload-file.ts";
