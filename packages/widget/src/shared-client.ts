import {
  type ClientEventName,
  type ClientEvents,
  type ClientFailure,
  type ClientOptions,
  type ConnectionState,
  createClient,
  type RelaydeskClient,
  RelaydeskError,
} from "@relaydesk/client";
import { createEmitter, type Emitter } from "@relaydesk/client/parts";
import type { Conversation, Message, SyncComplete, Welcome } from "@relaydesk/sdk-types";
import { randomId } from "./random-id.ts";
import { EVENTS, savedOutbox } from "./tab-client.ts";
import type { PanelView, WidgetClient } from "./types.ts";

/** The part of `BroadcastChannel` used; tests pass an in-memory one. */
export interface TabChannel {
  postMessage(data: TabMessage): void;
  onmessage: ((event: { data: TabMessage }) => void) | null;
  close(): void;
}

/**
 * Runs `lead` once this tab holds the leader lock and keeps the lock until the promise `lead`
 * returns settles (or the tab goes away). `signal` withdraws a request still waiting.
 */
export type RequestLock = (lead: () => Promise<void>, signal: AbortSignal) => void;

export interface SharedClientOptions {
  /** Read when this tab opens the connection, so a visitor token another tab saved meanwhile is used. */
  clientOptions: () => ClientOptions;
  channel: TabChannel;
  requestLock: RequestLock;
  /** Makes the real client in the leader tab. */
  createClient?: (options: ClientOptions) => RelaydeskClient;
  /** What came on the channel before this chunk was here, handled first and in order. */
  early?: readonly TabMessage[];
  /** Where this client's events go (tab-client.ts's own emitter, which the store listens to). */
  events?: Emitter<ClientEvents> | undefined;
  /**
   * This tab led alone before this chunk was here (tab-client.ts): its real client, the lock's
   * release, and the client events it heard until now. Later events come through `hear`.
   */
  leading?: {
    client: RelaydeskClient;
    release: () => void;
    said: readonly (readonly [ClientEventName, unknown])[];
  } | null;
}

/** The widget's client, whose connection may live in another tab, plus the panel state the tabs share. */
export interface SharedClient extends WidgetClient {
  /** Whether this tab holds the socket. Attention (sound, notification) belongs to the leader only. */
  readonly isLeader: boolean;
  /** Tell the other tabs this tab's panel state (only what changed is sent). */
  shareView(view: PanelView): void;
  onView(handler: (view: PanelView) => void): () => void;
}

/** The chunk's client, which a tab that led alone also tells what its real client says. */
export interface TabSharing extends SharedClient {
  /** An event of the leading tab's real client: kept for snapshots and passed on to the other tabs. */
  hear(name: ClientEventName, payload: unknown): void;
}

type Method =
  | "startConversation"
  | "sendMessage"
  | "listConversations"
  | "markRead"
  | "pageView"
  | "connect"
  | "identify"
  | "getHistory"
  | "request";

interface PlainError {
  code: RelaydeskError["code"];
  message: string;
  retry: boolean;
}

interface Snapshot {
  state: ConnectionState;
  session: Welcome | null;
  sync: SyncComplete | null;
  /** Why the relay refused the connection, until the next `welcome`. */
  failed: ClientFailure | null;
  messages: Message[];
  conversations: Conversation[];
  view: PanelView | null;
}

/** What tabs say to each other over the channel. */
export type TabMessage =
  /** A follower asks the leader for what it knows. */
  | { type: "join"; tab: string }
  /** A tab took the lock and opened the connection: followers join again and resend their calls. */
  | { type: "leader" }
  | ({ type: "snapshot"; to: string } & Snapshot)
  /** A client event, from the leader. */
  | { type: "event"; name: ClientEventName; payload: unknown }
  /** A follower's call, for the leader to run; `id` null when no reply is wanted (read, connect). */
  | { type: "call"; tab: string; id: number | null; method: Method; args: unknown[] }
  | { type: "reply"; to: string; id: number; value?: unknown; error?: PlainError }
  | { type: "view"; view: PanelView };

