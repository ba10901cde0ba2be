import type {
  ClientEventName,
  ClientEvents,
  ClientOptions,
  ConnectionState,
  RelaydeskClient,
} from "@relaydesk/client";
import { agentActions } from "@relaydesk/client/agent";
import type { Ack, Attachment, Author, Conversation, Message, Welcome } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { type ConsoleStoreOptions, createConsoleStore, TOKEN_KEY, type TokenStorage } from "./store.ts";
import { pendingActions } from "./test-agent-client.ts";

// A structural stand-in for @relaydesk/client: it keeps the client's contract (events, message
// events for history pages, promises for requests) and lets the test play the relay.

const ME = { kind: "agent" as const, id: "agt_me", name: "Ada" };
const VISITOR = { kind: "visitor" as const, id: "vis_abcdef123" };

interface SentRequest {
  conversationId: string;
  body: string;
  clientMsgId: string;
  attachments: string[] | undefined;
  resolve(ack: Ack): void;
  reject(error: Error): void;
}

function fakeClient(options: ClientOptions, world: World) {
  const handlers = new Map<ClientEventName, Set<(payload: never) => void>>();
  const emit = <E extends ClientEventName>(event: E, payload: ClientEvents[E]) => {
    for (const handler of handlers.get(event) ?? []) (handler as (p: ClientEvents[E]) => void)(payload);
  };
  const fake = {
    options,
    closed: false,
    sent: [] as SentRequest[],
    marked: [] as Array<[string, number]>,
    typed: [] as Array<[string, boolean]>,
    historyCalls: [] as Array<[string, number]>,
    emit,
    welcome(self = ME) {
      const welcome: Welcome = {
        type: "welcome",
        protocol: 1,
        role: "agent",
        sessionId: "ses_1",
        self,
        serverTime: 5_000,
        limits: { maxFrameBytes: 65536, maxBodyChars: 40, heartbeatIntervalMs: 25_000 },
      };
      client.session = welcome;
      setState("open");
      emit("welcome", welcome);
    },
  };
  const setState = (state: ConnectionState) => {
    client.state = state;
    emit("state", state);
  };
  const client = {
    state: "idle" as ConnectionState,
    session: null as Welcome | null,
    connect: () => setState("connecting"),
    close() {
      fake.closed = true;
      setState("idle");
    },
    on<E extends ClientEventName>(event: E, handler: (payload: ClientEvents[E]) => void) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler as (payload: never) => void);
      return () => set.delete(handler as (payload: never) => void);
    },
    startConversation: () => Promise.reject(new Error("visitor only")),
    sendMessage(
      conversationId: string,
      body: string,
      opts?: { clientMsgId?: string; attachments?: string[] | undefined },
    ) {
      return new Promise<Ack>((resolve, reject) =>
        fake.sent.push({
          conversationId,
          body,
          clientMsgId: opts?.clientMsgId ?? "generated",
          attachments: opts?.attachments,
          resolve,
          reject,
        }),
      );
    },
    listConversations: async () => world.conversations,
    async getHistory(conversationId: string, opts?: { afterSeq?: number; limit?: number }) {
      const afterSeq = opts?.afterSeq ?? 0;
      fake.historyCalls.push([conversationId, afterSeq]);
      const after = (world.histories.get(conversationId) ?? []).filter((m) => m.seq > afterSeq);
      const messages = after.slice(0, Math.min(opts?.limit ?? 200, world.pageSize));
      for (const message of messages) emit("message", message);
      return { messages, hasMore: after.length > messages.length };
    },
    typing: (conversationId: string, active: boolean) => void fake.typed.push([conversationId, active]),
    pageView: () => {},
    markRead: (conversationId: string, seq: number) => void fake.marked.push([conversationId, seq]),
    identify: () => Promise.reject(new Error("visitors only")),
    pending: () => [],
  } satisfies RelaydeskClient;
  return { fake, client };
}

type Fake = ReturnType<typeof fakeClient>["fake"];

interface World {
  conversations: Conversation[];
  /** What the agent's list-conversations answer says it can claim. */
  claimable: string[];
  histories: Map<string, Message[]>;
  pageSize: number;
}

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

