export type WidgetErrorCode = "unknown-command" | "invalid-argument";

/**
 * A misuse of the public API. `window.Relaydesk(...)` logs it (it never throws into the host page);
 * the ESM `boot()` throws it.
 */
export class WidgetError extends Error {
  readonly code: WidgetErrorCode;

  constructor(code: WidgetErrorCode, message: string) {
    super(`Relaydesk: ${message}`);
    this.name = "WidgetError";
    this.code = code;
  }
}
