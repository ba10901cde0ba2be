import type { ErrorCode } from "./codes.ts";

/** What each error code means, for people: the protocol reference, JSON Schema and relay messages. */
export const CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  "bad-frame": "The frame is not valid JSON or does not match the schema of its type.",
  "unknown-type": "The frame's `type` is not a request this role may send.",
  "not-found": "The conversation does not exist or is not visible to you.",
  forbidden: "Your role may not do this.",
  "conversation-closed": "The conversation is closed; start a new one.",
  "rate-limited": "Too many requests; wait and try again.",
  internal: "The relay failed to handle the request; it is safe to retry.",
  "bad-hello":
    "The first frame was not a valid `hello`, a second `hello` was sent, or the hello does not fit the socket (an agent on a `?appId=` socket, a visitor without one).",
  "unsupported-protocol": "The relay does not speak the protocol version in `hello`.",
  unauthorized: "The agent token is unknown or revoked.",
  "origin-not-allowed":
    "The page's Origin is not allowed: for a visitor, not in the app's allowlist; for an agent, neither the relay's own origin nor a configured console origin.",
  "unknown-app": "No app with this app id exists on the relay.",
  "hello-timeout": "No `hello` arrived within the hello timeout after connecting.",
  "too-many-bad-frames": "The connection sent too many invalid frames in a row.",
  "heartbeat-timeout": "Nothing arrived from the client within the heartbeat timeout.",
  "server-shutdown": "The relay is restarting; reconnect.",
  "slow-consumer": "The client read too slowly and its send buffer passed the limit.",
  "frame-too-large": "A frame exceeded `limits.maxFrameBytes` (RFC 6455 close 1009).",
  "internal-close": "The relay hit an unexpected error.",
  "offer-expired":
    "There is no offer of this conversation to you (any more): it timed out, was declined, or went to someone else.",
  "over-capacity":
    "Taking this conversation would exceed the agent's capacity (most conversations assigned at once); retry once one is closed.",
  "not-a-member": "The agent is not a member of the queue, or does not serve the conversation's app.",
  "already-assigned": "The conversation is assigned already (someone claimed or accepted it first).",
  "not-manual": "The conversation does not wait in a manual queue; it is offered by routing, not claimed.",
  "unknown-queue": "No queue with this id in the app's routing configuration.",
};
