import type { ErrorCode, HttpErrorCode } from "./codes.ts";

/** What each error code means, for people: the protocol reference, JSON Schema and relay messages. */
export const CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  "bad-frame": "The frame is not valid JSON or does not match the schema of its type.",
  "unknown-type": "The frame's `type` is not a request this role may send.",
  "not-found": "The conversation does not exist or is not visible to you.",
  forbidden: "Your role may not do this.",
  "conversation-closed": "The conversation is closed; start a new one.",
  "rate-limited": "Too many requests; wait `retryAfterMs` and try again.",
  internal: "The relay failed to handle the request; it is safe to retry.",
  "bad-hello":
    "The first frame was not a valid `hello`, a second `hello` was sent, or the hello does not fit the socket (an agent on a `?appId=` socket, a visitor without one).",
  "unsupported-protocol": "The relay does not speak the protocol version in `hello`.",
  unauthorized: "The agent token is unknown or revoked.",
  "origin-not-allowed":
    "The page's Origin is not allowed: for a visitor, not in the app's allowlist; for an agent, neither the relay's own origin nor a configured console origin.",
  "unknown-app": "No app with this app id exists on the relay.",
  "hello-timeout": "No `hello` arrived within the hello timeout after connecting.",
  "too-many-bad-frames":
    "The connection sent too many invalid frames in a row, or kept sending far past its frame rate limit.",
  "heartbeat-timeout": "Nothing arrived from the client within the heartbeat timeout.",
  "server-shutdown": "The relay is restarting; reconnect.",
  "slow-consumer": "The client read too slowly and its send buffer passed the limit.",
  "too-many-connections": "Too many connections are open from your network address; close one or wait.",
  "frame-too-large": "A frame exceeded `limits.maxFrameBytes` (RFC 6455 close 1009).",
  "internal-close": "The relay hit an unexpected error.",
  "identity-invalid": "The `identify` signature or JWT does not verify for this app; `message` says why.",
  "identity-not-configured": "The app has no active identity secret, so no user can be identified.",
  "identity-required": "The app requires identified visitors: send `identify` before anything else.",
  "invalid-attachment":
    "An attachment is not an upload of yours in this conversation, or is already attached to another message.",
  "offer-expired":
    "There is no offer of this conversation to you (any more): it timed out, was declined, or went to someone else.",
  "over-capacity":
    "Taking this conversation would exceed the agent's capacity (most conversations assigned at once); retry once one is closed.",
  "not-a-member": "The agent is not a member of the queue, or does not serve the conversation's app.",
  "already-assigned": "The conversation is assigned already (someone claimed or accepted it first).",
  "not-manual": "The conversation does not wait in a manual queue; it is offered by routing, not claimed.",
  "unknown-queue": "No queue with this id in the app's routing configuration.",
  "prechat-invalid":
    "The answers to the app's pre-chat form are missing or do not fit it (the message names the field); a new conversation needs them.",
  "not-closed": "Only a closed conversation can be rated.",
  "already-rated": "The conversation was rated already; a rating is given once and not replaced.",
};

/** What each HTTP-only code means (see `HTTP_CODES`). */
export const HTTP_CODE_DESCRIPTIONS: Record<HttpErrorCode, string> = {
  "bad-request": "A required query parameter is missing or malformed.",
  "upload-too-large": "The uploaded file is larger than the relay's upload size limit (HTTP 413).",
  "upload-type-not-allowed":
    "The uploaded file's bytes are not an allowed type: PNG, JPEG, GIF, WebP, PDF or UTF-8 text; never HTML or SVG (HTTP 415).",
  "upload-quota-exceeded": "The conversation holds as many uploads as the relay allows (HTTP 413).",
  "upload-rate-limited":
    "You uploaded as many files as the relay allows per hour; try again later (HTTP 429).",
};
