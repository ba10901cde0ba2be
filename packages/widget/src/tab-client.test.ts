import type { ClientEventName, ClientOptions, RelaydeskClient } from "@relaydesk/client";
import { RelaydeskError } from "@relaydesk/client";
import type { Ack, Message, Welcome } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import type { RequestLock, TabChannel, TabMessage } from "./shared-client.ts";
import { createTabClient } from "./tab-client.ts";

// The browser's BroadcastChannel and Web Locks, in memory: messages are structured-cloned and
// delivered on a later task to every other channel, like the real ones; the lock goes to the
// next waiting tab when its holder releases it or its tab is closed, and `ifAvailable` takes it
// only when nobody holds it or waits for it. The protocol client is a structural fake recording
// the calls the leader tab makes. The tab-sharing chunk is the real one (shared-client.ts).

function browser() {
  const channels = new Set<TabChannel>();
  const waiting: { lead: () => Promise<void>; signal: AbortSignal; tab: number }[] = [];
  let holder: number | null = null;
  function grant(): void {
    if (holder !== null) return;
    const next = waiting.shift();
    if (!next) return;
    holder = next.tab;
    const done = () => {
      if (holder === next.tab) holder = null;
      grant();
    };
    next.lead().then(done, done);
  }
  let tabs = 0;
  return {
    /** A new tab: its channel and its lock requests. */
    tab() {
      const tab = ++tabs;
      const channel: TabChannel & { closed: boolean } = {
        closed: false,
        onmessage: null,
        postMessage(data: TabMessage) {
          if (!channels.has(channel)) return;
          const copy = structuredClone(data);
          for (const other of channels) {
            if (other !== channel)
              setTimeout(() => channels.has(other) && other.onmessage?.({ data: copy }), 0);
          }
        },
        close() {
          channels.delete(channel);
        },
      };
      channels.add(channel);
      const requestLock: RequestLock = (lead, signal) => {
        waiting.push({ lead, signal, tab });
        signal.addEventListener("abort", () => {
          const index = waiting.findIndex((entry) => entry.tab === tab);
          if (index >= 0) waiting.splice(index, 1);
        });
        setTimeout(grant, 0);
      };
      const tryLock = (lead: (held: boolean) => Promise<void>) => {
        setTimeout(() => {
          if (holder !== null || waiting.length > 0) {
            void lead(false);
            return;
          }
          holder = tab;
          const done = () => {
            if (holder === tab) holder = null;
            grant();
          };
          lead(true).then(done, done);
        }, 0);
      };
      /** The tab goes away without a word (closed, crashed): its channel and lock are gone. */
      const kill = () => {
        channels.delete(channel);
        if (holder === tab) {
          holder = null;
          grant();
        }
      };
      return { channel, requestLock, tryLock, kill };
    },
  };
}

interface FakeClient extends RelaydeskClient {
  emit(event: ClientEventName, payload: unknown): void;
  sends: {
    conversationId: string;
    body: string;
    clientMsgId: string;
    ack: (ack: Ack) => void;
    fail: (e: unknown) => void;
  }[];
  reads: [string, number][];
  pages: { url: string; title?: string | undefined }[];
  connects: number;
  identifies: unknown[];
}

function fakeClient(): FakeClient {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const client: FakeClient = {
    state: "idle",
    session: null,
    sends: [],
    reads: [],
    pages: [],
    connects: 0,
    identifies: [],
    emit(event, payload) {
      if (event === "state") (client as { state: unknown }).state = payload;
      if (event === "welcome") (client as { session: unknown }).session = payload;
      for (const handler of handlers.get(event) ?? []) handler(payload);
    },
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler as (payload: unknown) => void);
      return () => set.delete(handler as (payload: unknown) => void);
    },
    connect() {
      client.connects++;
    },
    close() {},
    startConversation: () => Promise.resolve(conversation),
    sendMessage(conversationId, body, options) {
      return new Promise((ack, fail) => {
        client.sends.push({ conversationId, body, clientMsgId: options?.clientMsgId ?? "", ack, fail });
      });
    },
    listConversations: () => Promise.resolve([conversation]),
    getHistory: () => Promise.resolve({ messages: [], hasMore: false }),
    typing() {},
    pageView(page) {
      client.pages.push(page);
    },
    markRead(conversationId, seq) {
      client.reads.push([conversationId, seq]);
    },
    identify(claim) {
      client.identifies.push(claim);
      const identified = {
        type: "identified" as const,
        replyTo: "r1",
        visitorId: "v-user",
        visitorToken: "vt_user",
        userId: "userId" in claim ? String(claim.userId) : "from-jwt",
        self: { kind: "visitor" as const, id: "v-user" },
        carried: [],
      };
      client.emit("identified", identified);
      return Promise.resolve(identified);
    },
    pending: () => [],
  };
  return client;
}

