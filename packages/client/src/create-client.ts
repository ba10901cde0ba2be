import {
  type ConversationReply,
  type ConversationsReply,
  closeCodeInfo,
  type Delivered,
  type GetHistory,
  type HistoryReply,
  type Identified,
  type Identify,
  LIMITS,
  type Message,
  type PageView,
  type Ping,
  type Read,
  type ServerFrame,
  type StartConversation,
  type Typing,
  type Welcome,
} from "@relaydesk/sdk-types";
import { nextDelay } from "./backoff.ts";
import { isOffline, onOnline } from "./browser-connectivity.ts";
import { checkMessage } from "./check-message.ts";
import { createId, isValidId } from "./client-id.ts";
import { createEmitter } from "./emitter.ts";
import { createHeartbeat } from "./heartbeat.ts";
import { helloFrame } from "./hello-frame.ts";
import { createMessageSequencer } from "./message-sequencer.ts";
import { isPermanentRequestError, RelaydeskError } from "./relaydesk-error.ts";
import { createRequestQueue } from "./request-queue.ts";
import { createRequestTracker } from "./request-tracker.ts";
import { createSendQueue } from "./send-queue.ts";
import { socketUrl } from "./socket-url.ts";
import type {
  ClientEvents,
  ClientOptions,
  ConnectionState,
  RelaydeskClient,
  WebSocketFactory,
  WebSocketLike,
} from "./types.ts";

const DEFAULTS = {
  reconnectInitialDelayMs: 1000,
  reconnectMaxDelayMs: 30_000,
  reconnectGrowFactor: 2,
  requestTimeoutMs: 10_000,
  heartbeatTimeoutMs: 40_000,
  autoConnect: true,
  random: Math.random,
} satisfies Required<Omit<ClientOptions, "url" | "auth" | "WebSocket" | "outboxStore">>;

/**
 * Connect to a Relaydesk relay as a visitor (widget) or an agent (console, bot).
 *
 * The client keeps one WebSocket open, reconnecting with capped exponential backoff and jitter,
 * and resumes where it left off: `hello.resume` carries the highest seq delivered per
 * conversation, and the relay replays what is missing. Apps can rely solely on `message` events
 * to render conversations: each message is emitted exactly once, in seq order per conversation,
 * whether it arrived live, in the resume replay, or in a `getHistory` reply; holes (a message
 * with seq 7 after 5) are filled from history before anything after them is emitted.
 *
 * `sendMessage` never loses or duplicates a message: it stays in an outbox and is resent with its
 * original clientMsgId after every reconnect (and after a request timeout) until the relay
 * acknowledges it; the relay stores a clientMsgId only once. With `outboxStore` the outbox also
 * survives a reload: what it held is sent first after the next `welcome`, and its outcome arrives
 * as `ack` / `send-failed` events.
 *
 * @example
 * const client = createClient({
 *   url: "https://support.example.com",
 *   auth: { role: "visitor", appId: "acme", visitorToken: localStorage.getItem("rd-token") ?? undefined },
 * });
 * client.on("welcome", (w) => w.visitorToken && localStorage.setItem("rd-token", w.visitorToken));
 * client.on("message", (m) => render(m));
 * const conversation = await client.startConversation();
 * await client.sendMessage(conversation.id, "Hello!");
 */
