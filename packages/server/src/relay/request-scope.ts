import { CODES, type Conversation, type ErrorCode, type ErrorFrame } from "@relaydesk/sdk-types";
import type { Identity } from "./identity.ts";
import type { Outbound } from "./outbound.ts";
import type { RelayServices } from "./relay-services.ts";

/** What a request handler works with: the relay's services and this connection. */
export interface RequestScope {
  services: RelayServices;
  identity: Identity;
  outbound: Outbound;
  /** Captured at hello, recorded on the conversations this visitor starts. */
  context: { page?: { url: string; title?: string | undefined }; userAgent?: string };
  /** The client's address as per-address limits key it (see `addressKey`). */
  addressKey: string;
}

export function errorFrame(
  replyTo: string | undefined,
  code: ErrorCode,
  message: string,
  retryAfterMs?: number,
): ErrorFrame {
  return {
    type: "error",
    ...(replyTo !== undefined ? { replyTo } : {}),
    code,
    message,
    retry: CODES[code].retry,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/**
 * The conversation if this connection may see it, else null. A visitor sees only its own; asking
 * for anyone else's is answered exactly like asking for one that does not exist (`not-found`), so
 * ids cannot be probed. Agents see every conversation for now (per-app scoping comes later).
 */
export async function visibleConversation(scope: RequestScope, id: string): Promise<Conversation | null> {
  const conversation = await scope.services.storage.getConversation(id);
  if (!conversation) return null;
  const { identity } = scope;
  if (identity.role === "agent") return conversation;
  return conversation.visitorId === identity.visitorId && conversation.appId === identity.appId
    ? conversation
    : null;
}

export const NOT_FOUND_MESSAGE = "no such conversation";
