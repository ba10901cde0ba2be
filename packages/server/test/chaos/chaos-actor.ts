import { createClient, type RelaydeskClient } from "@relaydesk/client";
import { agentActions } from "@relaydesk/client/agent";
import type { Ack, Conversation, Message } from "@relaydesk/sdk-types";
import type { Participant } from "./audit-delivery.ts";
import { createChaosSocket } from "./chaos-socket.ts";
import type { SeededRandom } from "./seeded-random.ts";

/** What every actor reports to the scenario. */
export interface ChaosLedger {
  /** First acks of original sends (not of duplicate sends). */
  acked: Ack[];
  /** Original sends made (each a new clientMsgId). */
  sent: number;
  duplicateSends: number;
  /** Duplicate sends not answered with the original ack and `duplicate: true`. */
  duplicateFailures: string[];
  /** Original sends whose first ack already said `duplicate`: stored, but the ack was lost to a fault. */
  lostAcks: number;
  /** Sends made (originals, replies, duplicates) and how many of them have settled. */
  started: number;
  settled: number;
  /** Original sends in call order: `[sender, conversationId, clientMsgId]`. */
  sendOrder: [string, string, string][];
  /** Requests that failed (none should: every one is retried across reconnects). */
  errors: string[];
}

export function createLedger(): ChaosLedger {
  return {
    acked: [],
    sent: 0,
    duplicateSends: 0,
    duplicateFailures: [],
    lostAcks: 0,
    started: 0,
    settled: 0,
    sendOrder: [],
    errors: [],
  };
}

/** One client of the run: a visitor or an agent, with the socket the test can cut. */
export interface ChaosActor {
  name: string;
  client: RelaydeskClient;
  participant: Participant;
  /** Cut the current connection (false when there is none). */
  drop(): boolean;
  /** Open and past the resume replay of its latest connection. */
  healed(): boolean;
  /** Highest seq received per conversation. */
  seen: Map<string, number>;
}

export interface ActorOptions {
  name: string;
  url: string;
  random: SeededRandom;
  ledger: ChaosLedger;
  duplicateChance: number;
  /** Sees every frame the client sends (the scenario times relay kills with it). */
  onSend?(data: string): void;
}

/** Faster reconnects than a browser's defaults, so a run spends its time on traffic, not waiting. */
const CLIENT_TIMINGS = { reconnectInitialDelayMs: 50, reconnectMaxDelayMs: 500, requestTimeoutMs: 5_000 };

function createActor(
  options: ActorOptions,
  auth: Parameters<typeof createClient>[0]["auth"],
  conversations: Set<string> | null,
  origin?: string,
): ChaosActor {
  const socket = createChaosSocket({
    ...(origin ? { origin } : {}),
    ...(options.onSend ? { onSend: options.onSend } : {}),
  });
  const client = createClient({
    url: options.url,
    auth,
    WebSocket: socket.WebSocket,
    random: options.random.fork("jitter").next,
    ...CLIENT_TIMINGS,
  });
  const received: Message[] = [];
  const seen = new Map<string, number>();
  let synced = false;
  client.on("welcome", () => {
    synced = false;
  });
  client.on("sync", () => {
    synced = true;
  });
  client.on("message", (message) => {
    received.push(message);
    seen.set(message.conversationId, Math.max(seen.get(message.conversationId) ?? 0, message.seq));
  });
  return {
    name: options.name,
    client,
    participant: { name: options.name, conversations, received },
    drop: socket.drop,
    healed: () => client.state === "open" && synced,
    seen,
  };
}

/**
 * Send a new message and record its ack; now and then send an already acknowledged one again under
 * its clientMsgId, which must come back as the original ack with `duplicate: true`.
 */
function sender(actor: ChaosActor, options: ActorOptions) {
  const { ledger, random } = options;
  const acked: { ack: Ack; body: string }[] = [];

  const resend = ({ ack, body }: { ack: Ack; body: string }) => {
    ledger.duplicateSends += 1;
    ledger.started += 1;
    actor.client
      .sendMessage(ack.conversationId, body, { clientMsgId: ack.clientMsgId })
      .then((repeat) => {
        if (!repeat.duplicate || repeat.messageId !== ack.messageId || repeat.seq !== ack.seq) {
          ledger.duplicateFailures.push(`${actor.name} ${ack.clientMsgId}: ${JSON.stringify(repeat)}`);
        }
      })
      .catch((error: unknown) => ledger.duplicateFailures.push(`${actor.name} ${ack.clientMsgId}: ${error}`))
      .finally(() => {
        ledger.settled += 1;
      });
  };

  return (conversationId: string, body: string, clientMsgId: string): Promise<void> => {
    ledger.sent += 1;
    ledger.started += 1;
    ledger.sendOrder.push([actor.name, conversationId, clientMsgId]);
    const sent = actor.client
      .sendMessage(conversationId, body, { clientMsgId })
      .then((ack) => {
        ledger.acked.push(ack);
        if (ack.duplicate) ledger.lostAcks += 1;
        acked.push({ ack, body });
      })
      .catch((error: unknown) => {
        ledger.errors.push(`${actor.name} send ${clientMsgId}: ${error}`);
      })
      .finally(() => {
        ledger.settled += 1;
      });
    if (acked.length > 0 && random.chance(options.duplicateChance)) resend(random.pick(acked));
    return sent;
  };
}

