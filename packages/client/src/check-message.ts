import { LIMITS, type Welcome } from "@relaydesk/sdk-types";
import { isValidId } from "./client-id.ts";

/** Room in a `send-message` frame for everything but the body: keys, request id and two ids of at most 128. */
const FRAME_OVERHEAD_BYTES = 512;

/**
 * Why the relay would refuse this message, as a readable sentence, or null. Checked before the
 * message enters the outbox: a message the relay can never accept must fail at once, not be
 * resent forever.
 */
export function checkMessage(
  conversationId: string,
  body: string,
  clientMsgId: string,
  limits: Welcome["limits"] | undefined,
  attachments?: readonly string[],
): string | null {
  if (typeof conversationId !== "string" || !isValidId(conversationId)) {
    return `sendMessage: conversationId must be a conversation id, got ${JSON.stringify(conversationId)}`;
  }
  // Attachment ids are the relay's to check (it refuses bad ones for good, so nothing loops).
  if (typeof body !== "string" || !(body || attachments?.length)) {
    return "sendMessage: body must be a non-empty string";
  }
  const max = Math.min(LIMITS.maxBodyChars, limits?.maxBodyChars ?? LIMITS.maxBodyChars);
  if (body.length > max) return `sendMessage: body is ${body.length} characters; the limit is ${max}`;
  if (!isValidId(clientMsgId)) {
    return "sendMessage: clientMsgId must be 1-128 characters of A-Z a-z 0-9 . _ : ~ -";
  }
  // The relay closes the connection (1009) on an oversized frame and the reconnect would resend
  // it, in a loop. Only a relay announcing a small frame limit, or a body full of characters JSON
  // escapes as \uXXXX, gets this far.
  const maxFrame = Math.min(LIMITS.maxFrameBytes, limits?.maxFrameBytes ?? LIMITS.maxFrameBytes);
  const bytes = new TextEncoder().encode(JSON.stringify(body)).length + FRAME_OVERHEAD_BYTES;
  if (bytes > maxFrame) return `sendMessage: body takes ${bytes} bytes in a frame; the limit is ${maxFrame}`;
  return null;
}
