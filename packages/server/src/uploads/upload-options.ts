import { MAX_UPLOAD_BYTES } from "@relaydesk/sdk-types";
import { RelaydeskError } from "../errors.ts";

/** Limits and timings of file uploads; every field has a default in `DEFAULTS`. */
export interface UploadOptions {
  /** Largest file accepted, in bytes; a larger one is cut off at this many plus one (413). */
  maxBytes?: number | undefined;
  /** Most uploads one conversation may hold (413 `upload-quota-exceeded` beyond). */
  maxPerConversation?: number | undefined;
  /** Most uploads one visitor or agent may make in a rolling hour (429 `upload-rate-limited`). */
  maxPerUploaderPerHour?: number | undefined;
  /** An upload never attached to a message is deleted this long after it was made. */
  unattachedTtlMs?: number | undefined;
  /** How long a browser may keep a downloaded file (`Cache-Control: private, max-age`), in seconds. */
  cacheMaxAgeSeconds?: number | undefined;
}

export const DEFAULTS = {
  maxBytes: MAX_UPLOAD_BYTES,
  maxPerConversation: 50,
  maxPerUploaderPerHour: 20,
  unattachedTtlMs: 24 * 60 * 60 * 1000,
  cacheMaxAgeSeconds: 3600,
} as const satisfies Required<UploadOptions>;

export type UploadSettings = { -readonly [K in keyof typeof DEFAULTS]: number };

/** Options over the defaults, each checked to be a positive integer. */
export function uploadSettings(options: UploadOptions = {}): UploadSettings {
  const settings = { ...DEFAULTS } as UploadSettings;
  for (const key of Object.keys(DEFAULTS) as (keyof UploadSettings)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RelaydeskError("invalid-option", `uploads.${key} must be a positive integer, got ${value}.`);
    }
    settings[key] = value;
  }
  return settings;
}
