/**
 * One table of every error and close code of protocol v1.
 *
 * An error code names what went wrong. `close` is set when the relay ends the connection for it
 * (a WebSocket close code, 4000-4999 for Relaydesk's own, RFC 6455 codes otherwise); without
 * `close` the error is sent as an `error` frame and the connection carries on. `retry` tells the
 * client whether trying again (the same request, or reconnecting after a close) can succeed.
 */
export const CODES = {
  "bad-frame": {
    retry: false,
    description: "The frame is not valid JSON or does not match the schema of its type.",
  },
  "unknown-type": { retry: false, description: "The frame's `type` is not a request this role may send." },
  "not-found": { retry: false, description: "The conversation does not exist or is not visible to you." },
  forbidden: { retry: false, description: "Your role may not do this." },
  "conversation-closed": { retry: false, description: "The conversation is closed; start a new one." },
  "rate-limited": { retry: true, description: "Too many requests; wait and try again." },
  internal: { retry: true, description: "The relay failed to handle the request; it is safe to retry." },
  "bad-hello": {
    close: 4001,
    retry: false,
    description: "The first frame was not a valid `hello`, or a second `hello` was sent.",
  },
  "unsupported-protocol": {
    close: 4002,
    retry: false,
    description: "The relay does not speak the protocol version in `hello`.",
  },
  unauthorized: { close: 4003, retry: false, description: "The agent token is unknown or revoked." },
  "origin-not-allowed": {
    close: 4004,
    retry: false,
    description: "The page's Origin is not in the app's allowlist.",
  },
  "unknown-app": { close: 4005, retry: false, description: "No app with this app id exists on the relay." },
  "hello-timeout": {
    close: 4006,
    retry: true,
    description: "No `hello` arrived within the hello timeout after connecting.",
  },
  "too-many-bad-frames": {
    close: 4007,
    retry: false,
    description: "The connection sent too many invalid frames in a row.",
  },
  "heartbeat-timeout": {
    close: 4008,
    retry: true,
    description: "Nothing arrived from the client within the heartbeat timeout.",
  },
  "server-shutdown": { close: 4009, retry: true, description: "The relay is restarting; reconnect." },
  "slow-consumer": {
    close: 4010,
    retry: true,
    description: "The client read too slowly and its send buffer passed the limit.",
  },
  "frame-too-large": {
    close: 1009,
    retry: true,
    description: "A frame exceeded `limits.maxFrameBytes` (RFC 6455 close 1009).",
  },
  "internal-close": { close: 1011, retry: true, description: "The relay hit an unexpected error." },
} as const satisfies Record<string, { close?: number; retry: boolean; description: string }>;

export type ErrorCode = keyof typeof CODES;

/** What a WebSocket close code means for the client: which error it stands for, and whether to reconnect. */
export function closeCodeInfo(close: number): { code: ErrorCode | null; retry: boolean } {
  for (const [code, info] of Object.entries(CODES)) {
    if ("close" in info && info.close === close) return { code: code as ErrorCode, retry: info.retry };
  }
  // 1000 normal closure and unknown codes: transport hiccups are worth a retry with backoff.
  return { code: null, retry: close !== 1000 };
}

export const ERROR_CODES = Object.keys(CODES) as ErrorCode[];