const T0 = 1_700_000_000_000;
const conversation = {
  id: "c1",
  appId: "demo",
  visitorId: "v1",
  status: "open" as const,
  assignee: null,
  createdAt: T0,
  updatedAt: T0,
  lastSeq: 0,
  attributes: {},
};
const welcome = { type: "welcome", serverTime: T0, visitorToken: "vt_1" } as unknown as Welcome;
const agentMessage = (seq: number, body: string): Message => ({
  id: `m${seq}`,
  conversationId: "c1",
  seq,
  author: { kind: "agent", id: "a1", name: "Ana" },
  kind: "text",
  body,
  clientMsgId: `a-${seq}`,
  createdAt: T0 + seq,
});
const ackFor = (clientMsgId: string, seq: number): Ack => ({
  type: "ack",
  replyTo: "r1",
  clientMsgId,
  messageId: `m${seq}`,
  conversationId: "c1",
  seq,
  createdAt: T0 + seq,
  duplicate: false,
});
/**
 * Let the fake channel and locks deliver: they hop through `setTimeout(0)`, so wait that many hops
 * rather than a time (a loaded machine stretches any fixed wait past a chain of hops).
 */
const settle = async () => {
  for (let hop = 0; hop < 25; hop++) await new Promise((resolve) => setTimeout(resolve, 0));
};

function setup(options: { failLoads?: number; slowTabs?: number[] } = {}) {
  const page = browser();
  const clients: FakeClient[] = [];
  /** Which tabs fetched the tab-sharing chunk, in order (a failed fetch counts). */
  const fetched: number[] = [];
  let failing = options.failLoads ?? 0;
  let tabs = 0;
  function openTab() {
    const tab = ++tabs;
    const { channel, requestLock, tryLock, kill } = page.tab();
    const client = createTabClient({
      tabs: { channel, requestLock, tryLock },
      clientOptions: () =>
        ({ url: "http://relay.test", auth: { role: "visitor", appId: "demo" } }) satisfies ClientOptions,
      createClient: () => {
        const made = fakeClient();
        clients.push(made);
        return made;
      },
      loadSharing: () => {
        fetched.push(tab);
        if (failing > 0) {
          failing--;
          return Promise.resolve(null);
        }
        if (options.slowTabs?.includes(tab))
          return new Promise((resolve) => setTimeout(resolve, 20)).then(() => import("./shared-client.ts"));
        return import("./shared-client.ts");
      },
      retryDelayMs: 1,
    });
    const seen: Message[] = [];
    client.on("message", (message) => seen.push(message));
    return { client, seen, kill };
  }
  return { openTab, clients, fetched };
}

/** The leader's real client comes up: connected, welcomed. */
function connect(client: FakeClient): void {
  client.emit("state", "open");
  client.emit("welcome", welcome);
}

