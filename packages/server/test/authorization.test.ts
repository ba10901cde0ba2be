import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AgentRequestSchema,
  type Conversation,
  type ErrorFrame,
  type ServerFrame,
  VisitorRequestSchema,
} from "@relaydesk/sdk-types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HTTP_ROUTES } from "../src/http/create-http-handler.ts";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  ORIGIN,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

/**
 * Issue 6: every action is authorised, not only the connection. Two apps, two visitors each, an
 * agent per app and one serving both; every client frame that names a conversation is tried on
 * conversations the caller must not see, and must change nothing, tell nothing and reach nobody.
 */

const BETA = "beta";
const BETA_ORIGIN = "https://beta.example.test";
const MISSING = "cnv_doesnotexist";

type FrameBuilder = (conversationId: string, n: number) => Record<string, unknown>;

/** Every client frame type that names a conversation, and how to build one. */
const WITH_CONVERSATION: Record<string, FrameBuilder> = {
  "send-message": (conversationId, n) => ({
    type: "send-message",
    id: `x${n}`,
    conversationId,
    clientMsgId: `intruder-${n}`,
    body: "intruder",
  }),
  "get-history": (conversationId, n) => ({ type: "get-history", id: `x${n}`, conversationId }),
  typing: (conversationId) => ({ type: "typing", conversationId, active: true }),
  read: (conversationId) => ({ type: "read", conversationId, seq: 1 }),
  delivered: (conversationId) => ({ type: "delivered", conversationId, seq: 1 }),
  "close-conversation": (conversationId, n) => ({ type: "close-conversation", id: `x${n}`, conversationId }),
  "accept-offer": (conversationId, n) => ({ type: "accept-offer", id: `x${n}`, conversationId }),
  "decline-offer": (conversationId, n) => ({ type: "decline-offer", id: `x${n}`, conversationId }),
  claim: (conversationId, n) => ({ type: "claim", id: `x${n}`, conversationId }),
  transfer: (conversationId, n) => ({
    type: "transfer",
    id: `x${n}`,
    conversationId,
    to: { queueId: "default" },
    note: "intruder",
  }),
  "add-note": (conversationId, n) => ({ type: "add-note", id: `x${n}`, conversationId, body: "intruder" }),
  "list-notes": (conversationId, n) => ({ type: "list-notes", id: `x${n}`, conversationId }),
  "set-tags": (conversationId, n) => ({ type: "set-tags", id: `x${n}`, conversationId, tags: ["intruder"] }),
  "set-priority": (conversationId, n) => ({
    type: "set-priority",
    id: `x${n}`,
    conversationId,
    priority: 99,
  }),
  "reopen-conversation": (conversationId, n) => ({
    type: "reopen-conversation",
    id: `x${n}`,
    conversationId,
  }),
  "list-visitor-conversations": (conversationId, n) => ({
    type: "list-visitor-conversations",
    id: `x${n}`,
    conversationId,
  }),
  "leave-email": (conversationId, n) => ({
    type: "leave-email",
    id: `x${n}`,
    conversationId,
    email: `intruder${n}@example.com`,
  }),
  "rate-conversation": (conversationId, n) => ({
    type: "rate-conversation",
    id: `x${n}`,
    conversationId,
    score: 1,
    comment: `intruder ${n}`,
  }),
};

/** Client frame types that name no conversation, and the test below that covers each. */
const WITHOUT_CONVERSATION: Record<string, string> = {
  "start-conversation": "start-conversation opens or finds the caller's own conversation only",
  "list-conversations": "list-conversations returns only what the caller may see",
  ping: "(carries nothing but a clock)",
  identify:
    "identity.test.ts: a claim signed for another app, or another user's, is refused and changes nothing",
  "set-presence": "(the caller's own presence; seen by the agents of its apps: routing-presence.test.ts)",
  "list-presence": "(the agents of the caller's apps: routing-presence.test.ts)",
  "list-canned": "(the canned replies of the caller's apps: routing-agent-actions.test.ts)",
  "list-queues": "(the caller's queues in the caller's apps: console-context.test.ts)",
  "page-view":
    "page-view.test.ts: a visitor's page view never touches another visitor's conversations; agents may not send it",
};

