import {
  type ClientEvents,
  createClient,
  type RelaydeskClient,
  type WebSocketFactory,
} from "@relaydesk/client";
import { agentActions } from "@relaydesk/client/agent";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { APP_ID, type Harness, ORIGIN, startHarness } from "./relay-harness.ts";

/** Node's `ws` with the Origin header a browser on the vendor's page would send. */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}

class ForeignPageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: "https://phishing.test" });
  }
}

let harness: Harness;
const clients: RelaydeskClient[] = [];
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness.stop();
});

const fast = { reconnectInitialDelayMs: 20, reconnectMaxDelayMs: 200, requestTimeoutMs: 2_000 };

function visitorClient(WebSocketImpl: WebSocketFactory = PageWebSocket): RelaydeskClient {
  const client = createClient({
    url: harness.relay.url,
    auth: {
      role: "visitor",
      appId: APP_ID,
      page: { url: "https://app.acme.test/settings", title: "Settings" },
    },
    WebSocket: WebSocketImpl,
    ...fast,
  });
  clients.push(client);
  return client;
}

function agentClient(agentToken: string): RelaydeskClient {
  const client = createClient({
    url: harness.relay.url,
    auth: { role: "agent", agentToken },
    WebSocket,
    ...fast,
  });
  clients.push(client);
  // As a console would: take what routing offers (the `offer` event and `acceptOffer`).
  const actions = agentActions(client);
  client.on("offer", (offer) => void actions.acceptOffer(offer.conversation.id).catch(() => {}));
  return client;
}

function event<E extends keyof ClientEvents>(
  client: RelaydeskClient,
  name: E,
  match: (payload: ClientEvents[E]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on(name, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

describe("with the protocol client", () => {
  it("carries a conversation between a visitor and an agent both ways", async () => {
    const { id: agentId, token } = await harness.addAgent("Ada");
    const agent = agentClient(token);
    await event(agent, "sync");
    const visitor = visitorClient();

    // Listen first: the assignment can arrive right behind the reply.
    const assignment = event(visitor, "conversation", (c) => c.status === "assigned");
    const conversation = await visitor.startConversation();
    expect(conversation.attributes).toMatchObject({
      pageUrl: "https://app.acme.test/settings",
      pageTitle: "Settings",
    });
    const assigned = await assignment;
    expect(assigned.id).toBe(conversation.id);
    expect(assigned.assignee).toEqual({ id: agentId, name: "Ada" });

    const seen = event(agent, "message", (m) => m.body === "Where do I change my plan?");
    const ack = await visitor.sendMessage(conversation.id, "Where do I change my plan?");
    expect(ack.seq).toBe(1);
    expect((await seen).author).toEqual({ kind: "visitor", id: visitor.session!.self.id });

    const reply = event(visitor, "message", (m) => m.author.kind === "agent");
    await agent.sendMessage(conversation.id, "Settings → Billing → Change plan.");
    expect(await reply).toMatchObject({
      seq: 2,
      body: "Settings → Billing → Change plan.",
      author: { name: "Ada" },
    });
  });

  it("delivers a message queued while the relay restarts, once, and the visitor stays the same visitor", async () => {
    const { token } = await harness.addAgent("Ada");
    const agent = agentClient(token);
    const agentMessages: string[] = [];
    agent.on("message", (m) => agentMessages.push(m.body));
    await event(agent, "sync");
    const visitor = visitorClient();
    const conversation = await visitor.startConversation();
    const heard = event(agent, "message", (m) => m.body === "before the restart");
    await visitor.sendMessage(conversation.id, "before the restart");
    await heard;
    const visitorId = visitor.session!.self.id;

    const restarted = harness.restart();
    await event(visitor, "state", (s) => s === "reconnecting");
    const queued = visitor.sendMessage(conversation.id, "sent while the relay was down");
    expect(visitor.pending().map((p) => p.body)).toContain("sent while the relay was down");
    await restarted;

    const ack = await queued;
    expect(ack.seq).toBe(2);
    expect(visitor.pending()).toEqual([]);
    expect(visitor.session!.self.id).toBe(visitorId);
    if (!agentMessages.includes("sent while the relay was down")) {
      await event(agent, "message", (m) => m.body === "sent while the relay was down");
    }
    // The agent's view, healed by resume or live delivery, holds each message exactly once.
    const history = await agent.getHistory(conversation.id);
    expect(history.messages.map((m) => m.body)).toEqual([
      "before the restart",
      "sent while the relay was down",
    ]);
    expect(agentMessages.filter((b) => b === "sent while the relay was down")).toHaveLength(1);
    expect(await harness.storage.listMessages(conversation.id, 0, 10)).toHaveLength(2);
  });

  it("stops with a failed event naming origin-not-allowed on a foreign page", async () => {
    const visitor = visitorClient(ForeignPageWebSocket);
    const failure = await event(visitor, "failed");
    expect(failure).toMatchObject({ code: "origin-not-allowed", closeCode: 4004 });
    expect(visitor.state).toBe("idle");
  });
});