interface Call {
  method: Method;
  args: unknown[];
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

/**
 * The tab-sharing chunk: one connection per browser for a visitor once a second tab is open
 * (tab-client.ts fetches it then). The tab holding the leader lock runs the real client; the
 * others ("followers") run this same object as a proxy, receiving the leader's client events and
 * having it run their calls over the channel. When the leader tab closes, the browser frees the
 * lock and a follower takes over with its own real client. Nothing is lost or doubled: calls not
 * answered yet are run again by the new leader, and a message keeps its clientMsgId (the relay
 * stores a clientMsgId once; the outbox the old leader persisted is resent under the same ids).
 *
 * @example
 * // In a tab that found the lock taken (tab-client.ts):
 * const client = createSharedClient({ ...browserTabs("acme"), clientOptions: () => options });
 */
export function createSharedClient(options: SharedClientOptions): TabSharing {
  const {
    channel,
    clientOptions,
    requestLock,
    createClient: makeClient = createClient,
    early = [],
    leading = null,
  } = options;
  const tab = randomId("t-");
  const events = options.events ?? createEmitter<ClientEvents>();
  const viewHandlers = new Set<(view: PanelView) => void>();
  /** Calls waiting for a leader's reply, by id. */
  const calls = new Map<number, Call>();
  const withdraw = new AbortController();
  let real: RelaydeskClient | null = leading?.client ?? null;
  const known: Snapshot = {
    state: "connecting",
    session: null,
    sync: null,
    failed: null,
    messages: [],
    conversations: [],
    view: null,
  };
  const messageIds = new Set<string>();
  const conversations = new Map<string, Conversation>();
  let nextId = 0;
  let release = leading?.release ?? (() => {});
  let closed = false;

  const post = (data: TabMessage) => channel.postMessage(data);

  /** A client event: remembered for tabs that join later, emitted here, and passed on by the leader. */
  function receive(name: ClientEventName, payload: unknown, fromSocket: boolean): void {
    if (name === "message") {
      const message = payload as Message;
      if (messageIds.has(message.id)) return;
      messageIds.add(message.id);
      known.messages.push(message);
    }
    if (name === "reset") {
      // A tab opened later gets the thread as it is now: the messages retention deleted are gone.
      const { conversationId, firstSeq } = payload as ClientEvents["reset"];
      known.messages = known.messages.filter((message) => {
        const gone = message.conversationId === conversationId && message.seq < firstSeq;
        if (gone) messageIds.delete(message.id);
        return !gone;
      });
    }
    if (name === "conversation") conversations.set((payload as Conversation).id, payload as Conversation);
    if (name === "state") known.state = payload as ConnectionState;
    if (name === "welcome") {
      known.session = payload as Welcome;
      known.failed = null;
    }
    if (name === "failed") known.failed = payload as ClientFailure;
    if (name === "sync") known.sync = payload as SyncComplete;
    // Passed on before the store here hears it: the view it shares in reaction (an unread count)
    // must reach the other tabs after the message that caused it.
    if (fromSocket) post({ type: "event", name, payload });
    events.emit(name, payload as never);
  }

  function run(method: Method, args: unknown[]): Promise<unknown> {
    return new Promise((resolve) => {
      // Only called while leading, with `real` set.
      const client = real as RelaydeskClient;
      resolve((client[method] as (...input: unknown[]) => unknown).apply(client, args));
    });
  }

  /** A call with a reply: run here when leading, otherwise by the leader (kept until it answers). */
  function call<T>(method: Method, args: unknown[]): Promise<T> {
    if (real) return run(method, args) as Promise<T>;
    if (closed) return Promise.reject(new RelaydeskError("closed", "the widget was shut down"));
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      calls.set(id, { method, args, resolve: resolve as (value: unknown) => void, reject });
      post({ type: "call", tab, id, method, args });
    });
  }

  /** A call without a reply (read position, connect): lost only while no tab leads. */
  function notify(method: Method, args: unknown[]): void {
    if (real) run(method, args).catch(() => {});
    else if (!closed) post({ type: "call", tab, id: null, method, args });
  }

  function lead(): Promise<void> {
    if (closed) return Promise.resolve();
    const client = makeClient({ ...clientOptions(), autoConnect: false });
    real = client;
    for (const name of EVENTS) client.on(name, (payload) => receive(name, payload, true));
    client.connect();
    post({ type: "leader" });
    // Calls the old leader never answered: run again; a message goes out under its clientMsgId.
    for (const [id, waiting] of calls) {
      calls.delete(id);
      run(waiting.method, waiting.args).then(waiting.resolve, waiting.reject);
    }
    return new Promise((resolve) => {
      release = resolve;
    });
  }

  function join(): void {
    post({ type: "join", tab });
    for (const [id, waiting] of calls)
      post({ type: "call", tab, id, method: waiting.method, args: waiting.args });
  }

  function adopt(snapshot: Snapshot): void {
    // Messages first: before this tab's first `welcome` the store files them as history, not news.
    for (const message of snapshot.messages) receive("message", message, false);
    for (const conversation of snapshot.conversations) receive("conversation", conversation, false);
    receive("state", snapshot.state, false);
    if (snapshot.session) receive("welcome", snapshot.session, false);
    if (snapshot.sync) receive("sync", snapshot.sync, false);
    if (snapshot.failed) receive("failed", snapshot.failed, false);
    if (snapshot.view) setView(snapshot.view);
  }

  function setView(view: PanelView): void {
    known.view = view;
    for (const handler of [...viewHandlers]) handler(view);
  }

  function handle(data: TabMessage): void {
    if (closed) return;
    switch (data.type) {
      case "join":
        if (real)
          post({ ...known, conversations: [...conversations.values()], type: "snapshot", to: data.tab });
        break;
      case "leader":
        if (!real) join();
        break;
      case "snapshot":
        if (data.to === tab) adopt(data);
        break;
      case "event":
        if (!real) receive(data.name, data.payload, false);
        break;
      case "call": {
        if (!real) break;
        const { id, tab: to } = data;
        const done = run(data.method, data.args);
        if (id === null) done.catch(() => {});
        else
          done.then(
            (value) => post({ type: "reply", to, id, value }),
            (error) => post({ type: "reply", to, id, error: plain(error) }),
          );
        break;
      }
      case "reply": {
        const waiting = data.to === tab ? calls.get(data.id) : undefined;
        if (!waiting) break;
        calls.delete(data.id);
        if (data.error)
          waiting.reject(
            new RelaydeskError(data.error.code, data.error.message, { retry: data.error.retry }),
          );
        else waiting.resolve(data.value);
        break;
      }
      case "view":
        setView(data.view);
        break;
    }
  }

  if (leading) for (const [name, payload] of leading.said) receive(name, payload, false);
  for (const data of early) handle(data);
  channel.onmessage = ({ data }) => handle(data);
  if (!leading) {
    requestLock(lead, withdraw.signal);
    join();
  }

  return {
    get isLeader() {
      return real !== null;
    },
    get state() {
      return real?.state ?? known.state;
    },
    get session() {
      return real ? real.session : known.session;
    },
    connect: () => notify("connect", []),
    close() {
      if (closed) return;
      closed = true;
      withdraw.abort();
      real?.close();
      release();
      channel.close();
      for (const waiting of calls.values())
        waiting.reject(new RelaydeskError("closed", "the widget was shut down"));
      calls.clear();
    },
    on: events.on,
    // A new conversation gets its idempotency key here, so a rerun by a new leader opens it once.
    startConversation: (opts) =>
      call("startConversation", [
        {
          clientConversationId:
            opts?.new || opts?.clientConversationId
              ? (opts.clientConversationId ?? randomId("cc-"))
              : undefined,
          prechat: opts?.prechat,
        },
      ]),
    // A follower picks the clientMsgId itself, so a resend to a new leader is the same message.
    sendMessage: (conversationId, body, opts) =>
      call("sendMessage", [
        conversationId,
        body,
        { clientMsgId: opts?.clientMsgId ?? randomId("m-"), attachments: opts?.attachments },
      ]),
    listConversations: () => call("listConversations", []),
    // The leader's client emits the messages of each page, to every tab.
    getHistory: (conversationId, opts) => call("getHistory", [conversationId, opts]),
    identify: (claim) => call("identify", [claim]),
    // Requests of the lazy parts (leave-email, rate-conversation), run by whichever tab leads.
    request: (frame, expected) => call("request", [frame, expected]),
    markRead: (conversationId, seq) => notify("markRead", [conversationId, seq]),
    // Run by the leader, whose socket says it and whose next `hello` carries it.
    pageView: (page) => notify("pageView", [page]),
    // Before this tab leads: the outbox the leader persisted (tab-client.ts).
    pending: () => real?.pending() ?? savedOutbox(clientOptions()),
    shareView(view) {
      const last = known.view;
      if (last?.open === view.open && last.unread === view.unread) return;
      known.view = view;
      // Every tab counts unread messages itself; the leader's count settles any difference.
      if (real || last?.open !== view.open) post({ type: "view", view });
    },
    onView(handler) {
      viewHandlers.add(handler);
      return () => viewHandlers.delete(handler);
    },
    hear: (name, payload) => receive(name, payload, true),
  } satisfies TabSharing;
}

function plain(error: unknown): PlainError {
  const { code = "closed", message = String(error), retry = false } = (error ?? {}) as Partial<PlainError>;
  return { code, message, retry };
}
