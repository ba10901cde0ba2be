import type { AddressInfo } from "node:net";
import type { Conversation, Hello, Message, ServerFrame, Welcome } from "@relaydesk/sdk-types";
import { WebSocket, WebSocketServer } from "ws";
import { createClient } from "./create-client.ts";
import type { ClientOptions, RelaydeskClient } from "./types.ts";

/**
 * A scripted stand-in for the relay, for the client's own tests (not exported by the package:
 * the real relay lives in packages/server, which depends on this package's siblings, not the
 * other way round). It speaks protocol v1 over a real WebSocket on 127.0.0.1 and an ephemeral
 * port, keeps messages in memory, and lets a test intercept frames, drop or close connections.
 */
export interface ScriptedRelay {
  /** Base URL to give the client, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every connection so far, oldest first. */
  readonly connections: RelayConnection[];
  /** Store a message from someone else, as the relay would (next seq); it is not sent anywhere. */
  store(conversationId: string, body: string): Message;
  /** Store a `send-message` frame without answering it (as if the ack were lost on the way). */
  storeSent(frame: Frame, connection: RelayConnection): Message;
  /** Send `message-created` to every connection that said hello. */
  publish(message: Message): void;
  /** Every message stored in a conversation, in seq order. */
  messages(conversationId: string): Message[];
  /**
   * Delete a conversation's messages up to and including `throughSeq`, as retention does: resume
   * and `get-history` below what is left then answer `not-recovered` before the retained messages.
   */
  prune(conversationId: string, throughSeq: number): void;
  /** Every frame of `type` received after `hello` on any connection, in arrival order. */
  received(type: string): Frame[];
  close(): Promise<void>;
}

export type Frame = { type: string } & Record<string, unknown>;

export interface RelayConnection {
  /** Path and query the client connected to. */
  readonly requestUrl: URL;
  /** The `hello`, once it arrived. */
  readonly hello: Hello | null;
  /** Frames received after `hello`. */
  readonly frames: Frame[];
  readonly open: boolean;
  /** Resolves when the socket is closed, with the close code as this side saw it. */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(frame: ServerFrame | Frame): void;
  /** Send a text frame as is (e.g. not JSON). */
  sendRaw(text: string): void;
  /** Kill the TCP connection without a close frame; the client sees 1006. */
  drop(): void;
  close(code: number, reason?: string): void;
}

export interface ScriptedRelayOptions {
  /** Merged into every `welcome`. */
  welcome?: Partial<Welcome>;
  /** Runs when a socket connects, before any frame (e.g. to drop it at once). */
  onConnection?(connection: RelayConnection): void;
  /** Runs on `hello`; return false to leave it unanswered. */
  onHello?(hello: Hello, connection: RelayConnection): boolean | undefined;
  /** Runs on each frame after `hello`; return true when handled, to skip the default answer. */
  intercept?(frame: Frame, connection: RelayConnection): boolean | undefined;
}