/** Fields whose name says "conversation" but that are not a conversation id. */
const NOT_CONVERSATION_IDS: Record<string, string[]> = {
  // The visitor's own idempotency key, scoped to that visitor in storage.
  "start-conversation": ["clientConversationId"],
  // A flag: whether the caller's own anonymous conversations move to the identified user.
  identify: ["carryConversations"],
};

const variants = [...VisitorRequestSchema.options, ...AgentRequestSchema.options];
const visitorTypes = new Set(VisitorRequestSchema.options.map((o) => o.entries.type.literal));
const agentTypes = new Set(AgentRequestSchema.options.map((o) => o.entries.type.literal));

describe("the authorization matrix covers the protocol", () => {
  it("knows every client frame type, and which of them name a conversation", () => {
    const seen = new Set<string>();
    for (const variant of variants) {
      const type = variant.entries.type.literal;
      seen.add(type);
      const namesConversation = Object.keys(variant.entries).some(
        (key) => /conversation/i.test(key) && !NOT_CONVERSATION_IDS[type]?.includes(key),
      );
      // A new frame type lands here first: add it to one of the two tables and cover it.
      if (namesConversation) expect(Object.keys(WITH_CONVERSATION), type).toContain(type);
      else expect(Object.keys(WITHOUT_CONVERSATION), type).toContain(type);
    }
    expect([...Object.keys(WITH_CONVERSATION), ...Object.keys(WITHOUT_CONVERSATION)].sort()).toEqual(
      [...seen].sort(),
    );
  });
});

interface World {
  a1: Visitor;
  a2: Visitor;
  b1: Visitor;
  b2: Visitor;
  acmeAgent: TestSocket;
  betaAgent: TestSocket;
  bothAgent: TestSocket;
  /** Every socket, by name, for "nobody else heard anything" checks. */
  sockets: Record<string, TestSocket>;
}

type Visitor = TestSocket & { token: string; visitorId: string; conversationId: string };

let harness: Harness;
let world: World;

async function visitor(appId: string, origin: string, body: string): Promise<Visitor> {
  const socket = await connectVisitor(harness, {}, { appId, origin });
  const conversationId = await startConversation(socket);
  const ack = await request(socket, { type: "send-message", conversationId, clientMsgId: "c1", body });
  expect(ack).toMatchObject({ type: "ack", seq: 1 });
  return Object.assign(socket, { conversationId });
}

/** Wait until routing has assigned every conversation and its announcements have gone out. */
async function settle(ids: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const all = await Promise.all(ids.map((id) => harness.storage.getConversation(id)));
    if (all.every((c) => c?.status === "assigned")) break;
    await delay(10);
  }
  await delay(100);
}

async function buildWorld(): Promise<World> {
  await harness.storage.putApp({ appId: BETA, name: "Beta", allowedOrigins: [BETA_ORIGIN], createdAt: 1 });
  const acme = await harness.addAgent("Acme Agent", { appIds: [APP_ID] });
  const beta = await harness.addAgent("Beta Agent", { appIds: [BETA] });
  const both = await harness.addAgent("Both Agent", { appIds: [APP_ID, BETA] });
  const acmeAgent = await connectAgent(harness, acme.token);
  const betaAgent = await connectAgent(harness, beta.token);
  const bothAgent = await connectAgent(harness, both.token);
  const a1 = await visitor(APP_ID, ORIGIN, "secret of a1");
  const a2 = await visitor(APP_ID, ORIGIN, "secret of a2");
  const b1 = await visitor(BETA, BETA_ORIGIN, "secret of b1");
  const b2 = await visitor(BETA, BETA_ORIGIN, "secret of b2");
  await settle([a1, a2, b1, b2].map((v) => v.conversationId));
  return {
    a1,
    a2,
    b1,
    b2,
    acmeAgent,
    betaAgent,
    bothAgent,
    sockets: { a1, a2, b1, b2, acmeAgent, betaAgent, bothAgent },
  };
}

/** Everything storage holds about the conversations (and the missing id), to compare before/after. */
async function storedState(): Promise<unknown> {
  const ids = [world.a1, world.a2, world.b1, world.b2].map((v) => v.conversationId);
  return Promise.all(
    [...ids, MISSING].map(async (id) => ({
      conversation: await harness.storage.getConversation(id),
      messages: await harness.storage.listMessages(id, 0, 1000),
    })),
  );
}

