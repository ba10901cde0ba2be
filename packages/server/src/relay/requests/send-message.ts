import type { SendMessage } from "@relaydesk/sdk-types";
import { isRelaydeskError } from "../../errors.ts";
import { newId } from "../../ids.ts";
import { errorFrame, NOT_FOUND_MESSAGE, type RequestScope, visibleAccess } from "../request-scope.ts";
import { wellFormed } from "../well-formed.ts";

/**
 * Store, then acknowledge, then publish: the ack promises durability, so it waits for storage;
 * publishing last means nobody hears of a message its sender could still lose. A repeated
 * clientMsgId is acknowledged again (`duplicate: true`) but not republished: everyone who was
 * connected heard of it the first time, and anyone who missed it gets it on resume.
 */
export async function sendMessage(scope: RequestScope, request: SendMessage): Promise<void> {
  const { services, outbound, identity } = scope;
  const conversation = await visibleAccess(scope, request.conversationId);
  if (!conversation) {
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  let stored: Awaited<ReturnType<typeof services.storage.appendMessage>>;
  try {
    stored = await services.storage.appendMessage({
      id: newId("msg"),
      conversationId: conversation.id,
      clientMsgId: request.clientMsgId,
      author: identity.self,
      kind: "text",
      body: wellFormed(request.body),
      createdAt: services.now(),
      ...(request.attachments ? { attachments: request.attachments } : {}),
    });
  } catch (error) {
    // Storage decides both atomically with the write (see `Storage.appendMessage`).
    if (isRelaydeskError(error, "conversation-closed")) {
      outbound.send(errorFrame(request.id, "conversation-closed", "the conversation is closed"));
      return;
    }
    if (isRelaydeskError(error, "invalid-attachment")) {
      outbound.send(errorFrame(request.id, "invalid-attachment", error.message));
      return;
    }
    if (!isRelaydeskError(error, "not-found")) throw error;
    outbound.send(errorFrame(request.id, "not-found", NOT_FOUND_MESSAGE));
    return;
  }
  const { message, duplicate } = stored;
  outbound.send({
    type: "ack",
    replyTo: request.id,
    messageId: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    createdAt: message.createdAt,
    clientMsgId: message.clientMsgId,
    duplicate,
  });
  if (duplicate) return;
  // On the routing queue, after the ack: the clock is for agents and never delays the sender.
  void services.router.messageStored(message, conversation.appId).catch(() => {});
  try {
    await services.fanOut.messageCreated(conversation, message);
  } catch (error) {
    // Stored and acknowledged: the others get it on their next resume.
    services.logger.error("publish failed", { event: "message-created", messageId: message.id, error });
  }
}
