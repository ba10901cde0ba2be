import type { AddNote, Note } from "@relaydesk/sdk-types";
import { newId } from "../../ids.ts";
import type { RequestScope } from "../request-scope.ts";
import { wellFormed } from "../well-formed.ts";
import { agentConversation } from "./agent-conversation.ts";

/**
 * Agent: an internal note on a conversation. Stored apart from messages and published on the
 * agents' topic of the app only: no visitor socket can receive it live, in a replay, in a history
 * page or a conversation list, because none of those read notes.
 */
export async function addNote(scope: RequestScope, request: AddNote): Promise<void> {
  const found = await agentConversation(scope, request);
  if (!found) return;
  const note = await storeNote(scope, found.conversation.id, request.body);
  scope.outbound.send({ type: "note", replyTo: request.id, note });
}

/** Store a note by this connection's agent and tell the app's agents. */
export async function storeNote(scope: RequestScope, conversationId: string, body: string): Promise<Note> {
  const { services, identity } = scope;
  const note = await services.storage.addNote({
    id: newId("not"),
    conversationId,
    author: identity.self,
    body: wellFormed(body),
    createdAt: services.now(),
  });
  const conversation = await services.storage.getConversation(conversationId);
  if (conversation) {
    await services.fanOut
      .toAgents(conversation.appId, { type: "note-created", note })
      .catch((error: unknown) => services.logger.error("publish failed", { event: "note-created", error }));
  }
  return note;
}
