import { CODES, type ErrorCode } from "@relaydesk/sdk-types";
import { WebSocket } from "ws";

type ClosingCode = { [K in ErrorCode]: (typeof CODES)[K] extends { close: number } ? K : never }[ErrorCode];

/**
 * Close with one of the protocol's close codes; the reason is the code's name so a client can
 * show it without a lookup. A peer that does not finish the closing handshake (dead, or too slow
 * to read up to our close frame) is cut off after `graceMs` so it cannot hold the socket open.
 */
export function closeSocket(ws: WebSocket, code: ClosingCode, graceMs: number): void {
  if (ws.readyState === WebSocket.CLOSED) return;
  if (ws.readyState !== WebSocket.CLOSING) ws.close(CODES[code].close, code);
  const timer = setTimeout(() => ws.terminate(), graceMs);
  timer.unref();
  ws.once("close", () => clearTimeout(timer));
}

export type { ClosingCode };