function conversation(id: string, patch: Partial<Conversation> = {}): Conversation {
  return {
    id,
    appId: "app_demo",
    visitorId: `vis_${id}`,
    status: "open",
    assignee: null,
    lastSeq: 0,
    createdAt: 1_000,
    updatedAt: 1_000,
    attributes: {},
    ...patch,
  };
}

const mine = { status: "assigned" as const, assignee: { id: ME.id, name: ME.name } };

function message(conversationId: string, seq: number, patch: Partial<Message> = {}): Message {
  return {
    id: `msg_${conversationId}_${seq}`,
    conversationId,
    seq,
    author: VISITOR,
    kind: "text",
    body: `message ${seq}`,
    clientMsgId: `c_${conversationId}_${seq}`,
    createdAt: 2_000 + seq,
    ...patch,
  };
}

function setup(
  opts: {
    stored?: string;
    conversations?: Conversation[];
    claimable?: string[];
    histories?: Record<string, Message[]>;
  } = {},
  storeOptions: Partial<ConsoleStoreOptions> = {},
) {
  const world: World = {
    conversations: opts.conversations ?? [],
    claimable: opts.claimable ?? [],
    histories: new Map(Object.entries(opts.histories ?? {})),
    pageSize: 200,
  };
  const storage = memoryStorage(opts.stored ? { [TOKEN_KEY]: opts.stored } : {});
  const fakes: Fake[] = [];
  let ids = 0;
  const store = createConsoleStore({
    url: "http://127.0.0.1:8787",
    storage,
    newClientMsgId: () => `cm_${++ids}`,
    createClient(options) {
      const { fake, client } = fakeClient(options, world);
      fakes.push(fake);
      return client;
    },
    // The agent's list and closing are the fake relay's; the other agent requests go nowhere (no `request`).
    agentActions: (client) => ({
      ...agentActions(client),
      listConversations: async () => ({
        conversations: await client.listConversations(),
        claimable: world.claimable,
      }),
      async closeConversation(conversationId: string) {
        const current = world.conversations.find((c) => c.id === conversationId)!;
        return { ...current, status: "closed" as const, updatedAt: current.updatedAt + 1 };
      },
    }),
    ...storeOptions,
  });
  const last = () => fakes[fakes.length - 1]!;
  return { store, storage, world, fakes, last };
}

/** Lets promise callbacks (requests answered by the fake relay) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function signedIn(
  opts: Parameters<typeof setup>[0] = {},
  storeOptions: Partial<ConsoleStoreOptions> = {},
) {
  const env = setup(opts, storeOptions);
  env.store.signIn("tok_ada");
  env.last().welcome();
  await settle();
  return env;
}

/** A message written after the agent signed in (the fake relay's clock said 5,000 then). */
const fresh = (conversationId: string, seq: number, patch: Partial<Message> = {}) =>
  message(conversationId, seq, { createdAt: 10_000 + seq, ...patch });

const ids = (entries: Array<{ conversation: Conversation }>) => entries.map((e) => e.conversation.id);
const seqs = (list: readonly Message[] | undefined) => (list ?? []).map((m) => m.seq);

