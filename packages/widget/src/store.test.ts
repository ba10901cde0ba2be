import type {
  ClientEventName,
  ClientEvents,
  ConnectionState,
  PendingMessage,
  RelaydeskClient,
} from "@relaydesk/client";
import type { Ack, Author, Conversation, Identified, Message, Welcome } from "@relaydesk/sdk-types";
import { describe, expect, it, vi } from "vitest";
import { visitorClientOptions } from "./client-options.ts";
import { createWidgetStore } from "./store.ts";
import type { WidgetStore } from "./types.ts";
import { summariesOf } from "./ui/conversation-summaries.ts";
import { createWidgetStorage, type StorageBackend } from "./widget-storage.ts";

// The protocol client is tested against a real relay in its own package; here a structural fake
// of its public interface lets each test decide what the relay says and when.

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

interface FakeSend extends PendingMessage {
  reply: Deferred<Ack>;
  settled: boolean;
}

/** `restored`: what the client loaded from its outbox store; they count as sends already made. */
function fakeClient(restored: PendingMessage[] = []) {
  const handlers = new Map<ClientEventName, Set<(payload: never) => void>>();
  const sends: FakeSend[] = [];
  let connects = 0;
  // Like the real outbox: a send stays pending until its promise settles, and sending a pending
  // clientMsgId again hands back the same promise.
  function queue(conversationId: string, body: string, clientMsgId: string): FakeSend {
    const reply = deferred<Ack>();
    const send: FakeSend = { conversationId, body, clientMsgId, queuedAt: T0, reply, settled: false };
    const settle = () => {
      send.settled = true;
    };
    reply.promise.then(settle, settle);
    sends.push(send);
    return send;
  }
  for (const item of restored) queue(item.conversationId, item.body, item.clientMsgId);
  const starts: Deferred<Conversation>[] = [];
  /** The options of each `startConversation` call, in order. */
  const startOptions: unknown[] = [];
  const reads: [string, number][] = [];
  let state: ConnectionState = "connecting";
  let session: Welcome | null = null;
  let closed = false;
  let listed: Conversation[] = [];
  let listCalls = 0;
  const identifies: { claim: unknown; reply: Deferred<Identified> }[] = [];
  const client: RelaydeskClient = {
    get state() {
      return state;
    },
    get session() {
      return session;
    },
    connect() {
      connects++;
    },
    close() {
      closed = true;
    },
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler as (payload: never) => void);
      return () => set.delete(handler as (payload: never) => void);
    },
    startConversation(options) {
      startOptions.push(options);
      const start = deferred<Conversation>();
      starts.push(start);
      return start.promise;
    },
    sendMessage(conversationId, body, options) {
      const clientMsgId = options?.clientMsgId ?? "";
      const held = sends.find((send) => send.clientMsgId === clientMsgId && !send.settled);
      return (held ?? queue(conversationId, body, clientMsgId)).reply.promise;
    },
    async listConversations() {
      listCalls++;
      return listed;
    },
    async getHistory() {
      return { messages: [], hasMore: false };
    },
    typing() {},
    pageView() {},
    markRead(conversationId, seq) {
      reads.push([conversationId, seq]);
    },
    identify(claim) {
      const reply = deferred<Identified>();
      identifies.push({ claim, reply });
      return reply.promise;
    },
    pending: (): PendingMessage[] =>
      sends
        .filter((send) => !send.settled)
        .map(({ conversationId, clientMsgId, body, queuedAt }) => ({
          conversationId,
          clientMsgId,
          body,
          queuedAt,
        })),
  };
  function emit<E extends ClientEventName>(event: E, payload: ClientEvents[E]) {
    if (event === "state") state = payload as ConnectionState;
    if (event === "welcome") session = payload as Welcome;
    for (const handler of handlers.get(event) ?? []) (handler as (value: ClientEvents[E]) => void)(payload);
  }
  return {
    client,
    emit,
    sends,
    starts,
    startOptions,
    reads,
    identifies,
    get closed() {
      return closed;
    },
    get connects() {
      return connects;
    },
    get listCalls() {
      return listCalls;
    },
    setListed(list: Conversation[]) {
      listed = list;
    },
    listeners: () => [...handlers.values()].reduce((sum, set) => sum + set.size, 0),
  };
}

function memoryStorage(): StorageBackend & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get length() {
      return entries.size;
    },
    key: (index) => [...entries.keys()][index] ?? null,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => {
      entries.set(key, String(value));
    },
    removeItem: (key) => {
      entries.delete(key);
    },
  };
}

const T0 = 1_700_000_000_000;

