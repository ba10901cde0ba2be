import type { Delivered, Read, Typing } from "@relaydesk/sdk-types";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleConversation } from "../request-scope.ts";

/**
 * `typing`, `read` and `delivered` are ephemeral: nothing is stored, they are only passed on to the other
 * participants (see fan-out.ts for why the sender never gets them back). They carry no request
 * id, so a refusal is an error frame without `replyTo`.
 */
export async function typing(scope: RequestScope, request: Typing): Promise<void> {
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    scope.outbound.send(errorFrame(undefined, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  await scope.services.fanOut.typing(conversation.visitorId, {
    type: "typing",
    conversationId: conversation.id,
    author: scope.identity.self,
    active: request.active,
  });
}

export async function read(scope: RequestScope, request: Read): Promise<void> {
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    scope.outbound.send(errorFrame(undefined, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  await scope.services.fanOut.read(conversation.visitorId, {
    type: "read",
    conversationId: conversation.id,
    reader: scope.identity.self,
    // Nobody can have read past the newest message; a larger claim is a client bug, not news.
    seq: Math.min(request.seq, conversation.lastSeq),
  });
}

export async function delivered(scope: RequestScope, request: Delivered): Promise<void> {
  const conversation = await visibleConversation(scope, request.conversationId);
  if (!conversation) {
    scope.outbound.send(errorFrame(undefined, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  await scope.services.fanOut.delivered(conversation.visitorId, {
    type: "delivered",
    conversationId: conversation.id,
    recipient: scope.identity.self,
    // As for `read`: nothing past the newest message can have arrived.
    seq: Math.min(request.seq, conversation.lastSeq),
  });
}