describe("signing in", () => {
  it("keeps the token in localStorage and connects as that agent", () => {
    const { store, storage, fakes } = setup();
    store.signIn("  tok_ada ");
    expect(storage.data.get(TOKEN_KEY)).toBe("tok_ada");
    expect(store.token.value).toBe("tok_ada");
    expect(fakes).toHaveLength(1);
    expect(fakes[0]!.options.auth).toEqual({ role: "agent", agentToken: "tok_ada" });
    expect(fakes[0]!.options.url).toBe("http://127.0.0.1:8787");
    expect(store.connection.value).toBe("connecting");
  });

  it("reconnects with the kept token after a reload, without asking again", () => {
    const { store, fakes } = setup({ stored: "tok_kept" });
    expect(store.token.value).toBe("tok_kept");
    store.start();
    expect(fakes[0]!.options.auth).toEqual({ role: "agent", agentToken: "tok_kept" });
  });

  it("stays on the sign-in form when no token was kept", () => {
    const { store, fakes } = setup();
    store.start();
    expect(store.token.value).toBeNull();
    expect(fakes).toHaveLength(0);
  });

  it("does not connect with a blank token", () => {
    const { store, storage, fakes } = setup();
    store.signIn("   ");
    expect(fakes).toHaveLength(0);
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
    expect(store.error.value).toBe("Enter an agent token");
  });

  it("clears a token the relay rejects and says so", () => {
    const { store, storage, last } = setup({ stored: "tok_revoked" });
    store.start();
    last().emit("failed", { code: "unauthorized", closeCode: 4003, reason: "unknown agent token" });
    expect(store.token.value).toBeNull();
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
    expect(store.error.value).toBe("That token was not accepted");
    expect(last().closed).toBe(true);
  });

  it("keeps the token on other non-retryable closes and shows why", () => {
    const { store, storage, last } = setup({ stored: "tok_ada" });
    store.start();
    last().emit("failed", { code: "unsupported-protocol", closeCode: 4002, reason: "protocol 2 only" });
    expect(store.token.value).toBe("tok_ada");
    expect(storage.data.get(TOKEN_KEY)).toBe("tok_ada");
    expect(store.error.value).toBe("Disconnected: protocol 2 only");
  });

  it("mirrors the connection state: connected, then reconnecting", async () => {
    const { store, last } = await signedIn();
    expect(store.connection.value).toBe("open");
    expect(store.session.value?.self).toEqual(ME);
    last().emit("state", "reconnecting");
    expect(store.connection.value).toBe("reconnecting");
  });

  it("signing out forgets the token, closes the client and empties the inbox", async () => {
    const { store, storage, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    expect(ids(store.inbox.value.mine)).toEqual(["c1"]);
    store.signOut();
    expect(store.token.value).toBeNull();
    expect(storage.data.has(TOKEN_KEY)).toBe(false);
    expect(last().closed).toBe(true);
    expect(store.connection.value).toBe("idle");
    expect(store.inbox.value).toEqual({ mine: [], queues: [], offered: [], unassigned: [], all: [] });
    expect(store.session.value).toBeNull();
  });
});

describe("inbox", () => {
  it("lists conversations on welcome and groups them into Mine and Unassigned", async () => {
    const { store } = await signedIn({
      conversations: [
        conversation("assigned-to-me", { ...mine, updatedAt: 1_100 }),
        conversation("waiting-open", { updatedAt: 1_200 }),
        conversation("waiting-pending", { status: "pending", updatedAt: 1_300 }),
        conversation("someone-else", { status: "assigned", assignee: { id: "agt_bob", name: "Bob" } }),
        conversation("closed-mine", { ...mine, status: "closed" }),
        conversation("closed-unassigned", { status: "closed" }),
      ],
    });
    expect(ids(store.inbox.value.mine)).toEqual(["assigned-to-me"]);
    expect(ids(store.inbox.value.unassigned)).toEqual(["waiting-pending", "waiting-open"]);
  });

  it("puts the conversation with the newest message first", async () => {
    const { store, last } = await signedIn({
      conversations: [conversation("a", { updatedAt: 1_000 }), conversation("b", { updatedAt: 1_500 })],
    });
    expect(ids(store.inbox.value.unassigned)).toEqual(["b", "a"]);
    last().emit("message", message("a", 1, { createdAt: 9_000 }));
    expect(ids(store.inbox.value.unassigned)).toEqual(["a", "b"]);
    expect(store.inbox.value.unassigned[0]!.lastMessage?.body).toBe("message 1");
  });

  it("fetches the last message of each listed conversation as its preview, not as unread", async () => {
    const { store, last } = await signedIn({
      conversations: [conversation("c1", { ...mine, lastSeq: 3 }), conversation("c2", { lastSeq: 0 })],
      histories: { c1: [message("c1", 1), message("c1", 2), message("c1", 3, { body: "latest words" })] },
    });
    expect(last().historyCalls).toEqual([["c1", 2]]);
    expect(store.inbox.value.mine[0]!.lastMessage?.body).toBe("latest words");
    expect(store.inbox.value.mine[0]!.unread).toBe(0);
    expect(store.inbox.value.unassigned[0]!.lastMessage).toBeNull();
  });

  it("shows a conversation created live in Unassigned", async () => {
    const { store, last } = await signedIn();
    last().emit("conversation", conversation("new", { updatedAt: 5_000 }));
    expect(ids(store.inbox.value.unassigned)).toEqual(["new"]);
  });

  it("moves a conversation from Unassigned to Mine when it is assigned to me", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1")] });
    expect(ids(store.inbox.value.unassigned)).toEqual(["c1"]);
    last().emit("conversation", conversation("c1", { ...mine, updatedAt: 2_000 }));
    expect(ids(store.inbox.value.unassigned)).toEqual([]);
    expect(ids(store.inbox.value.mine)).toEqual(["c1"]);
  });

  it("drops a conversation from Mine when it is closed", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    last().emit("conversation", conversation("c1", { ...mine, status: "closed", updatedAt: 2_000 }));
    expect(store.inbox.value.mine).toEqual([]);
    expect(store.inbox.value.unassigned).toEqual([]);
    // All keeps it, so it can be reopened.
    expect(ids(store.inbox.value.all)).toEqual(["c1"]);
    expect(store.conversations.value.get("c1")?.status).toBe("closed");
  });

  it("drops a waiting conversation another agent took", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1")] });
    const bob = { status: "assigned" as const, assignee: { id: "agt_bob", name: "Bob" }, updatedAt: 2_000 };
    last().emit("conversation", conversation("c1", bob));
    expect(store.inbox.value.mine).toEqual([]);
    expect(store.inbox.value.unassigned).toEqual([]);
  });

  it("ignores an update older than the state it already has", async () => {
    const { store, last } = await signedIn({
      conversations: [conversation("c1", { ...mine, updatedAt: 3_000 })],
    });
    last().emit("conversation", conversation("c1", { updatedAt: 2_000 }));
    expect(ids(store.inbox.value.mine)).toEqual(["c1"]);
  });

  it("closing the open conversation asks the relay and shows it closed", async () => {
    const { store } = await signedIn({ conversations: [conversation("c1", mine)] });
    store.openConversation("c1");
    store.closeConversation();
    await settle();
    expect(store.selected.value?.status).toBe("closed");
    expect(store.inbox.value.mine).toEqual([]);
  });
});