function welcome(visitorToken = "vt_token1"): Welcome {
  return {
    type: "welcome",
    protocol: 1,
    role: "visitor",
    sessionId: "s1",
    self: { kind: "visitor", id: "v1" },
    visitorToken,
    serverTime: T0,
    limits: { maxFrameBytes: 65536, maxBodyChars: 10000, heartbeatIntervalMs: 25000 },
  };
}

function conversation(id: string, change: Partial<Conversation> = {}): Conversation {
  return {
    id,
    appId: "demo",
    visitorId: "v1",
    status: "open",
    assignee: null,
    lastSeq: 0,
    createdAt: T0,
    updatedAt: T0,
    attributes: {},
    ...change,
  };
}

function agentMessage(conversationId: string, seq: number, body: string, createdAt = T0 + seq): Message {
  return {
    id: `m-${conversationId}-${seq}`,
    conversationId,
    seq,
    author: { kind: "agent", id: "a1", name: "Ana" },
    kind: "text",
    body,
    clientMsgId: `agent-${seq}`,
    createdAt,
  };
}

function ack(send: { conversationId: string; clientMsgId: string }, seq: number): Ack {
  return {
    type: "ack",
    replyTo: "r1",
    messageId: `m-${send.conversationId}-${seq}`,
    conversationId: send.conversationId,
    seq,
    createdAt: T0 + seq,
    clientMsgId: send.clientMsgId,
    duplicate: false,
  };
}

const bodies = (store: WidgetStore) => store.messages.value.map((message) => message.body);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(restored: PendingMessage[] = [], backend = memoryStorage()) {
  const fake = fakeClient(restored);
  const storage = createWidgetStorage("demo", () => backend);
  const emitted: Message[] = [];
  let next = 0;
  const store = createWidgetStore(fake.client, storage, {
    onMessage: (message) => emitted.push(message),
    newClientMsgId: () => `c${++next}`,
    retryDelayMs: 1,
  });
  fake.emit("state", "open");
  fake.emit("welcome", welcome());
  return { fake, backend, storage, store, emitted };
}

