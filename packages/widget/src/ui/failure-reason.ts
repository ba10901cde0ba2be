/**
 * Why a request of the visitor's failed (leaving an email, a rating, an upload), in the visitor's
 * language: the relay's and the browser's own wording is English and for developers, so the visitor
 * gets one of three reasons instead, each saying what to do. Part of the chunks that send those
 * requests (conversations, attachments), which both add `REASONS_EN` to `EN` when they load.
 */
export const REASONS_EN = {
  reasonOffline: "no connection to the chat",
  reasonBusy: "too many tries, wait a moment",
  reasonError: "something went wrong on our side",
};

/**
 * @example store.t("rateFailed", { reason: store.t(failureReason(error)) })
 * // "Your rating was not sent (no connection to the chat). Try again."
 */
export function failureReason(error: unknown): keyof typeof REASONS_EN {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (code === "rate-limited" || code === "upload-rate-limited") return "reasonBusy";
  // No reply in time, the connection gone, or a request that never reached the relay.
  if (code === undefined || code === "timeout" || code === "closed" || cause !== undefined)
    return "reasonOffline";
  return "reasonError";
}
