import { LIMITS, PROTOCOL_VERSION, type PrechatForm, type Welcome } from "@relaydesk/sdk-types";
import type { RateLimits } from "../limits/rate-limits.ts";
import type { Identity } from "./identity.ts";

/**
 * The relay's answer to an accepted hello. A visitor's token appears here only when this hello
 * created the visitor: it is the one moment the raw token exists outside the browser.
 */
export function welcomeFrame(
  identity: Identity,
  sessionId: string,
  now: number,
  heartbeatIntervalMs: number,
  limits: RateLimits,
  prechat?: PrechatForm,
): Welcome {
  return {
    type: "welcome",
    protocol: PROTOCOL_VERSION,
    role: identity.role,
    sessionId,
    self: identity.self,
    ...(identity.role === "visitor" && identity.issuedToken ? { visitorToken: identity.issuedToken } : {}),
    serverTime: now,
    ...(identity.role === "visitor" && prechat ? { prechat } : {}),
    limits: {
      maxFrameBytes: LIMITS.maxFrameBytes,
      maxBodyChars: LIMITS.maxBodyChars,
      heartbeatIntervalMs,
      // Only what this connection is held to: agents open no conversations and have no visitor budget.
      rates: {
        framesPerConnection: limits.framesPerConnection,
        messagesPerConnection: limits.messagesPerConnection,
        typingPerConnection: limits.typingPerConnection,
        ...(identity.role === "visitor"
          ? { messagesPerVisitor: limits.messagesPerVisitor, conversationsPerIp: limits.conversationsPerIp }
          : {}),
      },
    },
  };
}
