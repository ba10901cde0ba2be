import type { IncomingMessage, ServerResponse } from "node:http";
import { ERROR_STATUS, type RelaydeskErrorCode } from "../errors.ts";

/** Error codes of the upload routes: each is also a protocol code, so clients branch on one list. */
export type UploadErrorCode = Extract<
  RelaydeskErrorCode,
  | "not-found"
  | "bad-request"
  | "origin-not-allowed"
  | "conversation-closed"
  | "upload-too-large"
  | "upload-type-not-allowed"
  | "upload-quota-exceeded"
  | "upload-rate-limited"
>;

/** How long a refused upload's remaining body is read and dropped before the connection is cut. */
const DRAIN_MS = 5_000;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  res.end(text);
}

/**
 * An error as every HTTP error of the upload routes looks: `{ "error": { "code", "message" } }`
 * with the status of the code (`ERROR_STATUS`).
 *
 * When the request still has a body on its way (a refused upload), the connection is closed after
 * the answer; meanwhile the rest of the body is read and dropped (never kept), for at most
 * `DRAIN_MS`, because closing a socket that still has unread data resets it, and a reset can make
 * the client lose the answer it was just sent.
 */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  code: UploadErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  const unread = !req.complete;
  if (unread) res.setHeader("Connection", "close");
  sendJson(res, ERROR_STATUS[code], { error: { code, message } }, headers);
  if (!unread) return;
  const cut = setTimeout(() => req.socket.destroy(), DRAIN_MS);
  cut.unref();
  req.socket.once("close", () => clearTimeout(cut));
  req.on("data", () => {});
  req.resume();
}
