import type { WebSocketFactory } from "@relaydesk/client";
import { createClient, type RelaydeskClient } from "@relaydesk/client";
import { agentActions } from "@relaydesk/client/agent";

export interface EchoBotOptions {
  /** Relay base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  /** Token from `relaydesk agents add "Echo Bot"`. */
  agentToken: string;
  /** `ws` on Node 20; Node 22+ can use the global WebSocket. */
  WebSocket?: WebSocketFactory;
  /** What to answer a visitor's message with. */
  reply?: (body: string) => string;
}

/**
 * A bot is just an agent that is a program: it signs in with an agent token, is offered
 * conversations like any agent (and accepts every offer at once), and answers the visitor's new messages in the conversations
 * assigned to it. Messages that were already there when it first saw a conversation (history
 * replayed on connect) are not answered again.
 *
 * @example
 * const bot = startEchoBot({ url: "http://127.0.0.1:8787", agentToken, WebSocket });
 */
export function startEchoBot(options: EchoBotOptions): RelaydeskClient {
  const reply = options.reply ?? ((body: string) => `You said: ${body}`);
  const client = createClient({
    url: options.url,
    auth: { role: "agent", agentToken: options.agentToken },
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
  });
  const actions = agentActions(client);
  const mine = new Set<string>();
  /** Per conversation, the last seq that existed when the bot first heard of it. */
  const answeredUpTo = new Map<string, number>();

  client.on("welcome", async (welcome) => {
    for (const conversation of await client.listConversations()) {
      if (!answeredUpTo.has(conversation.id)) answeredUpTo.set(conversation.id, conversation.lastSeq);
      if (conversation.assignee?.id === welcome.self.id) mine.add(conversation.id);
    }
  });
  client.on("conversation", (conversation) => {
    if (!answeredUpTo.has(conversation.id)) answeredUpTo.set(conversation.id, conversation.lastSeq);
    const assignedToMe =
      conversation.assignee?.id === client.session?.self.id && conversation.status !== "closed";
    if (assignedToMe) mine.add(conversation.id);
    else mine.delete(conversation.id);
  });
  // Routing offers a conversation and waits for an accept; a bot never hesitates. A lost race
  // (the offer expired meanwhile) is routine: the conversation goes to someone else.
  client.on("offer", (offer) => {
    actions.acceptOffer(offer.conversation.id).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "offer-expired")
        console.error("echo bot could not accept:", error);
    });
  });
  client.on("message", (message) => {
    if (message.author.kind !== "visitor" || !mine.has(message.conversationId)) return;
    if (message.seq <= (answeredUpTo.get(message.conversationId) ?? 0)) return;
    answeredUpTo.set(message.conversationId, message.seq);
    // The clientMsgId is derived from the message answered, so a bot restarted mid-reply
    // cannot answer the same message twice: the relay deduplicates the retry.
    client
      .sendMessage(message.conversationId, reply(message.body), { clientMsgId: `echo-${message.id}` })
      .catch((error: unknown) => console.error("echo bot could not reply:", error));
  });
  return client;
}
