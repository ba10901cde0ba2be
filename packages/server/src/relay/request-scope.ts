import { CODES, type Conversation, type ErrorCode, type ErrorFrame } from "@relaydesk/sdk-types";
import type { ConversationAccess } from "../storage/types.ts";
import type { Identity, VisitorIdentity } from "./identity.ts";
import type { Outbound } from "./outbound.ts";
import type { RelayServices } from "./relay-services.ts";

/** What a request handler works with: the relay's services and this connection. */
export interface RequestScope {
  services: RelayServices;
  /** Who the connection speaks for now; replaced by `switchVisitor` (requests are serialised). */
  identity: Identity;
  /** The app's `requireIdentity` as it was when the socket connected (visitors only). */
  requireIdentity: boolean;
  /**
   * Make the connection speak for another visitor: its fan-out subscription moves to that
   * visitor's topic (events of the previous one stop arriving) and `identity` is replaced.
   */
  switchVisitor(next: VisitorIdentity): Promise<void>;
  outbound: Outbound;
  /** Captured at hello, recorded on the conversations this visitor starts. */
  context: {
    page?: { url: string; title?: string | undefined; timeZone?: string | undefined };
    userAgent?: string;
    locale?: string;
  };
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
 * The conversation if this connection may see it, else null. A visitor sees only its own; an
 * agent only those of the apps it serves. Asking for anyone else's is answered exactly like asking
 * for one that does not exist (`not-found`), so ids cannot be probed across visitors or apps.
 * Every handler that takes a conversation id goes through here, on every request.
 */
export async function visibleConversation(scope: RequestScope, id: string): Promise<Conversation | null> {
  const conversation = await scope.services.storage.getConversation(id);
  return conversation && maySee(scope.identity, conversation) ? conversation : null;
}

/**
 * The common start of a visitor's request about one of its conversations (`leave-email`,
 * `rate-conversation`): the conversation, or null after answering `not-found`, which is also the
 * answer to anyone but a visitor.
 */
export async function visitorConversation(
  scope: RequestScope,
  request: { id: string; conversationId: string },
): Promise<Conversation | null> {
  const conversation =
    scope.identity.role === "visitor" ? await visibleConversation(scope, request.conversationId) : null;
  if (!conversation) scope.outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
  return conversation;
}

/**
 * `visibleConversation` for the hot paths (send-message, typing, read, delivered): the same rule
 * and answer, on the few fields storage reads without the rest of the conversation.
 */
export async function visibleAccess(scope: RequestScope, id: string): Promise<ConversationAccess | null> {
  const access = await scope.services.storage.getConversationAccess(id);
  return access && maySee(scope.identity, access) ? access : null;
}

/** Whether this identity may see the conversation at all (the rule of `visibleConversation`). */
export function maySee(identity: Identity, conversation: Pick<Conversation, "appId" | "visitorId">): boolean {
  if (identity.role === "agent") return identity.appIds.includes(conversation.appId);
  return conversation.visitorId === identity.visitorId && conversation.appId === identity.appId;
}

export const NOT_FOUND_MESSAGE = "no such conversation";
