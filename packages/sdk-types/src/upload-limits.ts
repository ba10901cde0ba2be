// Upload limits, in a module of their own so that clients that never upload (the widget's chat
// core) do not carry them.

/**
 * Largest file the relay accepts by default, in bytes (its `uploads.maxBytes`; an operator may set
 * it lower, and the relay enforces whatever it is). Clients check a file against it before sending.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The only types the relay stores, which it decides from the file's bytes (never its name or
 * Content-Type). A browser's guess from the file name (`File.type`) is a good first check.
 */
export const ATTACHMENT_TYPES = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
] as const;
