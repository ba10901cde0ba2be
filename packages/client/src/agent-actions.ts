import type {
  AgentPresenceEntry,
  CannedReplies,
  ClientRequest,
  Conversation,
  ConversationReply,
  ConversationsReply,
  NoteReply,
  NotesReply,
  PresenceReply,
  QueuesReply,
  ReplyFrame,
  VisitorConversationsReply,
} from "@relaydesk/sdk-types";
import { createId } from "./client-id.ts";
import { RelaydeskError } from "./relaydesk-error.ts";
import type { AgentActions, RelaydeskClient } from "./types.ts";

/**
 * The agent-only requests (offers, claim, transfer, presence, notes, tags, priority, reopen, canned
 * replies) on top of a client signed in as an agent. A separate entry (`@relaydesk/client/agent`) so the
 * widget, which bundles the client, carries none of it.
 *
 * @example
 * const agent = agentActions(client);
 * client.on("offer", (offer) => void agent.acceptOffer(offer.conversation.id));
 */
export function agentActions(client: RelaydeskClient): AgentActions {
  const call = <T extends ReplyFrame["type"]>(frame: Record<string, unknown>, expected: T) => {
    if (client.session && client.session.role !== "agent") {
      return Promise.reject(new RelaydeskError("forbidden", `${String(frame.type)} is for agents`));
    }
    if (!client.request)
      return Promise.reject(new TypeError("agentActions needs a client from createClient"));
    return client.request({ ...frame, id: createId("r_") } as ClientRequest, expected);
  };
  const onConversation = (frame: Record<string, unknown>): Promise<Conversation> =>
    call(frame, "conversation").then((reply) => (reply as ConversationReply).conversation);
  const presence = (frame: Record<string, unknown>): Promise<AgentPresenceEntry[]> =>
    call(frame, "presence").then((reply) => (reply as PresenceReply).agents);
  return {
    listConversations: () =>
      call({ type: "list-conversations" }, "conversations").then((reply) => {
        const { conversations, claimable } = reply as ConversationsReply;
        return { conversations, claimable: claimable ?? [] };
      }),
    acceptOffer: (conversationId) => onConversation({ type: "accept-offer", conversationId }),
    declineOffer: (conversationId) => onConversation({ type: "decline-offer", conversationId }),
    claim: (conversationId) => onConversation({ type: "claim", conversationId }),
    transfer: (conversationId, to, note) =>
      onConversation({ type: "transfer", conversationId, to, ...(note === undefined ? {} : { note }) }),
    setTags: (conversationId, tags) => onConversation({ type: "set-tags", conversationId, tags }),
    setPriority: (conversationId, priority) =>
      onConversation({ type: "set-priority", conversationId, priority }),
    closeConversation: (conversationId) => onConversation({ type: "close-conversation", conversationId }),
    reopenConversation: (conversationId) => onConversation({ type: "reopen-conversation", conversationId }),
    setPresence: (status) => presence({ type: "set-presence", status }),
    listPresence: () => presence({ type: "list-presence" }),
    addNote: (conversationId, body) =>
      call({ type: "add-note", conversationId, body }, "note").then((reply) => (reply as NoteReply).note),
    listNotes: (conversationId) =>
      call({ type: "list-notes", conversationId }, "notes").then((reply) => (reply as NotesReply).notes),
    listCanned: () =>
      call({ type: "list-canned" }, "canned").then((reply) => (reply as CannedReplies).replies),
    listQueues: () => call({ type: "list-queues" }, "queues").then((reply) => (reply as QueuesReply).queues),
    listVisitorConversations: (conversationId) =>
      call({ type: "list-visitor-conversations", conversationId }, "visitor-conversations").then(
        (reply) => reply as VisitorConversationsReply,
      ),
  };
}