describe("messages", () => {
  it("starts a conversation's thread over on reset (retention deleted what it lacked)", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    for (const seq of [1, 2]) last().emit("message", message("c1", seq));
    last().emit("reset", { conversationId: "c1", firstSeq: 6 });
    expect(seqs(store.messages.value.get("c1"))).toEqual([]);
    for (const seq of [6, 7]) last().emit("message", message("c1", seq));
    expect(seqs(store.messages.value.get("c1"))).toEqual([6, 7]);
  });

  it("lists several conversations of one visitor as separate rows, each with its own thread", async () => {
    const visitor = { visitorId: "vis_same" };
    const { store, last } = await signedIn({
      conversations: [
        conversation("c1", { ...visitor, updatedAt: 1_000 }),
        conversation("c2", { ...visitor, updatedAt: 2_000 }),
        conversation("c3", { ...visitor, status: "closed" }),
      ],
    });
    expect(ids(store.inbox.value.unassigned)).toEqual(["c2", "c1"]);
    last().emit("message", fresh("c1", 1, { body: "first" }));
    last().emit("message", fresh("c2", 1, { body: "second" }));
    expect(store.messages.value.get("c1")?.map((m) => m.body)).toEqual(["first"]);
    expect(store.messages.value.get("c2")?.map((m) => m.body)).toEqual(["second"]);
  });

  it("keeps each message once, in seq order, whatever order they arrive in", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    for (const seq of [3, 1, 2, 2, 3]) last().emit("message", message("c1", seq));
    expect(seqs(store.messages.value.get("c1"))).toEqual([1, 2, 3]);
  });

  it("opening a conversation loads its whole history and marks it read", async () => {
    const history = [1, 2, 3, 4, 5].map((seq) => message("c1", seq));
    const { store, world, last } = await signedIn({
      conversations: [conversation("c1", mine)],
      histories: { c1: history },
    });
    world.pageSize = 2;
    store.openConversation("c1");
    await settle();
    expect(last().historyCalls).toEqual([
      ["c1", 0],
      ["c1", 2],
      ["c1", 4],
    ]);
    expect(seqs(store.messages.value.get("c1"))).toEqual([1, 2, 3, 4, 5]);
    expect(last().marked).toEqual([["c1", 5]]);
  });

  it("marks a new visitor message in the open conversation read", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    store.openConversation("c1");
    await settle();
    last().emit("message", fresh("c1", 1));
    await settle();
    expect(last().marked).toEqual([["c1", 1]]);
    expect(store.unread.value.get("c1") ?? 0).toBe(0);
  });

  it("marks a burst of messages read with one read receipt", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    store.openConversation("c1");
    await settle();
    for (const seq of [1, 2, 3]) last().emit("message", fresh("c1", seq));
    await settle();
    expect(last().marked).toEqual([["c1", 3]]);
  });

  it("shows the visitor typing until they send or go quiet", async () => {
    const { store, last } = await signedIn(
      { conversations: [conversation("c1", mine)] },
      { typingTimeoutMs: 30 },
    );
    last().emit("typing", { type: "typing", conversationId: "c1", author: VISITOR, active: true });
    expect(store.typing.value.get("c1")).toEqual(VISITOR);
    last().emit("message", message("c1", 1));
    expect(store.typing.value.has("c1")).toBe(false);
    last().emit("typing", { type: "typing", conversationId: "c1", author: VISITOR, active: true });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.typing.value.has("c1")).toBe(false);
  });
});

