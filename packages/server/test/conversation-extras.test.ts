import { createClient, type RelaydeskClient } from "@relaydesk/client";
import { visitorActions } from "@relaydesk/client/visitor";
import type { PrechatForm } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { RelayEvent } from "../src/routing/relay-events.ts";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  type Harness,
  ORIGIN,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";
import { setRouting, updated } from "./routing-helpers.ts";

const FORM: PrechatForm = [
  { id: "name", type: "name", label: "Your name", required: true },
  { id: "email", type: "email", label: "Your email", required: true },
  { id: "topic", type: "select", label: "Topic", options: ["Billing", "Bug"] },
  { id: "details", type: "text", label: "Details" },
];

let harness: Harness;
let events: RelayEvent[];
afterEach(async () => {
  await harness.stop();
});

async function start() {
  events = [];
  harness = await startHarness({ onEvent: (event) => events.push(event) });
}

describe("pre-chat form", () => {
  it("is sent in the visitor's welcome, never the agent's; none without a form", async () => {
    await start();
    const before = await connectVisitor(harness);
    expect(before.frames.find((f) => f.type === "welcome")).not.toHaveProperty("prechat");
    await harness.storage.setPrechatForm(APP_ID, FORM);
    const visitor = await connectVisitor(harness);
    expect(visitor.frames.find((f) => f.type === "welcome")).toMatchObject({ prechat: FORM });
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    expect(agent.frames.find((f) => f.type === "welcome")).not.toHaveProperty("prechat");
  });

  it("refuses a new conversation without valid answers, naming the field, and stores valid ones for agents only", async () => {
    await start();
    await harness.storage.setPrechatForm(APP_ID, FORM);
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);

    const missing = await request(visitor, { type: "start-conversation", prechat: { name: "Ana" } });
    expect(missing).toMatchObject({ type: "error", code: "prechat-invalid", retry: false });
    expect(missing.type === "error" && missing.message).toContain("Your email is required");
    const wrong = await request(visitor, {
      type: "start-conversation",
      prechat: { name: "Ana", email: "ana@", topic: "Sales", extra: "x" },
    });
    expect(wrong.type === "error" && wrong.message).toMatch(
      /Your email must be an address.*Topic must be one of: Billing, Bug/,
    );
    expect(wrong.type === "error" && wrong.message).toContain("no field extra");
    const malformed = await request(visitor, { type: "start-conversation", prechat: { name: 5 } });
    expect(malformed).toMatchObject({ type: "error", code: "bad-frame" });
    expect(await harness.storage.listConversations({ appId: APP_ID })).toEqual([]);

    const reply = await request(visitor, {
      type: "start-conversation",
      prechat: { name: " Ana ", email: "ana@example.com", topic: "Bug", details: "" },
    });
    expect(reply.type).toBe("conversation");
    // The visitor's copy leaves the answers out, like every other agents-only field.
    expect(reply).not.toHaveProperty("conversation.prechat");
    const entries = [
      { id: "name", label: "Your name", value: "Ana" },
      { id: "email", label: "Your email", value: "ana@example.com" },
      { id: "topic", label: "Topic", value: "Bug" },
    ];
    const id = reply.type === "conversation" ? reply.conversation.id : "";
    const created = await agent.next("conversation-created", (f) => f.conversation.id === id);
    expect(created.conversation.prechat).toEqual(entries);
    expect((await harness.storage.getConversation(id))?.prechat).toEqual(entries);
    // Asking again for the active conversation needs no answers.
    expect(await request(visitor, { type: "start-conversation" })).toMatchObject({ type: "conversation" });
  });
});

