import { PROTOCOL_VERSION } from "@relaydesk/sdk-types";
import type { RawData } from "ws";

/** ws hands text frames over as bytes; the protocol is UTF-8 JSON text (ws has validated the UTF-8). */
export function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}

/** The `type` of a JSON frame, if it has one; only used on the error path. */
export function frameType(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
  } catch {
    return undefined;
  }
}

/** The request id of a JSON frame, if it has a well-formed one; for answering frames not parsed further. */
export function requestId(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const id = typeof value === "object" && value !== null ? (value as { id?: unknown }).id : undefined;
    return typeof id === "string" && /^[A-Za-z0-9._:~-]{1,128}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A hello that is fine except for its protocol version deserves the more helpful close code. */
export function isOtherProtocol(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return false;
    const { type, protocol } = value as { type?: unknown; protocol?: unknown };
    return type === "hello" && protocol !== undefined && protocol !== PROTOCOL_VERSION;
  } catch {
    return false;
  }
}
