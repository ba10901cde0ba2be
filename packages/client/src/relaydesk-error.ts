import { type ErrorFrame, isCloseCode } from "@relaydesk/sdk-types";
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
 *   await agentActions(client).closeConversation(id);
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

/**
 * The errors the client makes up itself (no reply, the relay unreachable) are worth retrying; the
 * others it makes up (`forbidden`, `bad-frame`, `closed`) are not. Errors from the relay carry
 * their own `retry`, so `CODES` need not be bundled here.
 */
function defaultRetry(code: RelaydeskErrorCode): boolean {
  return code === "timeout" || code === "internal";
}

/**
 * True for a request-level answer that will never change (`not-found`, `forbidden`, …), as opposed
 * to a transport outcome (timeout, closed, a close code) after which trying again may work.
 */
export function isPermanentRequestError(error: unknown): boolean {
  if (!(error instanceof RelaydeskError) || error.retry) return false;
  if (error.code === "timeout" || error.code === "closed") return false;
  return !isCloseCode(error.code);
}