describe("createWidgetStore", () => {
  it("identifies a user given at boot before the first conversation starts, and keeps the new token", async () => {
    const fake = fakeClient();
    const backend = memoryStorage();
    const errors: unknown[] = [];
    const user = { userId: "user-42", signature: "ab".repeat(32) };
    const store = createWidgetStore(
      fake.client,
      createWidgetStorage("demo", () => backend),
      {
        user,
        console: { error: (message: unknown) => errors.push(message) },
      },
    );
    fake.emit("state", "open");
    fake.emit("welcome", welcome("vt_anonymous"));
    const sent = store.send("Hello");
    await vi.waitFor(() => expect(fake.identifies).toHaveLength(1));
    await flush();
    // The start waits for the relay's answer: a conversation started now would be anonymous.
    expect(fake.startOptions).toHaveLength(0);
    expect(fake.identifies[0]?.claim).toEqual(user);
    const identified: Identified = {
      type: "identified",
      replyTo: "r1",
      visitorId: "v-user",
      visitorToken: "vt_user",
      userId: "user-42",
      self: { kind: "visitor", id: "v-user" },
      carried: [],
    };
    fake.emit("identified", identified);
    fake.identifies[0]?.reply.resolve(identified);
    await vi.waitFor(() => expect(fake.startOptions).toHaveLength(1));
    expect(backend.entries.get("relaydesk:demo:visitor")).toBe("vt_user");
    // The user's conversations (from other browsers) are asked for.
    await vi.waitFor(() => expect(fake.listCalls).toBe(1));
    fake.starts[0]?.resolve(conversation("c1"));
    await vi.waitFor(() => expect(fake.sends).toHaveLength(1));
    fake.sends[0]?.reply.resolve(ack(fake.sends[0], 1));
    await sent;
    expect(errors).toEqual([]);
  });

  it("a refused claim is reported and the visitor chats anonymously", async () => {
    const fake = fakeClient();
    const errors: unknown[] = [];
    const store = createWidgetStore(fake.client, createWidgetStorage("demo", memoryStorage), {
      user: { userId: "user-42", signature: "ab".repeat(32) },
      console: { error: (message: unknown) => errors.push(message) },
    });
    fake.emit("state", "open");
    void store.send("Hello");
    await vi.waitFor(() => expect(fake.identifies).toHaveLength(1));
    fake.identifies[0]?.reply.reject(
      Object.assign(new Error("signature does not match"), { code: "identity-invalid" }),
    );
    await vi.waitFor(() => expect(fake.startOptions).toHaveLength(1));
    expect(String(errors[0])).toContain(
      "identify was refused, the visitor stays who they were (signature does not match)",
    );
    // A malformed claim never reaches the relay.
    await store.identify({ userId: "user-42" } as never);
    expect(fake.identifies).toHaveLength(1);
    expect(String(errors[1])).toContain("signature must be the 64-hex HMAC-SHA256 of userId");
  });

  it("the first message starts a conversation, shows as sending, then as sent in seq order", async () => {
    const { fake, store } = setup();
    const sent = store.send("  Hello there  ");
    await flush();
    expect(store.messages.value).toMatchObject([{ body: "Hello there", status: "sending", seq: null }]);
    expect(fake.starts).toHaveLength(1);
    expect(fake.sends).toHaveLength(0);

    fake.starts[0]!.resolve(conversation("c1"));
    await flush();
    expect(fake.sends).toMatchObject([{ conversationId: "c1", body: "Hello there", clientMsgId: "c1" }]);
    expect(store.conversation.value?.id).toBe("c1");

    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 1));
    await sent;
    expect(store.messages.value).toMatchObject([
      { key: "c1", body: "Hello there", status: "sent", seq: 1, author: "visitor" },
    ]);
  });

  it("messages typed before the conversation exists share one start and keep their order", async () => {
    const { fake, store } = setup();
    void store.send("one");
    void store.send("two");
    await flush();
    expect(fake.starts).toHaveLength(1);
    fake.starts[0]!.resolve(conversation("c1"));
    await flush();
    expect(fake.sends.map((send) => send.body)).toEqual(["one", "two"]);
    // Acks arrive out of order; the list follows seq, pending ones stay last.
    fake.sends[1]!.reply.resolve(ack(fake.sends[1]!, 2));
    await flush();
    expect(store.messages.value.map((m) => [m.body, m.status])).toEqual([
      ["two", "sent"],
      ["one", "sending"],
    ]);
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 1));
    await flush();
    expect(bodies(store)).toEqual(["one", "two"]);
  });

  it("uses the conversation the relay replays instead of starting another", async () => {
    const { fake, store } = setup();
    fake.emit("message", agentMessage("old", 1, "Welcome back", T0 - 5000));
    void store.send("I am back");
    await flush();
    expect(fake.starts).toHaveLength(0);
    expect(fake.sends[0]!.conversationId).toBe("old");
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 2));
    await flush();
    expect(bodies(store)).toEqual(["Welcome back", "I am back"]);

    const known = setup();
    known.fake.emit("conversation", conversation("c9"));
    void known.store.send("hi");
    await flush();
    expect(known.fake.starts).toHaveLength(0);
    expect(known.fake.sends[0]!.conversationId).toBe("c9");
  });

  it("deduplicates messages by id and orders them by seq", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    fake.emit("message", agentMessage("c1", 3, "third"));
    fake.emit("message", agentMessage("c1", 1, "first"));
    fake.emit("message", agentMessage("c1", 3, "third"));
    fake.emit("message", agentMessage("c1", 2, "second"));
    fake.emit("message", agentMessage("other", 1, "elsewhere"));
    expect(bodies(store)).toEqual(["first", "second", "third"]);
  });

  it("an echo of the visitor's own message does not duplicate it, whichever comes first", async () => {
    const { fake, store, emitted } = setup();
    fake.emit("conversation", conversation("c1"));
    const sent = store.send("ping");
    await flush();
    const send = fake.sends[0]!;
    const own = {
      ...agentMessage("c1", 1, "ping"),
      id: "m-c1-1",
      author: { kind: "visitor" as const, id: "v1" },
    };
    fake.emit("message", { ...own, clientMsgId: send.clientMsgId });
    expect(store.messages.value).toMatchObject([{ body: "ping", status: "sent" }]);
    send.reply.resolve(ack(send, 1));
    await sent;
    expect(store.messages.value).toHaveLength(1);
    expect(emitted.map((message) => message.id)).toEqual(["m-c1-1"]);
  });

  it("reports each new message once, both directions, but not the replayed history", async () => {
    const { fake, store, emitted } = setup();
    fake.emit("message", agentMessage("c1", 1, "old news", T0 - 1));
    fake.emit("conversation", conversation("c1"));
    const sent = store.send("question");
    await flush();
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 2));
    await sent;
    fake.emit("message", agentMessage("c1", 3, "answer"));
    fake.emit("message", agentMessage("c1", 3, "answer"));
    expect(emitted.map((message) => [message.author.kind, message.body])).toEqual([
      ["visitor", "question"],
      ["agent", "answer"],
    ]);
  });

  it("shows the assigned agent's name, and none before", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    expect(store.agentName.value).toBeNull();
    fake.emit(
      "conversation",
      conversation("c1", { status: "assigned", assignee: { id: "a1", name: "Ana" } }),
    );
    expect(store.agentName.value).toBe("Ana");
  });

  it("counts messages from others only while closed, and resets on open", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    fake.emit("message", agentMessage("c1", 1, "history", T0 - 10));
    expect(store.unread.value).toBe(0);
    fake.emit("message", agentMessage("c1", 2, "hello"));
    fake.emit("message", agentMessage("c1", 3, "anyone?"));
    expect(store.unread.value).toBe(2);
    store.open();
    expect(store.unread.value).toBe(0);
    fake.emit("message", agentMessage("c1", 4, "while open"));
    expect(store.unread.value).toBe(0);
    store.toggle();
    expect(store.isOpen.value).toBe(false);
    fake.emit("message", agentMessage("c1", 5, "after close"));
    expect(store.unread.value).toBe(1);
  });

  it("shows the panel state another tab shares, and counts on from its unread count", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    store.setView({ open: false, unread: 3 });
    expect(store.unread.value).toBe(3);
    fake.emit("message", agentMessage("c1", 1, "one more"));
    expect(store.unread.value).toBe(4);
    store.setView({ open: true, unread: 0 });
    expect(store.isOpen.value).toBe(true);
    expect(store.unread.value).toBe(0);
  });

  it("marks what the visitor has seen as read while open", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    fake.emit("message", agentMessage("c1", 1, "hello"));
    expect(fake.reads).toEqual([]);
    store.open();
    fake.emit("message", agentMessage("c1", 2, "more"));
    expect(fake.reads).toEqual([
      ["c1", 1],
      ["c1", 2],
    ]);
  });

  it("saves the visitor token from welcome, and the next boot sends it", () => {
    const { fake, backend, storage } = setup();
    expect(backend.entries.get("relaydesk:demo:visitor")).toBe("vt_token1");
    fake.emit("welcome", welcome("vt_token2"));
    const options = visitorClientOptions({ appId: "demo", relayUrl: "http://127.0.0.1:8787" }, storage);
    expect(options.auth).toEqual({
      role: "visitor",
      appId: "demo",
      visitorToken: "vt_token2",
      page: undefined,
    });
  });

  it("shutdown closes the client, stops listening and clears this widget's storage only", () => {
    const { fake, backend, store } = setup();
    backend.setItem("relaydesk:demo:other", "x");
    backend.setItem("relaydesk:another-app:visitor", "keep");
    backend.setItem("host-page-key", "keep");
    store.shutdown();
    expect(fake.closed).toBe(true);
    expect(fake.listeners()).toBe(0);
    expect([...backend.entries.keys()].sort()).toEqual(["host-page-key", "relaydesk:another-app:visitor"]);
  });

  it("lists conversations after the first replay to learn the assignee, once", async () => {
    const { fake, store } = setup();
    fake.setListed([
      conversation("closed-one", { status: "closed", createdAt: T0 - 100 }),
      conversation("c2", { status: "assigned", assignee: { id: "a1", name: "Ana" }, createdAt: T0 - 50 }),
    ]);
    fake.emit("message", agentMessage("closed-one", 1, "old", T0 - 99));
    fake.emit("message", agentMessage("c2", 1, "current", T0 - 49));
    fake.emit("sync", { type: "sync-complete", lastSeq: { "closed-one": 1, c2: 1 } });
    await flush();
    fake.emit("sync", { type: "sync-complete", lastSeq: { "closed-one": 1, c2: 1 } });
    expect(fake.listCalls).toBe(1);
    expect(store.conversation.value?.id).toBe("c2");
    expect(bodies(store)).toEqual(["current"]);
    expect(store.agentName.value).toBe("Ana");
  });

  it("a new visitor's first sync asks for nothing", () => {
    const { fake } = setup();
    fake.emit("sync", { type: "sync-complete", lastSeq: {} });
    expect(fake.listCalls).toBe(0);
  });

  it("a message to a conversation closed meanwhile starts a new one", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    const sent = store.send("still there?");
    await flush();
    fake.sends[0]!.reply.reject(
      Object.assign(new Error("closed"), { code: "conversation-closed", retry: false }),
    );
    await flush();
    expect(fake.starts).toHaveLength(1);
    fake.starts[0]!.resolve(conversation("c2"));
    await flush();
    expect(fake.sends[1]).toMatchObject({ conversationId: "c2", body: "still there?" });
    fake.sends[1]!.reply.resolve(ack(fake.sends[1]!, 1));
    await sent;
    expect(store.messages.value).toMatchObject([{ body: "still there?", status: "sent" }]);
  });

  it("waits for the connection when starting fails for a passing reason, and fails for good otherwise", async () => {
    const { fake, store } = setup();
    fake.emit("state", "reconnecting");
    void store.send("hello");
    await flush();
    fake.starts[0]!.reject(Object.assign(new Error("closed"), { code: "closed", retry: true }));
    await flush();
    expect(fake.starts).toHaveLength(1);
    fake.emit("state", "open");
    await flush();
    expect(fake.starts).toHaveLength(2);
    fake.starts[1]!.reject(Object.assign(new Error("nope"), { code: "forbidden", retry: false }));
    await flush();
    expect(store.messages.value).toMatchObject([{ body: "hello", status: "failed" }]);

    const retried = store.retry(store.messages.value[0]!.key);
    await flush();
    expect(store.messages.value[0]!.status).toBe("sending");
    fake.starts[2]!.resolve(conversation("c1"));
    await flush();
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 1));
    await retried;
    expect(store.messages.value).toMatchObject([{ body: "hello", status: "sent" }]);
  });

  it("shows a banner while reconnecting and when the relay refuses for good", () => {
    const { fake, store } = setup();
    expect(store.banner.value).toBeNull();
    fake.emit("state", "reconnecting");
    expect(store.banner.value).toBe("reconnecting");
    fake.emit("state", "open");
    expect(store.banner.value).toBeNull();
    fake.emit("failed", { code: "origin-not-allowed", closeCode: 4004, reason: "origin" });
    expect(store.banner.value).toBe("failed");
  });

  it("ignores blank messages", async () => {
    const { fake, store } = setup();
    await store.send("   \n ");
    expect(store.messages.value).toEqual([]);
    expect(fake.starts).toHaveLength(0);
  });
});