describe("createTabClient", () => {
  it("runs a follower's identify on the leader's connection; every tab hears who it is now", async () => {
    const { openTab, clients } = setup();
    const leader = openTab();
    const follower = openTab();
    await settle();
    connect(clients[0] as FakeClient);
    const heard: string[] = [];
    leader.client.on("identified", (identified) => heard.push(`leader ${identified.visitorToken}`));
    follower.client.on("identified", (identified) => heard.push(`follower ${identified.visitorToken}`));
    const reply = await follower.client.identify({ userId: "user-42", signature: "ab".repeat(32) });
    await settle();
    expect(reply.userId).toBe("user-42");
    // One identify, on the one socket.
    expect(clients).toHaveLength(1);
    expect(clients[0]?.identifies).toEqual([{ userId: "user-42", signature: "ab".repeat(32) }]);
    expect(heard.sort()).toEqual(["follower vt_user", "leader vt_user"]);
  });

  it("opens one connection for several tabs and gives every tab the leader's messages", async () => {
    const { openTab, clients } = setup();
    const first = openTab();
    const second = openTab();
    await settle();
    expect(clients).toHaveLength(1);
    expect(first.client.isLeader).toBe(true);
    expect(second.client.isLeader).toBe(false);
    connect(clients[0] as FakeClient);
    clients[0]?.emit("message", agentMessage(1, "Hello"));
    await settle();
    expect(second.client.state).toBe("open");
    expect(second.client.session?.visitorToken).toBe("vt_1");
    expect(first.seen.map((m) => m.body)).toEqual(["Hello"]);
    expect(second.seen.map((m) => m.body)).toEqual(["Hello"]);
  });

  it("passes the agents' read and delivered receipts on to follower tabs", async () => {
    const { openTab, clients } = setup();
    openTab();
    const follower = openTab();
    await settle();
    connect(clients[0] as FakeClient);
    const heard: string[] = [];
    follower.client.on("delivered", (e) => heard.push(`delivered ${e.seq}`));
    follower.client.on("read", (e) => heard.push(`read ${e.seq}`));
    const agent = { kind: "agent" as const, id: "a1" };
    clients[0]?.emit("delivered", { type: "delivered", conversationId: "c1", recipient: agent, seq: 2 });
    clients[0]?.emit("read", { type: "read", conversationId: "c1", reader: agent, seq: 1 });
    await settle();
    expect(heard).toEqual(["delivered 2", "read 1"]);
  });

  it("gives a tab opened later what the leader has seen, once", async () => {
    const { openTab, clients } = setup();
    const first = openTab();
    await settle();
    const real = clients[0] as FakeClient;
    connect(real);
    real.emit("message", agentMessage(1, "One"));
    real.emit("message", agentMessage(2, "Two"));
    first.client.shareView({ open: false, unread: 2 });
    const late = openTab();
    const views: unknown[] = [];
    late.client.onView((view) => views.push(view));
    await settle();
    expect(late.seen.map((m) => m.body)).toEqual(["One", "Two"]);
    expect(views).toEqual([{ open: false, unread: 2 }]);
    expect(late.client.state).toBe("open");
    // A message said again (the client re-emits what follows a retention reset): the other tabs
    // hear it once. The leader hears its own client as it is (the store drops a repeated id).
    real.emit("message", agentMessage(2, "Two"));
    await settle();
    expect(late.seen).toHaveLength(2);
    expect(first.seen).toHaveLength(3);
  });

  it("passes a reset past the relay's retention on, and a tab opened later gets only the retained thread", async () => {
    const { openTab, clients } = setup();
    const leader = openTab();
    const follower = openTab();
    await settle();
    const real = clients[0] as FakeClient;
    connect(real);
    real.emit("message", agentMessage(1, "Old"));
    real.emit("message", { ...agentMessage(1, "Elsewhere"), id: "x1", conversationId: "c2" });
    real.emit("message", agentMessage(4, "Kept"));
    await settle();
    const resets: unknown[] = [];
    follower.client.on("reset", (reset) => resets.push(reset));
    real.emit("reset", { conversationId: "c1", firstSeq: 3 });
    real.emit("message", agentMessage(3, "Retained"));
    real.emit("message", agentMessage(4, "Kept"));
    await settle();
    expect(resets).toEqual([{ conversationId: "c1", firstSeq: 3 }]);
    // Events arrive in the leader's order: the reset before the retained messages.
    expect(follower.seen.map((m) => m.body)).toEqual(["Old", "Elsewhere", "Kept", "Retained"]);
    expect(leader.seen.map((m) => m.body)).toEqual(["Old", "Elsewhere", "Kept", "Retained", "Kept"]);

    const late = openTab();
    const lateResets: unknown[] = [];
    late.client.on("reset", (reset) => lateResets.push(reset));
    await settle();
    expect(late.seen.map((m) => m.body)).toEqual(["Elsewhere", "Kept", "Retained"]);
    expect(lateResets).toEqual([]);
  });

  it("tells a tab opened later that the relay refused the connection", async () => {
    const { openTab, clients } = setup();
    openTab();
    await settle();
    const refusal = { code: "origin-not-allowed", closeCode: 4004, reason: "origin not allowed" };
    clients[0]?.emit("state", "idle");
    clients[0]?.emit("failed", refusal);
    const late = openTab();
    const failures: unknown[] = [];
    late.client.on("failed", (failure) => failures.push(failure));
    await settle();
    expect(failures).toEqual([refusal]);
    expect(late.client.state).toBe("idle");
  });

  it("runs a follower's calls on the leader's connection and returns their outcome", async () => {
    const { openTab, clients } = setup();
    openTab();
    const follower = openTab();
    await settle();
    const real = clients[0] as FakeClient;
    connect(real);
    const sent = follower.client.sendMessage("c1", "From the follower", { clientMsgId: "w-1" });
    follower.client.markRead("c1", 4);
    follower.client.pageView({ url: "https://app.acme.test/billing", title: "Billing" });
    await settle();
    expect(real.sends.map((send) => [send.body, send.clientMsgId])).toEqual([["From the follower", "w-1"]]);
    expect(real.reads).toEqual([["c1", 4]]);
    // The page the visitor went to in the follower tab goes out on the leader's socket.
    expect(real.pages).toEqual([{ url: "https://app.acme.test/billing", title: "Billing" }]);
    real.sends[0]?.ack(ackFor("w-1", 5));
    await expect(sent).resolves.toMatchObject({ clientMsgId: "w-1", seq: 5 });

    const refused = follower.client.sendMessage("c1", "Too late", { clientMsgId: "w-2" });
    await settle();
    real.sends[1]?.fail(new RelaydeskError("conversation-closed", "closed", { retry: false }));
    await expect(refused).rejects.toMatchObject({ code: "conversation-closed", retry: false });
    await expect(follower.client.listConversations()).resolves.toEqual([conversation]);

    // A new conversation started from a follower carries the key that makes a rerun harmless.
    const started: unknown[] = [];
    real.startConversation = (options) => {
      started.push(options);
      return Promise.resolve(conversation);
    };
    // Pre-chat answers go along to the leader.
    await follower.client.startConversation({ new: true, prechat: { name: "Ana" } });
    await follower.client.startConversation();
    expect(started).toEqual([
      { clientConversationId: expect.stringMatching(/^cc-/), prechat: { name: "Ana" } },
      { clientConversationId: undefined, prechat: undefined },
    ]);
  });

  it("hands the connection over when the leader tab goes away, resending unanswered messages once under their clientMsgId", async () => {
    const { openTab, clients } = setup();
    const first = openTab();
    const second = openTab();
    const third = openTab();
    await settle();
    const old = clients[0] as FakeClient;
    connect(old);
    const fromSecond = second.client.sendMessage("c1", "Sent as the leader left", { clientMsgId: "w-2" });
    const fromThird = third.client.sendMessage("c1", "Me too", { clientMsgId: "w-3" });
    await settle();
    expect(old.sends.map((send) => send.clientMsgId)).toEqual(["w-2", "w-3"]);

    // The leader tab closes before the relay answered.
    first.kill();
    await settle();
    expect(clients).toHaveLength(2);
    const next = clients[1] as FakeClient;
    expect(second.client.isLeader).toBe(true);
    expect(third.client.isLeader).toBe(false);
    expect(next.connects).toBe(1);
    expect(next.sends.map((send) => send.clientMsgId).sort()).toEqual(["w-2", "w-3"]);
    connect(next);
    for (const [index, send] of next.sends.entries()) send.ack(ackFor(send.clientMsgId, 10 + index));
    await expect(fromSecond).resolves.toMatchObject({ clientMsgId: "w-2" });
    await expect(fromThird).resolves.toMatchObject({ clientMsgId: "w-3" });

    next.emit("message", agentMessage(20, "After the handover"));
    await settle();
    expect(second.seen.map((m) => m.body)).toEqual(["After the handover"]);
    expect(third.seen.map((m) => m.body)).toEqual(["After the handover"]);
    await settle();
    expect(next.sends).toHaveLength(2);
  });

  it("shares the panel: opening and closing from any tab, unread counts from the leader", async () => {
    const { openTab } = setup();
    const leader = openTab();
    const follower = openTab();
    await settle();
    const seenByLeader: unknown[] = [];
    const seenByFollower: unknown[] = [];
    leader.client.onView((view) => seenByLeader.push(view));
    follower.client.onView((view) => seenByFollower.push(view));

    follower.client.shareView({ open: true, unread: 0 });
    await settle();
    expect(seenByLeader).toEqual([{ open: true, unread: 0 }]);

    // Every tab counts an unread message itself; only the leader's count travels.
    leader.client.shareView({ open: false, unread: 0 });
    await settle();
    follower.client.shareView({ open: false, unread: 1 });
    leader.client.shareView({ open: false, unread: 1 });
    await settle();
    expect(seenByLeader).toEqual([{ open: true, unread: 0 }]);
    expect(seenByFollower).toEqual([
      { open: false, unread: 0 },
      { open: false, unread: 1 },
    ]);
  });

  it("fails a follower's unanswered calls when the widget shuts down, and stops listening", async () => {
    const { openTab, clients } = setup();
    const leader = openTab();
    const follower = openTab();
    await settle();
    const waiting = follower.client.startConversation();
    follower.client.close();
    await expect(waiting).rejects.toMatchObject({ code: "closed" });
    clients[0]?.emit("message", agentMessage(1, "Nobody listens"));
    await settle();
    expect(follower.seen).toEqual([]);
    expect(leader.seen).toHaveLength(1);
  });
  it("leads alone without fetching the tab-sharing chunk, and connects at once", async () => {
    const { openTab, clients, fetched } = setup();
    const only = openTab();
    await settle();
    expect(clients).toHaveLength(1);
    expect(clients[0]?.connects).toBe(1);
    expect(only.client.isLeader).toBe(true);
    connect(clients[0] as FakeClient);
    clients[0]?.emit("message", agentMessage(1, "Hello"));
    only.client.shareView({ open: true, unread: 0 });
    void only.client.sendMessage("c1", "Hi", { clientMsgId: "w-1" });
    await settle();
    expect(only.seen.map((m) => m.body)).toEqual(["Hello"]);
    expect(clients[0]?.sends.map((send) => send.clientMsgId)).toEqual(["w-1"]);
    expect(fetched).toEqual([]);
  });

  it("fetches the chunk in a leader when a second tab opens, and in every tab that follows", async () => {
    const { openTab, fetched } = setup();
    openTab();
    await settle();
    expect(fetched).toEqual([]);
    openTab();
    openTab();
    await settle();
    expect(fetched.sort()).toEqual([1, 2, 3]);
  });

  it("holds calls made before the tab knows whether it leads, then sends them where they go", async () => {
    const { openTab, clients } = setup();
    openTab();
    await settle();
    const real = clients[0] as FakeClient;
    connect(real);
    // Called at once, before this tab heard whether the lock was free.
    const follower = openTab();
    const sent = follower.client.sendMessage("c1", "Typed at once", { clientMsgId: "w-9" });
    follower.client.markRead("c1", 2);
    expect(follower.client.state).toBe("connecting");
    await settle();
    expect(real.sends.map((send) => send.body)).toEqual(["Typed at once"]);
    expect(real.reads).toEqual([["c1", 2]]);
    real.sends[0]?.ack(ackFor("w-9", 3));
    await expect(sent).resolves.toMatchObject({ clientMsgId: "w-9", seq: 3 });
  });

  it("passes an event on to the other tabs before the leader reacts to it, alone or not", async () => {
    const { openTab, clients } = setup();
    const leader = openTab();
    await settle();
    const real = clients[0] as FakeClient;
    connect(real);
    // As the store does: a message while closed is counted, and the count is shared.
    let unread = 0;
    leader.client.on("message", () => leader.client.shareView({ open: false, unread: ++unread }));
    real.emit("message", agentMessage(1, "Before the second tab"));
    const follower = openTab();
    const heard: string[] = [];
    follower.client.on("message", (message) => heard.push(message.body));
    follower.client.onView((view) => heard.push(`unread ${view.unread}`));
    await settle();
    real.emit("message", agentMessage(2, "After"));
    await settle();
    expect(heard).toEqual(["Before the second tab", "unread 1", "After", "unread 2"]);
  });

  it("fetches the chunk again when it could not, and then follows", async () => {
    const { openTab, clients, fetched } = setup({ failLoads: 2 });
    openTab();
    await settle();
    const follower = openTab();
    await settle();
    connect(clients[0] as FakeClient);
    clients[0]?.emit("message", agentMessage(1, "Made it"));
    await settle();
    expect(fetched.filter((tab) => tab === 2).length).toBeGreaterThanOrEqual(2);
    expect(follower.seen.map((m) => m.body)).toEqual(["Made it"]);
    expect(follower.client.isLeader).toBe(false);
  });
  it("gives a follower what the leader passed on while its chunk was on the way", async () => {
    const { openTab, clients } = setup({ slowTabs: [3] });
    openTab();
    openTab();
    await settle();
    const real = clients[0] as FakeClient;
    connect(real);
    const third = openTab();
    const heard: string[] = [];
    third.client.on("read", (event) => heard.push(`read ${event.seq}`));
    // Passed on by the leader before the third tab's chunk is here (no snapshot carries receipts).
    await new Promise((resolve) => setTimeout(resolve, 5));
    real.emit("read", { type: "read", conversationId: "c1", reader: { kind: "agent", id: "a1" }, seq: 3 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    await settle();
    expect(heard).toEqual(["read 3"]);
  });
});
