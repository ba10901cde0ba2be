import { randomBytes } from "node:crypto";

/** `upl_` and 16 random bytes (128 bits) in base64url: 22 characters. */
const UPLOAD_ID = /^upl_[A-Za-z0-9_-]{22}$/;

/**
 * A new upload id. It is the download capability's name and the file's name on disk, so it is
 * unguessable (128 random bits) and made only of `A-Z a-z 0-9 _ -`.
 */
export function newUploadId(): string {
  return `upl_${randomBytes(16).toString("base64url")}`;
}

/** Whether `value` has the exact shape of an upload id; anything else is never a disk path. */
export function isUploadId(value: string): boolean {
  return UPLOAD_ID.test(value);
}
