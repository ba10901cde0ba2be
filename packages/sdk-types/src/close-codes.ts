import type { ErrorCode } from "./codes.ts";

/**
 * The close codes of `CODES`, by number: the error each stands for and whether to reconnect. A
 * table of its own because every client needs it to decide on reconnecting, while `CODES` (every
 * error code, growing with the protocol) is only needed by the relay and by tools: the widget's
 * budget carries this one and not that one. `close-codes.test.ts` checks that the two agree.
 */
export const CLOSE_CODES: Readonly<Record<number, readonly [code: ErrorCode, retry: boolean]>> = {
  4001: ["bad-hello", false],
  4002: ["unsupported-protocol", false],
  4003: ["unauthorized", false],
  4004: ["origin-not-allowed", false],
  4005: ["unknown-app", false],
  4006: ["hello-timeout", true],
  4007: ["too-many-bad-frames", false],
  4008: ["heartbeat-timeout", true],
  4009: ["server-shutdown", true],
  4010: ["slow-consumer", true],
  4011: ["too-many-connections", true],
  1009: ["frame-too-large", true],
  1011: ["internal-close", true],
};

/** What a WebSocket close code means for the client: which error it stands for, and whether to reconnect. */
export function closeCodeInfo(close: number): { code: ErrorCode | null; retry: boolean } {
  const known = CLOSE_CODES[close];
  if (known) return { code: known[0], retry: known[1] };
  // 1000 normal closure and unknown codes: transport hiccups are worth a retry with backoff.
  return { code: null, retry: close !== 1000 };
}

/** Whether this error code is one the relay closes the connection with (not a request error). */
export function isCloseCode(code: string): boolean {
  return Object.values(CLOSE_CODES).some(([closing]) => closing === code);
}
