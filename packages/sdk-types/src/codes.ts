/**
 * One table of every error and close code of protocol v1.
 *
 * An error code names what went wrong. `close` is set when the relay ends the connection for it
 * (a WebSocket close code, 4000-4999 for Relaydesk's own, RFC 6455 codes otherwise); without
 * `close` the error is sent as an `error` frame and the connection carries on. `retry` tells the
 * client whether trying again (the same request, or reconnecting after a close) can succeed.
 * What each code means is in `code-descriptions.ts`, kept apart so that clients bundling this
 * table (the widget has a 20 kB budget) do not carry the prose.
 */
export const CODES = {
  "bad-frame": { retry: false },
  "unknown-type": { retry: false },
  "not-found": { retry: false },
  forbidden: { retry: false },
  "conversation-closed": { retry: false },
  "rate-limited": { retry: true },
  internal: { retry: true },
  "bad-hello": { close: 4001, retry: false },
  "unsupported-protocol": { close: 4002, retry: false },
  unauthorized: { close: 4003, retry: false },
  "origin-not-allowed": { close: 4004, retry: false },
  "unknown-app": { close: 4005, retry: false },
  "hello-timeout": { close: 4006, retry: true },
  "too-many-bad-frames": { close: 4007, retry: false },
  "heartbeat-timeout": { close: 4008, retry: true },
  "server-shutdown": { close: 4009, retry: true },
  "slow-consumer": { close: 4010, retry: true },
  "too-many-connections": { close: 4011, retry: true },
  "frame-too-large": { close: 1009, retry: true },
  "internal-close": { close: 1011, retry: true },
  "identity-invalid": { retry: false },
  "identity-not-configured": { retry: false },
  "identity-required": { retry: false },
  "invalid-attachment": { retry: false },
  "offer-expired": { retry: false },
  "over-capacity": { retry: true },
  "not-a-member": { retry: false },
  "already-assigned": { retry: false },
  "not-manual": { retry: false },
  "unknown-queue": { retry: false },
  "prechat-invalid": { retry: false },
  "not-closed": { retry: false },
  "already-rated": { retry: false },
} as const satisfies Record<string, { close?: number; retry: boolean }>;

export type ErrorCode = keyof typeof CODES;

export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];

/**
 * Codes only the relay's HTTP routes (uploads) answer with, in `{ "error": { code, message } }`,
 * never in a frame; each with its HTTP status. Those routes also use `not-found`, `internal`,
 * `origin-not-allowed` and `conversation-closed` from `CODES`. A table apart, so that clients
 * that never upload (the widget's socket code) do not bundle it.
 */
export const HTTP_CODES = {
  "bad-request": { status: 400, retry: false },
  "upload-too-large": { status: 413, retry: false },
  "upload-type-not-allowed": { status: 415, retry: false },
  "upload-quota-exceeded": { status: 413, retry: false },
  "upload-rate-limited": { status: 429, retry: true },
} as const satisfies Record<string, { status: number; retry: boolean }>;

export type HttpErrorCode = keyof typeof HTTP_CODES;