export async function startScriptedRelay(options: ScriptedRelayOptions = {}): Promise<ScriptedRelay> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/v1/ws" });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const connections: RelayConnection[] = [];
  const conversations = new Map<
    string,
    { conversation: Conversation; messages: Message[]; firstSeq: number }
  >();
  /** `start-conversation` keys seen, to the conversation each one opened. */
  const started = new Map<string, string>();
  let issued = 0;

  function thread(conversationId: string) {
    let found = conversations.get(conversationId);
    if (!found) {
      const now = Date.now();
      found = {
        conversation: {
          id: conversationId,
          appId: "app_test",
          visitorId: "vis_1",
          status: "open",
          assignee: null,
          lastSeq: 0,
          createdAt: now,
          updatedAt: now,
          attributes: {},
        },
        messages: [],
        firstSeq: 1,
      };
      conversations.set(conversationId, found);
    }
    return found;
  }

  function append(
    conversationId: string,
    body: string,
    clientMsgId: string,
    author: Message["author"],
  ): Message {
    const t = thread(conversationId);
    const seq = t.conversation.lastSeq + 1;
    const message: Message = {
      id: `msg_${conversationId}_${seq}`,
      conversationId,
      seq,
      author,
      kind: "text",
      body,
      clientMsgId,
      createdAt: Date.now(),
    };
    t.messages.push(message);
    t.conversation.lastSeq = seq;
    return message;
  }

  function storeSent(frame: Frame, connection: RelayConnection): Message {
    const conversationId = frame.conversationId as string;
    const clientMsgId = frame.clientMsgId as string;
    const stored = thread(conversationId).messages.find((m) => m.clientMsgId === clientMsgId);
    return (
      stored ??
      append(conversationId, frame.body as string, clientMsgId, {
        kind: connection.hello?.role ?? "visitor",
        id: connection.hello?.role === "agent" ? "agt_1" : "vis_1",
      })
    );
  }

  function publish(message: Message): void {
    for (const connection of connections) {
      if (connection.open && connection.hello) connection.send({ type: "message-created", message });
    }
  }

  function welcome(hello: Hello, index: number): Welcome {
    const base: Welcome = {
      type: "welcome",
      protocol: 1,
      role: hello.role,
      sessionId: `ses_${index}`,
      self: { kind: hello.role, id: hello.role === "agent" ? "agt_1" : "vis_1" },
      serverTime: Date.now(),
      limits: { maxFrameBytes: 65_536, maxBodyChars: 10_000, heartbeatIntervalMs: 25_000 },
    };
    if (hello.role === "visitor") {
      issued += 1;
      base.visitorToken = hello.visitorToken ?? `rdv_issued_${issued}`;
    }
    return { ...base, ...options.welcome };
  }

  function replay(hello: Hello, connection: RelayConnection): void {
    const resume = hello.resume ?? {};
    const ids = hello.role === "visitor" ? [...conversations.keys()] : Object.keys(resume);
    const lastSeq: Record<string, number> = {};
    for (const id of ids) {
      const t = conversations.get(id);
      if (!t) continue;
      notRecovered(t, resume[id] ?? 0, connection);
      for (const message of t.messages) {
        if (message.seq > (resume[id] ?? 0)) connection.send({ type: "message-created", message });
      }
      lastSeq[id] = t.conversation.lastSeq;
    }
    connection.send({ type: "sync-complete", lastSeq });
  }

  /** Tell the client that what it needs after `after` is partly gone (like the real relay). */
  function notRecovered(
    t: { conversation: Conversation; firstSeq: number },
    after: number,
    connection: RelayConnection,
  ): void {
    if (after < t.firstSeq - 1 && after < t.conversation.lastSeq) {
      connection.send({ type: "not-recovered", conversationId: t.conversation.id, firstSeq: t.firstSeq });
    }
  }

  function answer(frame: Frame, connection: RelayConnection): void {
    const id = frame.id as string;
    switch (frame.type) {
      case "send-message": {
        const conversationId = frame.conversationId as string;
        const clientMsgId = frame.clientMsgId as string;
        const stored = thread(conversationId).messages.find((m) => m.clientMsgId === clientMsgId);
        const message = stored ?? storeSent(frame, connection);
        connection.send({
          type: "ack",
          replyTo: id,
          messageId: message.id,
          conversationId,
          seq: message.seq,
          createdAt: message.createdAt,
          clientMsgId,
          duplicate: stored !== undefined,
        });
        if (!stored) publish(message);
        return;
      }
      case "get-history": {
        const after = (frame.afterSeq as number | undefined) ?? 0;
        const limit = (frame.limit as number | undefined) ?? 50;
        const t = thread(frame.conversationId as string);
        notRecovered(t, after, connection);
        const newer = t.messages.filter((m) => m.seq > after);
        connection.send({
          type: "history",
          replyTo: id,
          conversationId: frame.conversationId as string,
          messages: newer.slice(0, limit),
          hasMore: newer.length > limit,
        });
        return;
      }
      case "start-conversation": {
        // A key opens a new conversation once; the same key again is the same one.
        const key = frame.clientConversationId as string | undefined;
        let conversationId = "cnv_1";
        if (key !== undefined) {
          conversationId = started.get(key) ?? `cnv_new_${started.size + 1}`;
          started.set(key, conversationId);
        }
        connection.send({
          type: "conversation",
          replyTo: id,
          conversation: thread(conversationId).conversation,
        });
        return;
      }
      case "list-conversations":
        connection.send({
          type: "conversations",
          replyTo: id,
          conversations: [...conversations.values()].map((t) => t.conversation),
        });
        return;
      case "close-conversation": {
        const t = thread(frame.conversationId as string);
        t.conversation.status = "closed";
        connection.send({ type: "conversation", replyTo: id, conversation: t.conversation });
        return;
      }
      case "ping":
        connection.send({
          type: "pong",
          ...(frame.id ? { replyTo: id } : {}),
          ...(typeof frame.t === "number" ? { t: frame.t } : {}),
          serverTime: Date.now(),
        });
        return;
      case "typing":
      case "read":
      case "delivered":
        return;
      default:
        connection.send({
          type: "error",
          replyTo: id,
          code: "unknown-type",
          message: "unknown",
          retry: false,
        });
    }
  }

  server.on("connection", (ws: WebSocket, request) => {
    let hello: Hello | null = null;
    const frames: Frame[] = [];
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    const connection: RelayConnection = {
      requestUrl: new URL(request.url ?? "/", "http://127.0.0.1"),
      get hello() {
        return hello;
      },
      frames,
      get open() {
        return ws.readyState === ws.OPEN;
      },
      closed,
      send(frame) {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
      },
      sendRaw(text) {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      drop: () => ws.terminate(),
      close: (code, reason) => ws.close(code, reason),
    };
    const index = connections.push(connection);
    ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      if (!hello) {
        hello = frame as unknown as Hello;
        if (options.onHello?.(hello, connection) === false) return;
        connection.send(welcome(hello, index));
        replay(hello, connection);
        return;
      }
      frames.push(frame);
      if (options.intercept?.(frame, connection)) return;
      answer(frame, connection);
    });
    options.onConnection?.(connection);
  });

  return {
    url: `http://127.0.0.1:${port}`,
    connections,
    store: (conversationId, body) =>
      append(conversationId, body, `other_${Math.random().toString(36).slice(2)}`, {
        kind: "agent",
        id: "agt_9",
      }),
    storeSent,
    publish,
    messages: (conversationId) => [...thread(conversationId).messages],
    prune(conversationId, throughSeq) {
      const t = thread(conversationId);
      t.messages = t.messages.filter((m) => m.seq > throughSeq);
      t.firstSeq = Math.max(t.firstSeq, throughSeq + 1);
    },
    received: (type) => connections.flatMap((c) => c.frames.filter((f) => f.type === type)),
    close() {
      for (const client of server.clients) client.terminate();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies ScriptedRelay;
}

/** Wait until `condition()` holds (polling every 5 ms), or fail with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Collects the relays and clients a test opens, so `afterEach` can close them all. */
export function createTestScope() {
  const closers: (() => unknown)[] = [];
  return {
    async relay(options?: ScriptedRelayOptions): Promise<ScriptedRelay> {
      const relay = await startScriptedRelay(options);
      closers.push(() => relay.close());
      return relay;
    },
    /** A client on `relay` with `ws` and short delays; `options` override. */
    client(relay: ScriptedRelay, options: Partial<ClientOptions> = {}): RelaydeskClient {
      const client = createClient({
        url: relay.url,
        auth: { role: "visitor", appId: "app_test" },
        WebSocket,
        reconnectInitialDelayMs: 10,
        reconnectMaxDelayMs: 50,
        ...options,
      });
      closers.push(() => client.close());
      return client;
    },
    async dispose(): Promise<void> {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };
}