export interface VisitorScript {
  startAfterMs: number;
  messages: number;
  gapMs: [number, number];
}

/**
 * A visitor on the vendor's page: starts a conversation after a while and sends its messages at
 * random intervals without waiting for acks (as a person typing does). `run` resolves once every
 * one of them is acknowledged. With the `visitorToken` of another one, it is a second tab of the
 * same visitor: the same conversation, every message in both tabs.
 */
export function createVisitor(
  options: ActorOptions & { appId: string; origin: string; visitorToken?: string | undefined },
): ChaosActor & { run(script: VisitorScript): Promise<void>; burst(count: number): boolean } {
  const auth = { role: "visitor" as const, appId: options.appId, visitorToken: options.visitorToken };
  const actor = createActor(options, auth, new Set(), options.origin);
  const send = sender(actor, options);
  const { random } = options;
  let conversationId: string | null = null;
  let bursts = 0;
  return Object.assign(actor, {
    async run(script: VisitorScript) {
      await sleep(script.startAfterMs);
      const conversation = await actor.client.startConversation();
      conversationId = conversation.id;
      (actor.participant.conversations as Set<string>).add(conversation.id);
      const sends: Promise<void>[] = [];
      for (let i = 0; i < script.messages; i++) {
        await sleep(random.int(...script.gapMs));
        sends.push(send(conversation.id, `${options.name} says ${i}`, `${options.name}-${i}`));
      }
      await Promise.all(sends);
    },
    /**
     * Write `count` messages at once (a long outbox, as after a reload or from a bot), e.g. while
     * the relay is down so that they are flushed together. False before the conversation exists.
     */
    burst(count: number): boolean {
      if (conversationId === null) return false;
      bursts += 1;
      for (let i = 0; i < count; i++) {
        void send(
          conversationId,
          `${options.name} burst ${bursts} line ${i}`,
          `${options.name}-b${bursts}-${i}`,
        );
      }
      return true;
    },
  });
}

/**
 * An agent as the console or a bot would be: learns its assignments from `conversation` events and,
 * after every resume, from `listConversations` (loading the history of assigned conversations it
 * has not seen all of), and answers visitor messages in conversations assigned to it while
 * `replying()` holds.
 */
export function createAgent(
  options: ActorOptions & { agentToken: string; replyChance: number; replying(): boolean },
): ChaosActor {
  const actor = createActor(options, { role: "agent", agentToken: options.agentToken }, null);
  const { client } = actor;
  const send = sender(actor, options);
  const mine = new Set<string>();
  const learn = (conversation: Conversation) => {
    if (conversation.assignee?.id === client.session?.self.id) mine.add(conversation.id);
    else mine.delete(conversation.id);
  };
  const catchUp = async () => {
    for (const conversation of await client.listConversations()) {
      learn(conversation);
      const have = actor.seen.get(conversation.id) ?? 0;
      if (mine.has(conversation.id) && conversation.lastSeq > have) {
        await client.getHistory(conversation.id, { afterSeq: have });
      }
    }
  };
  client.on("conversation", learn);
  // Routing offers; a bot takes every offer (one lost to a relay kill expires and is made again).
  const actions = agentActions(client);
  client.on("offer", (offer) => void actions.acceptOffer(offer.conversation.id).catch(() => {}));
  client.on("sync", () => {
    catchUp().catch((error: unknown) => {
      if (client.state !== "idle") options.ledger.errors.push(`${options.name} catch-up: ${error}`);
    });
  });
  client.on("message", (message) => {
    if (message.author.kind !== "visitor" || !mine.has(message.conversationId)) return;
    if (!options.replying() || !options.random.chance(options.replyChance)) return;
    void send(message.conversationId, `re: ${message.body}`, `re-${message.clientMsgId}`);
  });
  return actor;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