describe("rating (CSAT)", () => {
  async function closedConversation() {
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    return { agent, visitor, conversationId };
  }

  it("takes one rating of a closed conversation, shows it to agents and emits conversation.rated", async () => {
    await start();
    const { agent, visitor, conversationId } = await closedConversation();
    const early = await request(visitor, { type: "rate-conversation", conversationId, score: 5 });
    expect(early).toMatchObject({ type: "error", code: "not-closed" });
    await updated(agent, conversationId, (c) => c.status === "assigned");
    expect(await request(agent, { type: "close-conversation", conversationId })).toMatchObject({
      type: "conversation",
    });

    for (const score of [0, 6, 2.5]) {
      const bad = await request(visitor, { type: "rate-conversation", conversationId, score });
      expect(bad).toMatchObject({ type: "error", code: "bad-frame" });
      expect(bad.type === "error" && bad.message).toContain("score must be");
    }
    const reply = await request(visitor, {
      type: "rate-conversation",
      conversationId,
      score: 4,
      comment: "  Quick, thanks  ",
    });
    expect(reply).toMatchObject({
      type: "conversation",
      conversation: { rating: { score: 4, comment: "Quick, thanks" } },
    });
    const seen = await updated(agent, conversationId, (c) => c.rating !== undefined);
    expect(seen.rating).toMatchObject({ score: 4, comment: "Quick, thanks" });
    const rated = () => events.filter((event) => event.type === "conversation.rated");
    expect(rated()).toEqual([
      expect.objectContaining({
        type: "conversation.rated",
        appId: APP_ID,
        conversationId,
        score: 4,
        comment: "Quick, thanks",
      }),
    ]);

    const again = await request(visitor, { type: "rate-conversation", conversationId, score: 1 });
    expect(again).toMatchObject({ type: "error", code: "already-rated" });
    expect((await harness.storage.getConversation(conversationId))?.rating).toMatchObject({ score: 4 });
    expect(rated()).toHaveLength(1);
  });

  it("refuses ratings from agents and for another visitor's conversation, storing nothing", async () => {
    await start();
    const { agent, conversationId } = await closedConversation();
    await updated(agent, conversationId, (c) => c.status === "assigned");
    await request(agent, { type: "close-conversation", conversationId });
    const other = await connectVisitor(harness);
    expect(await request(other, { type: "rate-conversation", conversationId, score: 1 })).toMatchObject({
      type: "error",
      code: "not-found",
    });
    expect(await request(agent, { type: "rate-conversation", conversationId, score: 1 })).toMatchObject({
      type: "error",
    });
    expect((await harness.storage.getConversation(conversationId))?.rating).toBeUndefined();
    expect(events.filter((event) => event.type === "conversation.rated")).toEqual([]);
  });
});

describe("offline form (leave-email) with nobody online", () => {
  it("tells the visitor nobody is online and records the email for agents", async () => {
    await start();
    await setRouting(harness, { queues: [{ id: "main", strategy: "round-robin" }], defaultQueue: "main" });
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    expect(await visitor.next("availability")).toMatchObject({
      conversationId,
      open: false,
      reason: "nobody-online",
    });
    expect(
      await request(visitor, { type: "leave-email", conversationId, email: "ana@example.com" }),
    ).toMatchObject({ type: "conversation" });
    expect((await harness.storage.getConversation(conversationId))?.offlineEmail).toBe("ana@example.com");
  });
});

describe("the client's visitor path (createClient + visitorActions)", () => {
  class PageWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin: ORIGIN });
    }
  }
  const clients: RelaydeskClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  const visitorClient = () => {
    const client = createClient({
      url: harness.relay.url,
      auth: { role: "visitor", appId: APP_ID },
      WebSocket: PageWebSocket,
    });
    clients.push(client);
    return client;
  };

  it("sends pre-chat answers, hears availability, leaves an email and rates after the close", async () => {
    await start();
    await harness.storage.setPrechatForm(APP_ID, FORM);
    await setRouting(harness, { queues: [{ id: "main", strategy: "round-robin" }], defaultQueue: "main" });
    const client = visitorClient();
    const actions = visitorActions(client);
    const availability = new Promise((resolve) => client.on("availability", resolve));
    await expect(client.startConversation({ prechat: { name: "Ana" } })).rejects.toMatchObject({
      code: "prechat-invalid",
    });
    expect(client.session?.prechat).toEqual(FORM);
    const conversation = await client.startConversation({
      prechat: { name: "Ana", email: "ana@example.com" },
    });
    expect(await availability).toMatchObject({ conversationId: conversation.id, reason: "nobody-online" });
    await expect(actions.leaveEmail(conversation.id, "not-an-address")).rejects.toMatchObject({
      code: "bad-frame",
      message: expect.stringContaining("email must be an address"),
    });
    await actions.leaveEmail(conversation.id, " ana@example.com ");
    expect((await harness.storage.getConversation(conversation.id))?.offlineEmail).toBe("ana@example.com");

    await expect(actions.rateConversation(conversation.id, 6)).rejects.toMatchObject({ code: "bad-frame" });
    await expect(actions.rateConversation(conversation.id, 5)).rejects.toMatchObject({ code: "not-closed" });
    await harness.storage.updateConversation(conversation.id, { status: "closed", updatedAt: Date.now() });
    const rated = await actions.rateConversation(conversation.id, 5, "  ");
    expect(rated.rating).toMatchObject({ score: 5 });
    expect(rated.rating).not.toHaveProperty("comment");
    await expect(actions.rateConversation(conversation.id, 3)).rejects.toMatchObject({
      code: "already-rated",
    });
  });
});
