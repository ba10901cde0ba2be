/**
 * `unknown-command`, `invalid-argument`: a misuse of the public API. `connection-refused`: the relay
 * refused the connection for good (wrong app id, origin not allowed). `widget-failed`: the widget
 * threw while starting or rendering (it is removed; the page goes on).
 */
export type WidgetErrorCode = "unknown-command" | "invalid-argument" | "connection-refused" | "widget-failed";

/**
 * What the widget reports: `window.Relaydesk(...)` logs it and emits it as the `error` event (it
 * never throws into the host page); the ESM `boot()` and handle throw a misuse.
 */
export class WidgetError extends Error {
  readonly code: WidgetErrorCode;

  constructor(code: WidgetErrorCode, message: string, cause?: unknown) {
    super(`Relaydesk: ${message}`, { cause });
    this.name = "WidgetError";
    this.code = code;
  }
}
