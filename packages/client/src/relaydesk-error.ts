import { CODES, type ErrorCode, type ErrorFrame } from "@relaydesk/sdk-types";
import type { RelaydeskErrorShape } from "./types.ts";

export type RelaydeskErrorCode = RelaydeskErrorShape["code"];

/**
 * Why a request of the client failed. `code` is the relay's error code (`not-found`,
 * `conversation-closed`, …, see the README), `"timeout"` when no reply came in time, or
 * `"closed"` when the client was closed before the reply. `retry` says whether the same call can
 * succeed later.
 *
 * @example
 * try {
 *   await client.closeConversation(id);
 * } catch (error) {
 *   if (error instanceof RelaydeskError && error.code === "not-found") removeFromList(id);
 *   else throw error;
 * }
 */
export class RelaydeskError extends Error implements RelaydeskErrorShape {
  override readonly name = "RelaydeskError";
  readonly code: RelaydeskErrorCode;
  readonly retry: boolean;

  constructor(code: RelaydeskErrorCode, message: string, options: { retry?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retry = options.retry ?? defaultRetry(code);
  }

  /** The error an `error` frame from the relay stands for. */
  static fromFrame(frame: ErrorFrame): RelaydeskError {
    return new RelaydeskError(frame.code, frame.message, { retry: frame.retry });
  }
}

function defaultRetry(code: RelaydeskErrorCode): boolean {
  if (code === "timeout") return true;
  if (code === "closed") return false;
  // HTTP-only codes (uploads) never get here: `uploadFile` always says whether to retry.
  return CODES[code as ErrorCode].retry;
}

/**
 * True for a request-level answer that will never change (`not-found`, `forbidden`, …), as opposed
 * to a transport outcome (timeout, closed, a close code) after which trying again may work.
 */
export function isPermanentRequestError(error: unknown): boolean {
  if (!(error instanceof RelaydeskError) || error.retry) return false;
  if (error.code === "timeout" || error.code === "closed") return false;
  return !("close" in CODES[error.code as ErrorCode]);
}
