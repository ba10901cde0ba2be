/**
 * What went wrong, as a stable string that callers branch on (messages are for people and may
 * change). The HTTP status each code maps to is the default `status` of the error.
 */
export const ERROR_STATUS = {
  /** The thing asked for (conversation, app, agent) does not exist. */
  "not-found": 404,
  /** A value given by the caller or operator is out of range or malformed. */
  "invalid-option": 400,
  /** The command line could not be parsed (unknown flag, missing argument). */
  usage: 400,
  /** The conversation is closed and takes no new messages. */
  "conversation-closed": 409,
  /** A unique value (id, token hash) is already taken. */
  conflict: 409,
  /** The storage was closed; nothing more can be read or written through it. */
  "storage-closed": 503,
  /** The bus was closed; nothing more can be published or subscribed through it. */
  "bus-closed": 503,
  /** The database was written by a newer Relaydesk whose schema this version does not know. */
  "unsupported-schema": 500,
  /** An upload is larger than the relay's upload size limit. */
  "upload-too-large": 413,
  /** An upload's bytes are not one of the allowed types (never HTML or SVG). */
  "upload-type-not-allowed": 415,
  /** The conversation already holds the most uploads allowed. */
  "upload-quota-exceeded": 413,
  /** The uploader sent the most uploads allowed per hour. */
  "upload-rate-limited": 429,
  /** An attachment is unknown, someone else's, of another conversation, or already attached. */
  "invalid-attachment": 400,
  /** A browser request came from a page whose Origin is not in the app's allowlist. */
  "origin-not-allowed": 403,
  /** An HTTP request lacks a required parameter or has a malformed one. */
  "bad-request": 400,
} as const satisfies Record<string, number>;

export type RelaydeskErrorCode = keyof typeof ERROR_STATUS;

export interface RelaydeskErrorOptions {
  /** HTTP status to answer with; defaults to the one of the code in `ERROR_STATUS`. */
  status?: number;
  /** The lower-level error this one explains (kept for logs and debuggers). */
  cause?: unknown;
}

/**
 * The server package's one error type.
 *
 * @example
 * try {
 *   await storage.appendMessage(input);
 * } catch (error) {
 *   if (isRelaydeskError(error, "not-found")) return reply({ type: "error", code: "not-found" });
 *   throw error;
 * }
 */
export class RelaydeskError extends Error {
  override readonly name = "RelaydeskError";
  readonly code: RelaydeskErrorCode;
  readonly status: number;

  constructor(code: RelaydeskErrorCode, message: string, options: RelaydeskErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
  }
}

/** True for a `RelaydeskError`, and when `code` is given, only for one with that code. */
export function isRelaydeskError(error: unknown, code?: RelaydeskErrorCode): error is RelaydeskError {
  return error instanceof RelaydeskError && (code === undefined || error.code === code);
}