const pendingEntry = (clientMsgId: string, body: string, conversationId = "c1"): PendingMessage => ({
  conversationId,
  clientMsgId,
  body,
  queuedAt: T0,
});

const rejection = (code: string) => Object.assign(new Error(code), { code, retry: false });

describe("createWidgetStore: the outbox across reloads", () => {
  it("shows the restored outbox as sending, in order, and settles it without sending it twice", async () => {
    const backend = memoryStorage();
    backend.setItem(
      "relaydesk:demo:waiting",
      JSON.stringify([{ clientMsgId: "w1", body: "typed before any conversation", queuedAt: T0 }]),
    );
    const { fake, store } = setup([pendingEntry("p1", "one"), pendingEntry("p2", "two")], backend);
    await flush();
    expect(store.messages.value.map((m) => [m.key, m.body, m.status])).toEqual([
      ["p1", "one", "sending"],
      ["p2", "two", "sending"],
      ["w1", "typed before any conversation", "sending"],
    ]);
    // The held ones were not queued again; the waiting one goes to the conversation they were in.
    expect(fake.starts).toHaveLength(0);
    expect(fake.sends.map((send) => [send.clientMsgId, send.conversationId])).toEqual([
      ["p1", "c1"],
      ["p2", "c1"],
      ["w1", "c1"],
    ]);
    for (const [index, send] of fake.sends.entries()) send.reply.resolve(ack(send, index + 1));
    await flush();
    expect(store.messages.value.map((m) => [m.body, m.status, m.seq])).toEqual([
      ["one", "sent", 1],
      ["two", "sent", 2],
      ["typed before any conversation", "sent", 3],
    ]);
    expect(backend.entries.get("relaydesk:demo:waiting")).toBe("[]");
  });

  it("keeps messages written before there is a conversation, and the first one starts it after the reload", async () => {
    const before = setup();
    void before.store.send("hello?");
    void before.store.send("anyone?");
    await flush();
    const saved = before.backend.entries.get("relaydesk:demo:waiting");
    expect(JSON.parse(saved ?? "[]").map((item: { body: string }) => item.body)).toEqual([
      "hello?",
      "anyone?",
    ]);
    before.store.dispose(); // the page goes away while still offline

    const after = setup([], before.backend);
    await flush();
    expect(bodies(after.store)).toEqual(["hello?", "anyone?"]);
    expect(after.fake.starts).toHaveLength(1);
    after.fake.starts[0]!.resolve(conversation("c7"));
    await flush();
    expect(after.fake.sends.map((send) => [send.body, send.conversationId])).toEqual([
      ["hello?", "c7"],
      ["anyone?", "c7"],
    ]);
    // Handed to the client, which keeps its own outbox: nothing is waiting any more.
    expect(after.backend.entries.get("relaydesk:demo:waiting")).toBe("[]");
  });

  it("ignores an unreadable or edited waiting list", async () => {
    const broken = memoryStorage();
    broken.setItem("relaydesk:demo:waiting", "{not json");
    expect(setup([], broken).store.messages.value).toEqual([]);

    const edited = memoryStorage();
    edited.setItem("relaydesk:demo:waiting", JSON.stringify([null, { clientMsgId: "x", body: 42 }, "text"]));
    expect(setup([], edited).store.messages.value).toEqual([]);
    await flush();
  });

  it("a restored message whose conversation was closed meanwhile goes to a new one, like a live one", async () => {
    const { fake, store } = setup([pendingEntry("p1", "late")]);
    await flush();
    fake.sends[0]!.reply.reject(rejection("conversation-closed"));
    await flush();
    expect(fake.starts).toHaveLength(1);
    fake.starts[0]!.resolve(conversation("c2"));
    await flush();
    expect(fake.sends[1]).toMatchObject({ clientMsgId: "p1", conversationId: "c2", body: "late" });
    fake.sends[1]!.reply.resolve(ack(fake.sends[1]!, 1));
    await flush();
    expect(store.conversation.value?.id).toBe("c2");
    expect(store.messages.value).toMatchObject([{ body: "late", status: "sent" }]);
  });

  it("shutdown forgets the stored outbox too", () => {
    const backend = memoryStorage();
    backend.setItem("relaydesk:demo:outbox", JSON.stringify([pendingEntry("p1", "one")]));
    const { store } = setup([pendingEntry("p1", "one")], backend);
    store.shutdown();
    expect(backend.entries.has("relaydesk:demo:outbox")).toBe(false);
    expect(backend.entries.has("relaydesk:demo:waiting")).toBe(false);
  });
});