describe("replies", () => {
  function ack(sent: SentRequest, seq: number): Ack {
    return {
      type: "ack",
      replyTo: "r1",
      messageId: `msg_${sent.clientMsgId}`,
      conversationId: sent.conversationId,
      seq,
      createdAt: 9_000,
      clientMsgId: sent.clientMsgId,
      duplicate: false,
    };
  }

  it("shows a reply as sending until the relay acknowledges it, then as sent once", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    store.openConversation("c1");
    store.setDraft("c1", "  Hello, how can I help?\n");
    expect(store.send()).toBe(true);
    expect(store.drafts.value.get("c1")).toBeUndefined();
    expect(store.pending.value).toMatchObject([
      { conversationId: "c1", body: "Hello, how can I help?", status: "sending" },
    ]);
    const sent = last().sent[0]!;
    expect(sent).toMatchObject({ conversationId: "c1", body: "Hello, how can I help?", clientMsgId: "cm_1" });

    sent.resolve(ack(sent, 1));
    await settle();
    expect(store.pending.value).toEqual([]);
    expect(store.messages.value.get("c1")).toMatchObject([
      { id: "msg_cm_1", seq: 1, author: ME, body: "Hello, how can I help?" },
    ]);

    // The relay's echo of the same message adds nothing.
    last().emit("message", { ...store.messages.value.get("c1")![0]! });
    expect(store.messages.value.get("c1")).toHaveLength(1);
  });

  it("treats the echo arriving before the ack as the acknowledgement", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    store.openConversation("c1");
    store.setDraft("c1", "hi");
    store.send();
    last().emit("message", message("c1", 1, { author: ME, body: "hi", clientMsgId: "cm_1" }));
    expect(store.pending.value).toEqual([]);
    expect(seqs(store.messages.value.get("c1"))).toEqual([1]);
  });

  it("marks a rejected reply as not sent, and retry sends it again with the same id", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    store.openConversation("c1");
    store.setDraft("c1", "are you there?");
    store.send();
    last().sent[0]!.reject(
      Object.assign(new Error("The conversation is closed"), { code: "conversation-closed" }),
    );
    await settle();
    expect(store.pending.value).toMatchObject([{ status: "failed", error: "The conversation is closed" }]);

    store.retry("cm_1");
    expect(store.pending.value).toMatchObject([{ status: "sending" }]);
    const again = last().sent[1]!;
    expect(again.clientMsgId).toBe("cm_1");
    again.resolve(ack(again, 1));
    await settle();
    expect(store.pending.value).toEqual([]);
  });

  it("knows how far the visitor has read each conversation, from the visitor's read events only", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine), conversation("c2")] });
    const read = (conversationId: string, seq: number, reader: Author = VISITOR) =>
      last().emit("read", { type: "read", conversationId, reader, seq });
    read("c1", 2);
    read("c1", 1); // stale, e.g. from the visitor's other tab
    read("c2", 4, { kind: "agent", id: "agt_bob", name: "Bob" });
    expect([...store.visitorRead.value]).toEqual([["c1", 2]]);
    read("c1", 3);
    expect(store.visitorRead.value.get("c1")).toBe(3);
    store.signOut();
    expect(store.visitorRead.value.size).toBe(0);
  });

  it("knows how far the visitor's client has received each conversation, from the visitor's delivered events only", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine), conversation("c2")] });
    const delivered = (conversationId: string, seq: number, recipient: Author = VISITOR) =>
      last().emit("delivered", { type: "delivered", conversationId, recipient, seq });
    delivered("c1", 2);
    delivered("c1", 1); // stale
    delivered("c2", 4, { kind: "agent", id: "agt_bob", name: "Bob" }); // another agent's console
    expect([...store.visitorDelivered.value]).toEqual([["c1", 2]]);
    delivered("c1", 3);
    expect(store.visitorDelivered.value.get("c1")).toBe(3);
    store.signOut();
    expect(store.visitorDelivered.value.size).toBe(0);
  });

  it("sends nothing for a blank draft, a closed conversation or an over-long reply", async () => {
    const { store, last } = await signedIn({
      conversations: [conversation("c1", mine), conversation("c2", { ...mine, status: "closed" })],
    });
    store.openConversation("c1");
    store.setDraft("c1", " \n ");
    expect(store.send()).toBe(false);
    store.setDraft("c1", "x".repeat(41)); // the fake relay's maxBodyChars is 40
    expect(store.send()).toBe(false);
    expect(store.error.value).toBe("A reply can be at most 40 characters");
    store.openConversation("c2");
    store.setDraft("c2", "hello");
    expect(store.send()).toBe(false);
    expect(last().sent).toEqual([]);
    expect(store.pending.value).toEqual([]);
  });

  it("keeps a draft per conversation", async () => {
    const { store } = await signedIn({ conversations: [conversation("c1", mine), conversation("c2", mine)] });
    store.openConversation("c1");
    store.setDraft("c1", "for one");
    store.openConversation("c2");
    store.setDraft("c2", "for two");
    store.openConversation("c1");
    expect(store.drafts.value.get("c1")).toBe("for one");
    expect(store.drafts.value.get("c2")).toBe("for two");
  });

  it("tells the visitor the agent is typing, without repeating itself, and stops on send", async () => {
    let now = 0;
    const { store, last } = await signedIn(
      { conversations: [conversation("c1", mine)] },
      { now: () => now, typingResendMs: 3_000 },
    );
    store.openConversation("c1");
    store.setDraft("c1", "h");
    now = 1_000;
    store.setDraft("c1", "he");
    now = 4_000;
    store.setDraft("c1", "hey");
    store.send();
    expect(last().typed).toEqual([
      ["c1", true],
      ["c1", true],
      ["c1", false],
    ]);
  });
});

