import type { ClientRequest, ConversationReply } from "@relaydesk/sdk-types";
import { createId } from "./client-id.ts";
import { RelaydeskError } from "./relaydesk-error.ts";
import type { RelaydeskClient, VisitorActions } from "./types.ts";

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * The visitor's requests beside chatting: leaving an email while nobody can answer, rating a
 * closed conversation. Apart from `createClient`, so a client that never uses them (a bot, the
 * widget's core) does not carry them. Arguments are checked here with a readable error; the relay
 * checks them again.
 *
 * @example
 * const visitor = visitorActions(client);
 * client.on("availability", (a) => !a.open && askForEmail(a));
 * await visitor.rateConversation(conversationId, 5, "Quick and kind");
 */
export function visitorActions(client: Pick<RelaydeskClient, "session" | "request">): VisitorActions {
  const call = (frame: Record<string, unknown>) => {
    if (client.session && client.session.role !== "visitor")
      return Promise.reject(new RelaydeskError("forbidden", `${String(frame.type)} is for visitors`));
    if (!client.request)
      return Promise.reject(new TypeError("visitorActions needs a client from createClient"));
    return client
      .request({ ...frame, id: createId("r_") } as ClientRequest, "conversation")
      .then((reply) => (reply as ConversationReply).conversation);
  };
  const refuse = (message: string) => Promise.reject(new RelaydeskError("bad-frame", message));
  return {
    leaveEmail(conversationId, email) {
      if (typeof email !== "string" || !EMAIL.test(email.trim()) || email.trim().length > 254)
        return refuse("leaveEmail: email must be an address like name@example.com");
      return call({ type: "leave-email", conversationId, email: email.trim() });
    },
    rateConversation(conversationId, score, comment) {
      if (!Number.isInteger(score) || score < 1 || score > 5)
        return refuse("rateConversation: score must be a whole number from 1 to 5");
      if (comment !== undefined && (typeof comment !== "string" || comment.length > 1000))
        return refuse("rateConversation: comment must be text of at most 1000 characters");
      const text = comment?.trim();
      return call({ type: "rate-conversation", conversationId, score, ...(text ? { comment: text } : {}) });
    },
  };
}
