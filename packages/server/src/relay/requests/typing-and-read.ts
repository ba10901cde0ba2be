import type { Delivered, DeliveredEvent, Read, ReadEvent, Typing, TypingEvent } from "@relaydesk/sdk-types";
import type { ConversationAccess } from "../../storage/types.ts";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleAccess } from "../request-scope.ts";

/**
 * `typing`, `read` and `delivered` are ephemeral: nothing is stored, they are only passed on to the other
 * participants (see fan-out.ts for why the sender never gets them back). They carry no request
 * id, so a refusal is an error frame without `replyTo`. Each kind is throttled per participant and
 * conversation (`SignalThrottle`): at most one per `signalIntervalMs`, the latest winning, and a
 * stopped typing at once.
 */
async function passOn(
  scope: RequestScope,
  conversationId: string,
  event: (conversation: ConversationAccess) => TypingEvent | ReadEvent | DeliveredEvent,
  urgent = false,
): Promise<void> {
  const conversation = await visibleAccess(scope, conversationId);
  if (!conversation) {
    scope.outbound.send(errorFrame(undefined, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  const frame = event(conversation);
  const { services, identity } = scope;
  const key = `${frame.type}:${conversation.id}:${identity.self.kind}:${identity.self.id}`;
  services.signals.submit(
    key,
    () => {
      services.fanOut
        .signal(conversation, frame)
        .catch((error: unknown) => services.logger.error("publish failed", { event: frame.type, error }));
    },
    urgent,
  );
}

export function typing(scope: RequestScope, request: Typing): Promise<void> {
  return passOn(
    scope,
    request.conversationId,
    (conversation) => ({
      type: "typing",
      conversationId: conversation.id,
      author: scope.identity.self,
      active: request.active,
    }),
    !request.active,
  );
}

export function read(scope: RequestScope, request: Read): Promise<void> {
  return passOn(scope, request.conversationId, (conversation) => ({
    type: "read",
    conversationId: conversation.id,
    reader: scope.identity.self,
    // Nobody can have read past the newest message; a larger claim is a client bug, not news.
    seq: Math.min(request.seq, conversation.lastSeq),
  }));
}

export function delivered(scope: RequestScope, request: Delivered): Promise<void> {
  return passOn(scope, request.conversationId, (conversation) => ({
    type: "delivered",
    conversationId: conversation.id,
    recipient: scope.identity.self,
    // As for `read`: nothing past the newest message can have arrived.
    seq: Math.min(request.seq, conversation.lastSeq),
  }));
}