describe("unread counts", () => {
  it("count new visitor messages in conversations that are not open, and reset on open", async () => {
    const { store, last } = await signedIn({
      conversations: [conversation("open-one", mine), conversation("other", mine)],
    });
    store.openConversation("open-one");
    await settle();
    last().emit("message", fresh("other", 1));
    last().emit("message", fresh("other", 2));
    last().emit("message", fresh("other", 2)); // a replay of the same message
    last().emit("message", fresh("open-one", 1));
    expect(store.unread.value.get("other")).toBe(2);
    expect(store.unread.value.get("open-one") ?? 0).toBe(0);
    expect(store.inbox.value.mine.find((e) => e.conversation.id === "other")?.unread).toBe(2);

    store.openConversation("other");
    expect(store.unread.value.get("other") ?? 0).toBe(0);
  });

  it("do not count messages written before the agent signed in, loaded as history", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    for (const seq of [1, 2]) last().emit("message", message("c1", seq));
    expect(store.unread.value.get("c1") ?? 0).toBe(0);
    last().emit("message", fresh("c1", 3));
    expect(store.unread.value.get("c1")).toBe(1);
  });

  it("do not count the agent's own messages", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", mine)] });
    last().emit("message", fresh("c1", 1, { author: ME }));
    expect(store.unread.value.get("c1") ?? 0).toBe(0);
  });

  it("count messages replayed after a reconnect", async () => {
    const { store, last } = await signedIn({ conversations: [conversation("c1", { ...mine, lastSeq: 0 })] });
    last().emit("state", "reconnecting");
    last().welcome();
    last().emit("message", fresh("c1", 1));
    await settle();
    expect(store.unread.value.get("c1")).toBe(1);
    expect(store.connection.value).toBe("open");
  });

  it("count the first message of a conversation created live", async () => {
    const { store, last } = await signedIn();
    last().emit("conversation", conversation("new"));
    last().emit("message", fresh("new", 1));
    expect(store.unread.value.get("new")).toBe(1);
  });
});