let barrier = 0;

/**
 * Send `frame`, then a queued request as a barrier (requests are handled in order), and return
 * what the sender got in between: the answer to `frame` and nothing else.
 */
async function attempt(socket: TestSocket, frame: Record<string, unknown>): Promise<ServerFrame[]> {
  const before = socket.frames.length;
  const id = `barrier-${++barrier}`;
  socket.send(frame);
  socket.send({ type: "list-conversations", id });
  await socket.waitFor((f) => "replyTo" in f && f.replyTo === id);
  return socket.frames.slice(before).filter((f) => !("replyTo" in f && f.replyTo === id));
}

const withoutReplyTo = (frame: ServerFrame) => {
  const { replyTo: _, ...rest } = frame as ErrorFrame;
  return rest;
};

describe("authorization on every request", () => {
  beforeEach(async () => {
    harness = await startHarness();
    world = await buildWorld();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("answers every conversation frame on a conversation the caller may not see exactly like a missing one, and changes and tells nothing", async () => {
    const { a1, a2, b1, b2, acmeAgent, betaAgent } = world;
    const actors: { name: string; socket: TestSocket; types: Set<string>; targets: [string, string][] }[] = [
      {
        name: "visitor a1",
        socket: a1,
        types: visitorTypes,
        targets: [
          ["another visitor's conversation of the same app", a2.conversationId],
          ["another app's conversation", b1.conversationId],
        ],
      },
      {
        name: "visitor b1",
        socket: b1,
        types: visitorTypes,
        targets: [
          ["another visitor's conversation of the same app", b2.conversationId],
          ["another app's conversation", a1.conversationId],
        ],
      },
      {
        name: "acme's agent",
        socket: acmeAgent,
        types: agentTypes,
        targets: [["another app's conversation", b1.conversationId]],
      },
      {
        name: "beta's agent",
        socket: betaAgent,
        types: agentTypes,
        targets: [["another app's conversation", a2.conversationId]],
      },
    ];
    const before = await storedState();
    let n = 0;
    for (const actor of actors) {
      const heard = Object.fromEntries(
        Object.entries(world.sockets).map(([name, s]) => [name, s.frames.length]),
      );
      for (const [type, build] of Object.entries(WITH_CONVERSATION)) {
        // A frame outside the caller's role is refused by type, before any conversation is looked up.
        const code = actor.types.has(type) ? "not-found" : "unknown-type";
        const missing = await attempt(actor.socket, build(MISSING, ++n));
        expect(missing, `${actor.name} ${type} on a missing id`).toEqual([
          expect.objectContaining({ type: "error", code }),
        ]);
        if ("id" in build(MISSING, n)) expect(missing[0]).toMatchObject({ replyTo: `x${n}` });
        for (const [what, conversationId] of actor.targets) {
          const answer = await attempt(actor.socket, build(conversationId, ++n));
          const label = `${actor.name} ${type} on ${what}`;
          expect(answer, label).toHaveLength(1);
          expect(withoutReplyTo(answer[0]!), label).toEqual(withoutReplyTo(missing[0]!));
        }
      }
      // Give the bus every chance to deliver what it should not have been given.
      await delay(100);
      for (const [name, socket] of Object.entries(world.sockets)) {
        if (socket === actor.socket) continue;
        expect(
          socket.frames.slice(heard[name]),
          `${name} heard something after ${actor.name}'s attempts`,
        ).toEqual([]);
      }
    }
    expect(await storedState()).toEqual(before);
  });

  it("lets the same frames through on conversations the caller may see, to exactly their audience", async () => {
    const { a1, a2, b1, b2, acmeAgent, betaAgent, bothAgent } = world;
    const heard = (socket: TestSocket, type: string, conversationId: string) =>
      socket.frames.some(
        (f) =>
          f.type === type &&
          ("conversationId" in f
            ? f.conversationId === conversationId
            : f.type === "message-created" && f.message.conversationId === conversationId),
      );

    // A visitor's typing reaches the agents of its app, nobody else.
    a1.send(WITH_CONVERSATION.typing!(a1.conversationId, 0));
    await acmeAgent.next("typing", (f) => f.conversationId === a1.conversationId);
    await bothAgent.next("typing", (f) => f.conversationId === a1.conversationId);
    // An agent's message in another visitor's conversation of its app: stored, and heard by that visitor.
    const ack = await request(acmeAgent, WITH_CONVERSATION["send-message"]!(a2.conversationId, 0));
    expect(ack).toMatchObject({ type: "ack", seq: 2 });
    await a2.next("message-created", (f) => f.message.author.kind === "agent");
    // The agent serving both apps reads and closes in the other app too.
    expect(
      await request(bothAgent, { type: "get-history", conversationId: b1.conversationId }),
    ).toMatchObject({
      type: "history",
      messages: [{ body: "secret of b1" }],
    });
    expect(
      await request(bothAgent, { type: "close-conversation", conversationId: b2.conversationId }),
    ).toMatchObject({ type: "conversation", conversation: { status: "closed" } });
    await b2.next("conversation-updated", (f) => f.conversation.status === "closed");
    await betaAgent.next("conversation-updated", (f) => f.conversation.status === "closed");
    b1.send(WITH_CONVERSATION.read!(b1.conversationId, 0));
    await betaAgent.next("read", (f) => f.conversationId === b1.conversationId);

    await delay(100);
    // ...and nothing of it to the other app's agent or to other visitors.
    expect(heard(betaAgent, "typing", a1.conversationId)).toBe(false);
    expect(heard(betaAgent, "message-created", a2.conversationId)).toBe(false);
    expect(heard(acmeAgent, "conversation-updated", b2.conversationId)).toBe(false);
    expect(heard(acmeAgent, "read", b1.conversationId)).toBe(false);
    expect(heard(a1, "message-created", a2.conversationId)).toBe(false);
    expect(heard(b1, "conversation-updated", b2.conversationId)).toBe(false);
  });

  it("list-conversations returns only what the caller may see", async () => {
    const { a1, a2, b1, b2, acmeAgent, betaAgent, bothAgent } = world;
    const admin = await harness.addAgent("Acme Admin", { appIds: [APP_ID], role: "admin" });
    const adminSocket = await connectAgent(harness, admin.token);
    const listed = async (socket: TestSocket) => {
      const reply = await request(socket, { type: "list-conversations" });
      if (reply.type !== "conversations") throw new Error(`list answered ${reply.type}`);
      return reply.conversations.map((c: Conversation) => c.id).sort();
    };
    const ids = (...visitors: Visitor[]) => visitors.map((v) => v.conversationId).sort();
    expect(await listed(a1)).toEqual(ids(a1));
    expect(await listed(b2)).toEqual(ids(b2));
    expect(await listed(acmeAgent)).toEqual(ids(a1, a2));
    expect(await listed(betaAgent)).toEqual(ids(b1, b2));
    expect(await listed(bothAgent)).toEqual(ids(a1, a2, b1, b2));
    // The admin role is for admin routes; on the socket it sees its apps like any agent.
    expect(await listed(adminSocket)).toEqual(ids(a1, a2));
    // Closed conversations are listed within the agent's apps only, too.
    await request(betaAgent, { type: "close-conversation", conversationId: b1.conversationId });
    expect(await listed(acmeAgent)).toEqual(ids(a1, a2));
    expect(await listed(betaAgent)).toEqual(ids(b1, b2));
  });

  it("start-conversation opens or finds the caller's own conversation only", async () => {
    const { a1, a2, b1, acmeAgent } = world;
    // Without a key: one's own active conversation, never someone else's.
    expect(await request(a2, { type: "start-conversation" })).toMatchObject({
      conversation: { id: a2.conversationId, visitorId: a2.visitorId },
    });
    // The same key in two visitors' hands opens two conversations: keys are per visitor.
    const first = await request(a1, { type: "start-conversation", clientConversationId: "shared-key" });
    const second = await request(b1, { type: "start-conversation", clientConversationId: "shared-key" });
    const third = await request(a2, { type: "start-conversation", clientConversationId: "shared-key" });
    const opened = [first, second, third].map((f) => (f.type === "conversation" ? f.conversation : null));
    expect(opened.map((c) => c?.visitorId)).toEqual([a1.visitorId, b1.visitorId, a2.visitorId]);
    expect(new Set(opened.map((c) => c?.id)).size).toBe(3);
    // Agents do not open conversations.
    expect(await request(acmeAgent, { type: "start-conversation" })).toMatchObject({
      type: "error",
      code: "unknown-type",
    });
  });

  it("resume replays only conversations the caller may see", async () => {
    const { a1, a2, b1 } = world;
    const acme = await harness.addAgent("Acme Resumer", { appIds: [APP_ID] });
    const resume = { [a1.conversationId]: 0, [b1.conversationId]: 0, [MISSING]: 0 };
    const agent = await connectAgent(harness, acme.token, resume);
    const replayed = (socket: TestSocket) =>
      socket.frames.flatMap((f) => (f.type === "message-created" ? [f.message.conversationId] : []));
    expect(replayed(agent)).toEqual([a1.conversationId]);
    expect(agent.frames.find((f) => f.type === "sync-complete")).toMatchObject({
      lastSeq: { [a1.conversationId]: 1 },
    });
    expect(JSON.stringify(agent.frames)).not.toContain(b1.conversationId);

    const again = await connectVisitor(harness, {
      visitorToken: a1.token,
      resume: { [a1.conversationId]: 1, [a2.conversationId]: 0, [b1.conversationId]: 0 },
    });
    expect(replayed(again)).toEqual([]);
    const sync = again.frames.find((f) => f.type === "sync-complete");
    expect(sync).toEqual({ type: "sync-complete", lastSeq: { [a1.conversationId]: 1 } });
    expect(JSON.stringify(again.frames)).not.toMatch(/secret of (a2|b1)/);
  });
});

describe("HTTP routes serve no conversation data", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "relaydesk-authz-http-"));
    mkdirSync(join(dir, "widget"));
    mkdirSync(join(dir, "console", "assets"), { recursive: true });
    writeFileSync(join(dir, "widget", "loader.js"), "/* loader */");
    writeFileSync(join(dir, "widget", "widget.js"), "/* widget */");
    writeFileSync(join(dir, "console", "index.html"), "<!doctype html><title>Console</title>");
    writeFileSync(join(dir, "console", "assets", "app.js"), "/* console */");
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    harness = await startHarness({
      assets: { widgetDir: join(dir, "widget"), consoleDir: join(dir, "console"), demoPage: true },
    });
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("walks every route the handler knows and finds no conversation, visitor, message or token in any", async () => {
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await request(visitor, {
      type: "send-message",
      conversationId,
      clientMsgId: "c1",
      body: "the secret body",
    });
    const secrets = [conversationId, visitor.visitorId, visitor.token, "the secret body"];

    // One or more paths per route; a route added to HTTP_ROUTES without a sample here fails.
    const samples: Record<string, string[]> = {
      "/healthz": ["/healthz"],
      "/widget/": ["/widget/loader.js", "/widget/widget.js", `/widget/${conversationId}`],
      "/console": ["/console"],
      "/console/": ["/console/", "/console/assets/app.js", `/console/conversations/${conversationId}`],
      "/": ["/"],
      "/demo.css": ["/demo.css"],
    };
    expect(Object.keys(samples).sort()).toEqual(HTTP_ROUTES.map((r) => r.path).sort());
    // Paths a data API would have: none exists, and none answers with anything but 404.
    const unknown = [
      `/v1/conversations/${conversationId}`,
      "/v1/conversations",
      `/v1/conversations/${conversationId}/messages`,
      `/v1/visitors/${visitor.visitorId}`,
      "/v1/ws/history",
      `/api/conversations?id=${conversationId}`,
    ];
    const foreign = { Origin: "https://evil.example" };
    for (const path of [...Object.values(samples).flat(), ...unknown]) {
      const res = await fetch(`${harness.relay.url}${path}`, { headers: foreign });
      const body = await res.text();
      for (const secret of secrets) expect(body, `${path} leaks ${secret}`).not.toContain(secret);
      // Only the public widget scripts may be read cross-origin; nothing else opts into CORS.
      const cors = res.headers.get("access-control-allow-origin");
      if (path === "/widget/loader.js" || path === "/widget/widget.js") expect(cors, path).toBe("*");
      else expect(cors, path).toBeNull();
      expect(res.headers.get("access-control-allow-credentials"), path).toBeNull();
      if (unknown.includes(path)) {
        expect(res.status, path).toBe(404);
        expect(body, path).toBe("not found");
      }
    }
  });
});
