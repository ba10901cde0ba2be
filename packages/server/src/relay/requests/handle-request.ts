import type { AgentRequest, VisitorRequest } from "@relaydesk/sdk-types";
import { errorFrame, type RequestScope } from "../request-scope.ts";
import { acceptOffer } from "./accept-offer.ts";
import { addNote } from "./add-note.ts";
import { claim } from "./claim.ts";
import { closeConversation } from "./close-conversation.ts";
import { declineOffer } from "./decline-offer.ts";
import { getHistory } from "./get-history.ts";
import { identify } from "./identify.ts";
import { leaveEmail } from "./leave-email.ts";
import { listCanned } from "./list-canned.ts";
import { listConversations } from "./list-conversations.ts";
import { listNotes } from "./list-notes.ts";
import { listQueues } from "./list-queues.ts";
import { listVisitorConversations } from "./list-visitor-conversations.ts";
import { pageView } from "./page-view.ts";
import { ping } from "./ping.ts";
import { rateConversation } from "./rate-conversation.ts";
import { reopenConversation } from "./reopen-conversation.ts";
import { sendMessage } from "./send-message.ts";
import { listPresence, setPresence } from "./set-presence.ts";
import { setPriority } from "./set-priority.ts";
import { setTags } from "./set-tags.ts";
import { startConversation } from "./start-conversation.ts";
import { transfer } from "./transfer.ts";
import { delivered, read, typing } from "./typing-and-read.ts";

/**
 * Dispatch one validated request to its handler. Handlers send their own replies (so that, e.g.,
 * `send-message` can publish after acknowledging); unexpected failures propagate to the caller,
 * which answers `internal`. On an app that requires identification, an anonymous visitor gets
 * `identity-required` for everything but `identify`, `ping` and `page-view` (which only changes the
 * page its conversations will start with: it has none yet).
 */
export async function handleRequest(
  scope: RequestScope,
  request: VisitorRequest | AgentRequest,
): Promise<void> {
  const { identity } = scope;
  if (
    scope.requireIdentity &&
    identity.role === "visitor" &&
    identity.userId === undefined &&
    request.type !== "identify" &&
    request.type !== "ping" &&
    request.type !== "page-view"
  ) {
    const id = "id" in request ? request.id : undefined;
    scope.outbound.send(
      errorFrame(id, "identity-required", `this app requires identify before ${request.type}`),
    );
    return;
  }
  switch (request.type) {
    case "start-conversation":
      return startConversation(scope, request);
    case "send-message":
      return sendMessage(scope, request);
    case "list-conversations":
      return listConversations(scope, request);
    case "get-history":
      return getHistory(scope, request);
    case "typing":
      return typing(scope, request);
    case "read":
      return read(scope, request);
    case "delivered":
      return delivered(scope, request);
    case "ping":
      return ping(scope, request);
    case "close-conversation":
      return closeConversation(scope, request);
    case "identify":
      return identify(scope, request);
    case "accept-offer":
      return acceptOffer(scope, request);
    case "decline-offer":
      return declineOffer(scope, request);
    case "claim":
      return claim(scope, request);
    case "transfer":
      return transfer(scope, request);
    case "set-presence":
      return setPresence(scope, request);
    case "list-presence":
      return listPresence(scope, request);
    case "add-note":
      return addNote(scope, request);
    case "list-notes":
      return listNotes(scope, request);
    case "set-tags":
      return setTags(scope, request);
    case "set-priority":
      return setPriority(scope, request);
    case "reopen-conversation":
      return reopenConversation(scope, request);
    case "list-canned":
      return listCanned(scope, request);
    case "leave-email":
      return leaveEmail(scope, request);
    case "list-queues":
      return listQueues(scope, request);
    case "list-visitor-conversations":
      return listVisitorConversations(scope, request);
    case "rate-conversation":
      return rateConversation(scope, request);
    case "page-view":
      return pageView(scope, request);
  }
}