describe("replies with files", () => {
  const PNG = { id: "upl_png", name: "screen shot.png", type: "image/png" as const, size: 2_048 };

  /** A relay's upload route played by the test: each upload waits until the test settles it. */
  function uploads() {
    const calls: Array<{
      token: string;
      conversationId: string;
      name: string;
      resolve(a: Attachment): void;
      reject(e: unknown): void;
    }> = [];
    const uploadFile: ConsoleStoreOptions["uploadFile"] = (target, conversationId, _data, name) =>
      new Promise((resolve, reject) =>
        calls.push({ token: target.token, conversationId, name, resolve, reject }),
      );
    return { calls, uploadFile };
  }
  const file = (name: string, size = 2_048) => Object.assign(new Blob([new Uint8Array(size)]), { name });

  it("uploads with the agent token, waits for the upload, then sends the reply with the file and shows it", async () => {
    const up = uploads();
    const { store, last } = await signedIn(
      { conversations: [conversation("c1", mine)] },
      { uploadFile: up.uploadFile },
    );
    store.openConversation("c1");
    store.attachFile(file("screen shot.png"));
    expect(up.calls.map((c) => [c.token, c.conversationId, c.name])).toEqual([
      ["tok_ada", "c1", "screen shot.png"],
    ]);
    expect(store.attachments.staged.value.map((s) => s.status)).toEqual(["uploading"]);

    store.setDraft("c1", "here it is");
    expect(store.send()).toBe(false);
    expect(store.error.value).toBe("Wait until the files are uploaded");
    expect(last().sent).toEqual([]);

    up.calls[0]!.resolve(PNG);
    await settle();
    expect(store.send()).toBe(true);
    const sent = last().sent[0]!;
    expect([sent.body, sent.attachments]).toEqual(["here it is", ["upl_png"]]);
    expect(store.attachments.staged.value).toEqual([]);
    expect(store.pending.value[0]?.attachments).toEqual([PNG]);
    sent.resolve({
      type: "ack",
      replyTo: "r1",
      messageId: "msg_1",
      conversationId: "c1",
      seq: 1,
      createdAt: 9_000,
      clientMsgId: sent.clientMsgId,
      duplicate: false,
    });
    await settle();
    expect(store.messages.value.get("c1")?.[0]?.attachments).toEqual([PNG]);
  });

  it("sends a file without text, and nothing when there is neither", async () => {
    const up = uploads();
    const { store, last } = await signedIn(
      { conversations: [conversation("c1", mine)] },
      { uploadFile: up.uploadFile },
    );
    store.openConversation("c1");
    expect(store.send()).toBe(false);
    store.attachFile(file("notes.txt"));
    up.calls[0]!.resolve({ id: "upl_txt", name: "notes.txt", type: "text/plain", size: 12 });
    await settle();
    expect(store.send()).toBe(true);
    expect(last().sent.map((s) => [s.body, s.attachments])).toEqual([["", ["upl_txt"]]]);
  });

  it("says why an upload was refused, in words, and the refused file does not hold up the reply", async () => {
    const up = uploads();
    const { store, last } = await signedIn(
      { conversations: [conversation("c1", mine)] },
      { uploadFile: up.uploadFile },
    );
    store.openConversation("c1");
    store.attachFile(file("huge.bin"));
    store.attachFile(file("page.html"));
    up.calls[0]!.reject(Object.assign(new Error("uploadFile: too big"), { code: "upload-too-large" }));
    up.calls[1]!.reject(Object.assign(new Error("uploadFile: no"), { code: "upload-type-not-allowed" }));
    await settle();
    expect(store.attachments.staged.value.map((s) => s.error)).toEqual([
      "huge.bin is larger than the relay accepts",
      "page.html is not a type the relay accepts (images, PDF or plain text)",
    ]);
    store.setDraft("c1", "text only");
    expect(store.send()).toBe(true);
    expect(last().sent[0]?.attachments).toBeUndefined();
    // Failed files stay listed until removed, so the agent knows what did not go out.
    const [first] = store.attachments.staged.value;
    store.attachments.remove(first!.key);
    expect(store.attachments.staged.value.map((s) => s.name)).toEqual(["page.html"]);
  });

  it("keeps staged files per conversation and drops them on sign-out", async () => {
    const up = uploads();
    const { store, last } = await signedIn(
      { conversations: [conversation("c1", mine), conversation("c2", mine)] },
      { uploadFile: up.uploadFile },
    );
    store.openConversation("c1");
    store.attachFile(file("a.png"));
    up.calls[0]!.resolve({ ...PNG, id: "upl_a" });
    await settle();
    store.openConversation("c2");
    store.setDraft("c2", "other");
    store.send();
    expect(last().sent[0]?.attachments).toBeUndefined();
    expect(store.attachments.ready("c1")?.map((a) => a.id)).toEqual(["upl_a"]);
    store.signOut();
    expect(store.attachments.staged.value).toEqual([]);
  });
});