describe("createWidgetStore: message states", () => {
  it("a message is read once an agent has read up to its seq; the visitor's own reads do not count", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    void store.send("first");
    void store.send("second");
    await flush();
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 1));
    fake.sends[1]!.reply.resolve(ack(fake.sends[1]!, 2));
    await flush();
    const statuses = () => store.messages.value.map((m) => m.status);
    expect(statuses()).toEqual(["sent", "sent"]);

    const agent = { kind: "agent" as const, id: "a1", name: "Ana" };
    fake.emit("read", { type: "read", conversationId: "other", reader: agent, seq: 5 });
    fake.emit("read", { type: "read", conversationId: "c1", reader: { kind: "visitor", id: "v1" }, seq: 2 });
    expect(statuses()).toEqual(["sent", "sent"]);
    fake.emit("read", { type: "read", conversationId: "c1", reader: agent, seq: 1 });
    expect(statuses()).toEqual(["read", "sent"]);
    fake.emit("read", { type: "read", conversationId: "c1", reader: agent, seq: 2 });
    fake.emit("read", { type: "read", conversationId: "c1", reader: agent, seq: 1 }); // late, stale
    expect(statuses()).toEqual(["read", "read"]);
  });

  it("a message goes sent, delivered, read as the agent's client receives and reads it, never backwards", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    void store.send("first");
    void store.send("second");
    await flush();
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 1));
    fake.sends[1]!.reply.resolve(ack(fake.sends[1]!, 2));
    await flush();
    const statuses = () => store.messages.value.map((m) => m.status);
    const agent = { kind: "agent" as const, id: "a1", name: "Ana" };
    const delivered = (conversationId: string, recipient: Author, seq: number) =>
      fake.emit("delivered", { type: "delivered", conversationId, recipient, seq });

    delivered("other", agent, 5);
    delivered("c1", { kind: "visitor", id: "v1" }, 2);
    expect(statuses()).toEqual(["sent", "sent"]);
    delivered("c1", agent, 1);
    expect(statuses()).toEqual(["delivered", "sent"]);
    fake.emit("read", { type: "read", conversationId: "c1", reader: agent, seq: 1 });
    delivered("c1", agent, 2);
    expect(statuses()).toEqual(["read", "delivered"]);
    delivered("c1", agent, 1); // late, stale
    fake.emit("read", { type: "read", conversationId: "c1", reader: agent, seq: 2 });
    delivered("c1", { kind: "bot", id: "b1" }, 2);
    expect(statuses()).toEqual(["read", "read"]);
  });

  it("retries a message the relay refused under a new clientMsgId", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    void store.send("refused");
    await flush();
    fake.sends[0]!.reply.reject(rejection("bad-frame"));
    await flush();
    expect(store.messages.value).toMatchObject([{ key: "c1", status: "failed" }]);

    const retried = store.retry("c1");
    await flush();
    expect(store.messages.value).toMatchObject([{ key: "c2", status: "sending" }]);
    expect(fake.sends.map((send) => send.clientMsgId)).toEqual(["c1", "c2"]);
    fake.sends[1]!.reply.resolve(ack(fake.sends[1]!, 1));
    await retried;
    expect(store.messages.value).toMatchObject([{ key: "c2", status: "sent" }]);
  });

  it("retries a message the client still holds (connection refused) under the same clientMsgId", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    void store.send("held");
    await flush();
    fake.emit("failed", { code: "unauthorized", closeCode: 4001, reason: "token" });
    expect(store.messages.value).toMatchObject([{ key: "c1", status: "failed" }]);

    void store.retry("c1");
    await flush();
    expect(fake.connects).toBe(1);
    expect(store.messages.value).toMatchObject([{ key: "c1", status: "sending" }]);
    expect(fake.sends).toHaveLength(1);
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 1));
    await flush();
    expect(store.messages.value).toMatchObject([{ key: "c1", status: "sent" }]);
  });
});

