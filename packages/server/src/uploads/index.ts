export { contentDisposition } from "./content-disposition.ts";
export { sanitizeFileName } from "./sanitize-file-name.ts";
export { createTypeSniffer, type SniffVerdict, type TypeSniffer } from "./sniff-type.ts";
export { createUploadFiles, type UploadFiles } from "./upload-files.ts";
export { isUploadId, newUploadId } from "./upload-id.ts";
export { DEFAULTS as UPLOAD_DEFAULTS, type UploadOptions, uploadSettings } from "./upload-options.ts";
export { startUploadPruner, type UploadPruner } from "./upload-pruner.ts";
export { createUploadRoutes, type UploadRoutes } from "./upload-routes.ts";
