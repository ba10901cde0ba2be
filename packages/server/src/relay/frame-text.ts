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

const ID = /^[A-Za-z0-9._:~-]{1,128}$/;

/**
 * The request id of a JSON frame, and its clientMsgId when it is a `send-message`, where well-formed:
 * enough to answer a frame refused before it is parsed further (over the frame rate limit).
 */
export function requestKeys(text: string): { id?: string; clientMsgId?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return {};
    const { type, id, clientMsgId } = value as { type?: unknown; id?: unknown; clientMsgId?: unknown };
    return {
      ...(typeof id === "string" && ID.test(id) ? { id } : {}),
      ...(type === "send-message" && typeof clientMsgId === "string" && ID.test(clientMsgId)
        ? { clientMsgId }
        : {}),
    };
  } catch {
    return {};
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