describe("offers through the store", () => {
  it("an accepted offer lands in Mine and opens with its history; signing out forgets offers", async () => {
    const requests = pendingActions();
    const offered = conversation("offered", { lastSeq: 1 });
    const { store, last } = await signedIn(
      { conversations: [offered], histories: { offered: [message("offered", 1)] } },
      { agentActions: () => requests.actions },
    );
    requests.take("listConversations").resolve({ conversations: [offered], claimable: [] });
    await settle();
    last().emit("offer", { type: "offer", conversation: offered, expiresAt: 35_000 });
    expect(store.offers.list.value.map((o) => o.conversation.id)).toEqual(["offered"]);
    expect(ids(store.inbox.value.offered)).toEqual(["offered"]);
    store.offers.accept("offered");
    requests.take("acceptOffer").resolve({ ...offered, ...mine, updatedAt: 1_001 });
    await settle();
    expect(ids(store.inbox.value.mine)).toEqual(["offered"]);
    expect(ids(store.inbox.value.offered)).toEqual([]);
    expect(store.selectedId.value).toBe("offered");
    expect(store.messages.value.get("offered")?.map((m) => m.seq)).toEqual([1]);
    expect(store.offers.list.value).toEqual([]);

    last().emit("offer", { type: "offer", conversation: conversation("next"), expiresAt: 35_000 });
    store.signOut();
    expect(store.offers.list.value).toEqual([]);
  });
});

describe("Claim through the store", () => {
  it("shows Claim on exactly what the relay's list says, then follows its claimable events per app", async () => {
    const waiting = conversation("waiting", { queueId: "triage" });
    const offeredElsewhere = conversation("auto", { queueId: "general" });
    const beta = conversation("beta-1", { appId: "app_beta", queueId: "triage" });
    const { store, last } = await signedIn({
      conversations: [waiting, offeredElsewhere, beta],
      claimable: ["waiting", "beta-1"],
    });
    expect([...store.claimable.ids.value].sort()).toEqual(["beta-1", "waiting"]);
    // Someone claimed "waiting": the relay's next set for app_demo leaves it out; app_beta's stays.
    last().emit("claimable", { type: "claimable", appId: "app_demo", conversationIds: [] });
    expect([...store.claimable.ids.value]).toEqual(["beta-1"]);
    last().emit("claimable", { type: "claimable", appId: "app_demo", conversationIds: ["auto"] });
    expect([...store.claimable.ids.value].sort()).toEqual(["auto", "beta-1"]);
    // A reconnect lists again: the answer replaces everything held.
    last().emit("welcome", {
      type: "welcome",
      protocol: 1,
      role: "agent",
      sessionId: "ses_2",
      self: ME,
      serverTime: 6_000,
      limits: { maxFrameBytes: 65536, maxBodyChars: 40, heartbeatIntervalMs: 25_000 },
    });
    await settle();
    expect([...store.claimable.ids.value].sort()).toEqual(["beta-1", "waiting"]);
    store.signOut();
    expect(store.claimable.ids.value.size).toBe(0);
  });
});
