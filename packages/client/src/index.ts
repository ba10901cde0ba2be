export { createClient } from "./create-client.ts";
export { RelaydeskError, type RelaydeskErrorCode } from "./relaydesk-error.ts";
export { type ElementFactory, renderMarkdown } from "./render-markdown.ts";
export type * from "./types.ts";
export { type UploadTarget, uploadFile } from "./upload-file.ts";