export function createClient(options: ClientOptions): RelaydeskClient {
  const config = { ...DEFAULTS, ...definedOnly(options) };
  const { auth } = options;
  const url = socketUrl(options.url, auth);
  const WebSocketImpl = options.WebSocket ?? defaultWebSocket();

  const events = createEmitter<ClientEvents>();
  const tracker = createRequestTracker();
  const isOpen = () => state === "open";
  const sends = createSendQueue({
    tracker,
    send,
    isOpen,
    requestTimeoutMs: config.requestTimeoutMs,
    retryDelay: (attempt) => nextDelay(attempt, config, config.random),
    store: options.outboxStore,
    onAck: (ack) => events.emit("ack", ack),
    onRefused: (message, error) => events.emit("send-failed", { message, error }),
  });
  const requests = createRequestQueue({ tracker, send, isOpen, requestTimeoutMs: config.requestTimeoutMs });
  const { request } = requests;
  /** Read positions marked while offline; the latest per conversation goes out after `welcome`. */
  const unsentReads = new Map<string, number>();
  /**
   * Receipts: the highest seq of someone else's message emitted per conversation (`delivered`), and
   * the highest told to the relay (`reported`). Told once per microtask, so a resume replay or a
   * history page sends one frame per conversation, not one per message.
   */
  const delivered = new Map<string, number>();
  const reported = new Map<string, number>();
  let reportScheduled = false;
  const sequencer = createMessageSequencer({
    deliver(message) {
      events.emit("message", message);
      received(message);
    },
    reset: (conversationId, firstSeq) => events.emit("reset", { conversationId, firstSeq }),
    fetchAfter: (conversationId, afterSeq) =>
      request<HistoryReply>(
        { type: "get-history", id: createId("r_"), conversationId, afterSeq, limit: LIMITS.maxHistoryPage },
        "history",
      ),
    isPermanent: isPermanentRequestError,
  });
  const heartbeat = createHeartbeat({
    timeoutMs: config.heartbeatTimeoutMs,
    ping: () => send({ type: "ping", t: Date.now() } satisfies Ping),
    silent() {
      detach()?.close(4008, "heartbeat timeout");
      reconnectLater();
    },
  });

  let state: ConnectionState = "idle";
  let session: Welcome | null = null;
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let stopWatchingOnline = () => {};
  let visitorToken = auth.role === "visitor" ? auth.visitorToken : undefined;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    events.emit("state", next);
  }

  function open(): void {
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    setState("connecting");
    let ws: WebSocketLike;
    try {
      ws = new WebSocketImpl(url);
    } catch (error) {
      // e.g. a CSP `connect-src` that blocks the relay: retrying later is all we can do.
      console.error("relaydesk: could not open a WebSocket", error);
      reconnectLater();
      return;
    }
    socket = ws;
    heartbeat.watch();
    ws.onopen = () => {
      if (socket === ws) ws.send(JSON.stringify(helloFrame(auth, visitorToken, sequencer.resume())));
    };
    ws.onmessage = (event) => {
      if (socket === ws) receive(event.data);
    };
    ws.onclose = (event) => {
      if (socket === ws) dropped(event.code, event.reason);
    };
    // Every error is followed by a close event, which is where we act.
    ws.onerror = () => {};
  }

  /** Stop using the current socket: in-flight requests wait for the next connection. */
  function detach(): WebSocketLike | null {
    const ws = socket;
    socket = null;
    heartbeat.stop();
    tracker.clear();
    requests.detach();
    sends.detach();
    if (ws) {
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      // Not null: Node's `ws` throws an unhandled "error" event when nobody listens.
      ws.onerror = () => {};
    }
    return ws;
  }

  function dropped(closeCode: number, reason: string): void {
    detach();
    const info = closeCodeInfo(closeCode);
    if (info.retry) {
      reconnectLater();
      return;
    }
    stop(
      new RelaydeskError(info.code ?? "closed", reason || `the relay closed the connection (${closeCode})`, {
        retry: false,
      }),
    );
    events.emit("failed", { code: info.code, closeCode, reason });
  }

  function reconnectLater(): void {
    setState("reconnecting");
    // Offline, every attempt would fail at once and burn through the backoff; `online` resumes.
    if (isOffline()) return;
    reconnectTimer = setTimeout(open, nextDelay(attempt++, config, config.random));
  }

  function reconnectNow(): void {
    if (state === "reconnecting") open();
  }

  /** Go idle: no socket, no reconnect; queued calls fail with `error`, the outbox is kept. */
  function stop(error: RelaydeskError): void {
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    stopWatchingOnline();
    stopWatchingOnline = () => {};
    setState("idle");
    requests.failAll(error);
  }

  function send(frame: object): boolean {
    if (state !== "open" || !socket) return false;
    try {
      socket.send(JSON.stringify(frame));
      return true;
    } catch {
      // The socket is closing; its close event reconnects and everything unacknowledged is resent.
      return false;
    }
  }

  function receive(data: unknown): void {
    // Anything at all from the relay proves the connection is alive.
    heartbeat.touch();
    if (typeof data !== "string") return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== "object" || frame === null) return;
    try {
      handle(frame);
    } catch (error) {
      console.error("relaydesk: failed to handle a frame", frame.type, error);
    }
  }

  function handle(frame: ServerFrame): void {
    switch (frame.type) {
      case "welcome":
        welcomed(frame);
        break;
      case "message-created":
        sequencer.accept(frame.message);
        break;
      case "conversation-created":
      case "conversation-updated":
        events.emit("conversation", frame.conversation);
        break;
      case "typing":
      case "read":
      case "delivered":
        // Facts about someone else, passed on as they are.
        events.emit(frame.type, frame as never);
        break;
      case "not-recovered":
        sequencer.notRecovered(frame.conversationId, frame.firstSeq);
        break;
      case "sync-complete":
        sequencer.synced(frame.lastSeq);
        events.emit("sync", frame);
        break;
      case "ack":
        // A late ack for a copy that already timed out still settles the entry.
        if (!tracker.settle(frame.replyTo, frame)) sends.acked(frame);
        break;
      case "error":
        if (frame.replyTo === undefined || !tracker.settle(frame.replyTo, frame)) events.emit("error", frame);
        break;
      default:
        // Other replies settle their request; other events (offers, queue positions, presence,
        // notes) are emitted under their frame type. A newer relay's unknown types change nothing.
        if ("replyTo" in frame) {
          if (frame.replyTo !== undefined) tracker.settle(frame.replyTo, frame);
        } else events.emit(frame.type as never, frame as never);
    }
  }

  function received({ author, conversationId, seq }: Message): void {
    const self = session?.self;
    if (!self || (author.kind === self.kind && author.id === self.id)) return;
    // Messages are emitted in seq order per conversation, so this only ever advances.
    delivered.set(conversationId, seq);
    if (!reportScheduled) queueMicrotask(reportDelivered);
    reportScheduled = true;
  }

  /** Whatever cannot go out now (disconnected) goes out after the next `welcome`. */
  function reportDelivered(): void {
    reportScheduled = false;
    for (const [conversationId, seq] of delivered) {
      if (
        seq > (reported.get(conversationId) ?? 0) &&
        send({ type: "delivered", conversationId, seq } satisfies Delivered)
      )
        reported.set(conversationId, seq);
    }
  }

  function welcomed(frame: Welcome): void {
    session = frame;
    attempt = 0;
    if (auth.role === "visitor" && frame.visitorToken) visitorToken = frame.visitorToken;
    setState("open");
    // Ping often enough for the relay's rule and so a healthy relay always answers within our timeout.
    const interval = frame.limits.heartbeatIntervalMs;
    heartbeat.pingEvery(
      interval > 0 ? Math.min(interval, config.heartbeatTimeoutMs / 2) : config.heartbeatTimeoutMs / 2,
    );
    events.emit("welcome", frame);
    // Requests first: an identify resent after a lost connection must precede the sends queued
    // behind it, so they act as the user (an app that requires identification refuses them else).
    requests.flush();
    sends.flush();
    for (const [conversationId, seq] of unsentReads)
      send({ type: "read", conversationId, seq } satisfies Read);
    unsentReads.clear();
    reportDelivered();
  }

  const client = {
    get state() {
      return state;
    },
    get session() {
      return session;
    },
    connect() {
      if (state === "idle") stopWatchingOnline = onOnline(reconnectNow);
      if (state === "idle" || state === "reconnecting") open();
    },
    close() {
      detach()?.close(1000, "client closed");
      stop(new RelaydeskError("closed", "the client was closed before the reply arrived"));
    },
    on: events.on,
    startConversation(opts = {}) {
      if (auth.role !== "visitor") {
        return Promise.reject(new RelaydeskError("forbidden", "startConversation is for visitors"));
      }
      const frame: StartConversation = { type: "start-conversation", id: createId("r_") };
      const key = opts.clientConversationId ?? (opts.new ? createId("cc_") : undefined);
      if (key !== undefined) {
        if (!isValidId(key)) {
          return Promise.reject(
            new RelaydeskError(
              "bad-frame",
              "startConversation: clientConversationId must be 1-128 characters of A-Z a-z 0-9 . _ : ~ -",
            ),
          );
        }
        // The queue resends this same frame after a lost connection: same key, same conversation.
        frame.clientConversationId = key;
      }
      if (opts.prechat) frame.prechat = opts.prechat;
      return request<ConversationReply>(frame, "conversation").then((reply) => reply.conversation);
    },
    sendMessage(conversationId, body, opts = {}) {
      const clientMsgId = opts.clientMsgId ?? createId("m_");
      const problem = checkMessage(conversationId, body, clientMsgId, session?.limits, opts.attachments);
      if (problem) return Promise.reject(new RelaydeskError("bad-frame", problem));
      return sends.add(conversationId, body, clientMsgId, opts.attachments);
    },
    listConversations() {
      return request<ConversationsReply>(
        { type: "list-conversations", id: createId("r_") },
        "conversations",
      ).then((reply) => reply.conversations);
    },
    async getHistory(conversationId, opts = {}) {
      const frame: GetHistory = { type: "get-history", id: createId("r_"), conversationId };
      if (opts.afterSeq !== undefined) frame.afterSeq = opts.afterSeq;
      if (opts.limit !== undefined) frame.limit = Math.min(opts.limit, LIMITS.maxHistoryPage);
      const reply = await request<HistoryReply>(frame, "history");
      for (const message of reply.messages) sequencer.accept(message);
      return { messages: reply.messages, hasMore: reply.hasMore };
    },
    typing(conversationId, active) {
      // Typing is only meaningful now: dropped while disconnected.
      send({ type: "typing", conversationId, active } satisfies Typing);
    },
    pageView({ url, title }) {
      if (auth.role !== "visitor") return;
      const page = title === undefined ? { url } : { url, title };
      auth.page = { ...page, timeZone: auth.page?.timeZone };
      send({ type: "page-view", page } satisfies PageView);
    },
    markRead(conversationId, seq) {
      if (!send({ type: "read", conversationId, seq } satisfies Read)) {
        unsentReads.set(conversationId, Math.max(seq, unsentReads.get(conversationId) ?? 0));
      }
    },
    identify(claim) {
      // The relay checks the claim (an agent's too: `unknown-type`) and names what is wrong.
      return request<Identified>(
        { ...claim, type: "identify", id: createId("r_") } as Identify,
        "identified",
      ).then((reply) => {
        visitorToken = reply.visitorToken;
        if (session) session = { ...session, self: reply.self };
        events.emit("identified", reply);
        return reply;
      });
    },
    pending: sends.pending,
    request: (frame, expected) => request(frame, expected),
  } satisfies RelaydeskClient;

  if (config.autoConnect) client.connect();
  return client;
}

function defaultWebSocket(): WebSocketFactory {
  const native = (globalThis as { WebSocket?: WebSocketFactory }).WebSocket;
  if (!native) {
    throw new TypeError(
      'Relaydesk: no global WebSocket here (Node < 22); pass one, e.g. createClient({ WebSocket, ... }) with `import { WebSocket } from "ws"`',
    );
  }
  return native;
}

/** Options without keys set to undefined, so they do not override the defaults. */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