describe("createWidgetStore: history past the relay's retention (reset)", () => {
  it("drops that conversation's deleted messages only, keeps pending ones, and shows the retained ones once, in order", async () => {
    const { fake, store, emitted } = setup();
    fake.emit("conversation", conversation("c1"));
    fake.emit("message", agentMessage("c1", 1, "old one", T0 - 30));
    fake.emit("message", agentMessage("c1", 2, "old two", T0 - 20));
    fake.emit("message", agentMessage("other", 1, "elsewhere", T0 - 10));
    const acked = store.send("acked");
    void store.send("pending");
    await flush();
    fake.sends[0]!.reply.resolve(ack(fake.sends[0]!, 6));
    await acked;
    expect(bodies(store)).toEqual(["old one", "old two", "acked", "pending"]);

    fake.emit("reset", { conversationId: "c1", firstSeq: 5 });
    expect(bodies(store)).toEqual(["acked", "pending"]);
    fake.emit("message", agentMessage("c1", 5, "retained five", T0 - 5));
    fake.emit("message", { ...agentMessage("c1", 6, "acked"), author: { kind: "visitor", id: "v1" } });
    fake.emit("message", agentMessage("c1", 7, "retained seven"));
    expect(store.messages.value.map((m) => [m.body, m.seq, m.status])).toEqual([
      ["retained five", 5, "sent"],
      ["acked", 6, "sent"],
      ["retained seven", 7, "sent"],
      ["pending", null, "sending"],
    ]);
    // The host page hears of each live message once, the visitor's own included.
    expect(emitted.map((message) => message.seq)).toEqual([6, 7]);

    // The other conversation kept its messages.
    fake.emit("conversation", conversation("other", { createdAt: T0 + 100 }));
    expect(store.conversation.value?.id).toBe("other");
    expect(bodies(store)).toEqual(["elsewhere"]);
  });

  it("does not count deleted news as unread, and counts the retained news that follows", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    fake.emit("message", agentMessage("c1", 1, "news"));
    fake.emit("message", agentMessage("c1", 2, "more news"));
    expect(store.unread.value).toBe(2);
    fake.emit("reset", { conversationId: "other", firstSeq: 9 });
    expect(store.unread.value).toBe(2);
    fake.emit("reset", { conversationId: "c1", firstSeq: 2 });
    expect(store.unread.value).toBe(1);
    fake.emit("reset", { conversationId: "c1", firstSeq: 4 });
    expect(store.unread.value).toBe(0);
    expect(bodies(store)).toEqual([]);
    fake.emit("message", agentMessage("c1", 4, "retained news"));
    expect(store.unread.value).toBe(1);
    expect(bodies(store)).toEqual(["retained news"]);
  });
});

describe("createWidgetStore: several conversations", () => {
  const key = (fake: { startOptions: unknown[] }, index: number) =>
    (fake.startOptions[index] as { clientConversationId?: string } | undefined)?.clientConversationId;

  it("starts a new conversation with its first message, under one key, and keeps the earlier one readable", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1", { status: "closed" }));
    fake.emit("message", agentMessage("c1", 1, "first answer", T0 - 10));
    store.startNew();
    expect(store.conversation.value).toBeNull();
    expect(bodies(store)).toEqual([]);

    void store.send("second question");
    void store.send("and more");
    await flush();
    expect(fake.starts).toHaveLength(1);
    expect(key(fake, 0)).toBe("c1");
    fake.starts[0]!.resolve(conversation("c2", { createdAt: T0 + 5, updatedAt: T0 + 5 }));
    await flush();
    expect(store.conversation.value?.id).toBe("c2");
    expect(fake.sends.map((send) => [send.conversationId, send.body])).toEqual([
      ["c2", "second question"],
      ["c2", "and more"],
    ]);

    store.showList();
    expect(store.screen.value).toBe("list");
    expect(summariesOf(store).value.map((item) => [item.conversation.id, item.conversation.status])).toEqual([
      ["c2", "open"],
      ["c1", "closed"],
    ]);
    store.openConversation("c1");
    expect(store.screen.value).toBe("chat");
    expect(bodies(store)).toEqual(["first answer"]);
  });

  it("the key of a new conversation is kept with its unsent message, so a reload starts the same one", async () => {
    const backend = memoryStorage();
    const first = setup([], backend);
    first.fake.emit("conversation", conversation("c1"));
    first.store.startNew();
    void first.store.send("written just before the reload");
    await flush();
    const used = key(first.fake, 0);
    expect(used).toEqual(expect.any(String));
    first.store.dispose();

    const second = setup([], backend);
    await flush();
    expect(second.fake.starts).toHaveLength(1);
    expect(key(second.fake, 0)).toBe(used);
    expect(bodies(second.store)).toEqual(["written just before the reload"]);
    second.fake.starts[0]!.resolve(conversation("c2"));
    await flush();
    expect(second.fake.sends).toMatchObject([
      { conversationId: "c2", body: "written just before the reload" },
    ]);
  });

  it("a message goes to the conversation it was written in, not to the one on screen when it is sent", async () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("c1"));
    fake.emit("conversation", conversation("c2", { createdAt: T0 + 1 }));
    store.openConversation("c1");
    void store.send("about the first one");
    store.openConversation("c2");
    await flush();
    expect(fake.sends).toMatchObject([{ conversationId: "c1", body: "about the first one" }]);
    expect(bodies(store)).toEqual([]);
    fake.sends[0]!.reply.reject(rejection("forbidden"));
    await flush();
    // Retried from its own conversation's view, it goes there again.
    store.openConversation("c1");
    void store.retry(store.messages.value[0]!.key);
    await flush();
    expect(fake.sends[1]).toMatchObject({ conversationId: "c1", body: "about the first one" });
  });

  it("keeps the conversation the visitor opened on screen when another one starts or changes", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("old", { status: "closed" }));
    store.openConversation("old");
    fake.emit("conversation", conversation("newer", { createdAt: T0 + 9 }));
    expect(store.conversation.value?.id).toBe("old");

    const fresh = setup();
    fresh.fake.emit("conversation", conversation("old", { status: "closed" }));
    fresh.fake.emit("conversation", conversation("newer", { createdAt: T0 + 9 }));
    expect(fresh.store.conversation.value?.id).toBe("newer");
  });

  it("lists conversations by latest activity with their last message, and marks news until it is seen", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("a", { updatedAt: T0 - 100 }));
    fake.emit("conversation", conversation("b", { updatedAt: T0 - 50 }));
    fake.emit("message", agentMessage("a", 1, "old history", T0 - 90));
    fake.emit("message", agentMessage("a", 2, "new reply", T0 + 20));
    fake.emit("message", { ...agentMessage("b", 1, "mine", T0 + 10), author: { kind: "visitor", id: "v1" } });
    // The list is on screen: nothing is seen yet.
    store.showList();
    store.open();
    expect(
      summariesOf(store).value.map(({ conversation: c, last, unread }) => [
        c.id,
        last?.body,
        last?.author.kind,
        unread,
      ]),
    ).toEqual([
      ["a", "new reply", "agent", true],
      ["b", "mine", "visitor", false],
    ]);
    // Seen only once shown in an open panel.
    store.openConversation("a");
    expect(summariesOf(store).value.find((item) => item.conversation.id === "a")?.unread).toBe(false);
    expect(fake.reads).toContainEqual(["a", 2]);
  });

  it("after a reload shows the open conversation, whichever the relay replays or lists first", async () => {
    for (const order of [
      ["open-one", "closed-one"],
      ["closed-one", "open-one"],
    ]) {
      const { fake, store } = setup();
      const all = {
        "closed-one": conversation("closed-one", { status: "closed", createdAt: T0 - 100 }),
        "open-one": conversation("open-one", { createdAt: T0 - 50 }),
      };
      fake.setListed(order.map((id) => all[id as keyof typeof all]));
      fake.emit("message", agentMessage("closed-one", 1, "old", T0 - 99));
      fake.emit("message", agentMessage("open-one", 1, "current", T0 - 49));
      fake.emit("sync", { type: "sync-complete", lastSeq: { "closed-one": 1, "open-one": 1 } });
      await flush();
      expect(store.conversation.value?.id).toBe("open-one");
    }
  });

  it("counts news from any conversation on the launcher while the panel is closed", () => {
    const { fake, store } = setup();
    fake.emit("conversation", conversation("a"));
    fake.emit("conversation", conversation("b", { createdAt: T0 + 1 }));
    expect(store.conversation.value?.id).toBe("b");
    fake.emit("message", agentMessage("a", 1, "about a"));
    expect(store.unread.value).toBe(1);
  });
});
