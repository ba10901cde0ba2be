import {
  type AgentRequest,
  type ErrorCode,
  type EventFrame,
  type Hello,
  type PrechatForm,
  parseHello,
  parseRequest,
  type VisitorRequest,
} from "@relaydesk/sdk-types";
import type { RawData, WebSocket } from "ws";
import { newId } from "../ids.ts";
import { type ConnectionLimits, createConnectionLimits } from "../limits/connection-limits.ts";
import type { RateLimits } from "../limits/rate-limits.ts";
import { authenticate } from "./authenticate.ts";
import { type ClosingCode, closeSocket } from "./close-socket.ts";
import { frameType, isOtherProtocol, requestKeys, toText } from "./frame-text.ts";
import type { Identity, VisitorIdentity } from "./identity.ts";
import { type Corkable, createOutbound, type Outbound } from "./outbound.ts";
import type { RelayServices } from "./relay-services.ts";
import { replay } from "./replay.ts";
import { errorFrame, type RequestScope } from "./request-scope.ts";
import { handleRequest } from "./requests/handle-request.ts";
import { recordPage } from "./requests/page-view.ts";
import { visitorView } from "./visitor-view.ts";
import { welcomeFrame } from "./welcome-frame.ts";

/** Per-connection limits and timings (see `DEFAULTS` in create-relay.ts for the values). */
export interface ConnectionSettings {
  helloTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxBufferedBytes: number;
  maxQueuedEvents: number;
  maxConsecutiveBadFrames: number;
  maxPendingRequests: number;
  closeGraceMs: number;
  limits: RateLimits;
}

export interface ConnectionOptions {
  ws: WebSocket;
  services: RelayServices;
  settings: ConnectionSettings;
  /** `?appId=` of the socket URL (already checked against the app's origins), null for agents. */
  urlAppId: string | null;
  /** The app's `requireIdentity` when the socket connected: visitors must `identify` first. */
  requireIdentity?: boolean;
  /** The app's pre-chat form when the socket connected, sent to visitors in `welcome`. */
  prechat?: PrechatForm;
  userAgent?: string;
  /** The client's address as per-address limits key it (see `addressKey`). */
  addressKey: string;
  /** The first language of the upgrade's `Accept-Language`, recorded on visitors' conversations. */
  locale?: string;
  /** The TCP socket under `ws`, so that a tick's frames leave in one write (see `Outbound`). */
  socket?: Corkable;
}

export interface Connection {
  /** Heartbeat tick: close if nothing arrived since the last tick, else ping again. */
  tick(): void;
  /** Stop reading, let the request being handled finish (at most `waitMs`), close `server-shutdown`. */
  shutdown(waitMs: number): Promise<void>;
  /** Resolves once the socket is closed and the connection has cleaned up. */
  readonly closed: Promise<void>;
}

type State = "awaiting-hello" | "authenticating" | "ready" | "draining" | "closed";

type Request = VisitorRequest | AgentRequest;

/**
 * One client socket from upgrade to close:
 *
 *   awaiting-hello --hello--> authenticating --welcome--> ready --(shutdown)--> draining --> closed
 *
 * The first frame must be a valid `hello` within the hello timeout, anything else closes. Frames
 * arriving while the hello is checked are kept and handled after `welcome`. In `ready`, each
 * frame is validated; invalid ones get an `error` frame (the connection stays), too many in a row
 * close it. Requests are handled one at a time in arrival order, so a client's messages get seqs
 * in the order it sent them; `ping` skips the queue so it measures the network, not storage.
 * Before that, each frame is held to the socket's rate limits (`ConnectionLimits`): past them a
 * request is answered `rate-limited` without being queued, other frames are dropped, a flood closes.
 * Nothing a client sends may throw out of here: failures are logged and answered `internal`.
 */
export function createConnection(options: ConnectionOptions): Connection {
  const { ws, services, settings, urlAppId } = options;
  const { logger } = services;
  const sessionId = newId("ses");
  let state: State = "awaiting-hello";
  let alive = true;
  let badFrames = 0;
  let identity: Identity | null = null;
  let outbound: Outbound | null = null;
  let scope: RequestScope | null = null;
  let limits: ConnectionLimits | null = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  /** The visitor whose events this socket passes on; follows `identify` (see `switchVisitor`). */
  let audience: string | null = null;
  let leavePresence: (() => void) | null = null;
  const early: { data: RawData; isBinary: boolean }[] = [];
  const pending: Request[] = [];
  let working: Promise<void> | null = null;
  let starting: Promise<void> | null = null;

  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });

  const close = (code: ClosingCode, detail?: string) => {
    if (state === "closed") return;
    if (code !== "server-shutdown") logger.info("closing connection", { sessionId, code, detail });
    closeSocket(ws, code, settings.closeGraceMs);
  };

  const helloTimer = setTimeout(() => close("hello-timeout"), settings.helloTimeoutMs);
  helloTimer.unref();

  const reply = (requestId: string | undefined, code: ErrorCode, message: string, retryAfterMs?: number) => {
    outbound?.send(errorFrame(requestId, code, message, retryAfterMs));
  };

  const badFrame = (requestId: string | undefined, code: ErrorCode, message: string) => {
    badFrames += 1;
    if (badFrames > settings.maxConsecutiveBadFrames) close("too-many-bad-frames");
    else reply(requestId, code, message);
  };

  const work = async () => {
    while (pending.length > 0 && (state === "ready" || state === "draining") && scope) {
      const request = pending.shift()!;
      if (ws.isPaused && pending.length <= settings.maxPendingRequests / 2) ws.resume();
      try {
        await handleRequest(scope, request);
      } catch (error) {
        logger.error("request failed", { sessionId, type: request.type, error });
        reply("id" in request ? request.id : undefined, "internal", "the relay failed to handle the request");
      }
    }
    working = null;
    if (ws.isPaused) ws.resume();
  };

  /** Past the frame budget: answer what has an id (it waits for a reply), drop the rest. */
  const overBudget = (data: RawData, isBinary: boolean, now: number, waitMs: number) => {
    if (!limits || limits.flooding) {
      close("too-many-bad-frames", "kept sending past the frame rate limit");
      return;
    }
    const { id, clientMsgId } = isBinary ? {} : requestKeys(toText(data));
    if (id === undefined) return;
    // A refused send keeps its place in line, like one refused for the message rate.
    const wait = clientMsgId === undefined ? waitMs : limits.refuseMessage(clientMsgId, now, waitMs);
    reply(id, "rate-limited", "too many frames; slow down", wait);
  };

  const onFrame = (data: RawData, isBinary: boolean) => {
    if (!identity || !scope || !limits) return;
    const now = services.now();
    const frameWait = limits.frame(now);
    if (frameWait > 0) {
      overBudget(data, isBinary, now, frameWait);
      return;
    }
    if (isBinary) {
      badFrame(undefined, "bad-frame", "binary frames are not accepted; send JSON text");
      return;
    }
    const text = toText(data);
    const parsed = parseRequest(identity.role, text);
    if (!parsed.ok) {
      if (parsed.code === "unknown-type" && frameType(text) === "hello") {
        close("bad-hello", "second hello");
        return;
      }
      badFrame(parsed.replyTo, parsed.code, parsed.message);
      return;
    }
    badFrames = 0;
    const request = parsed.frame;
    // Typing is a hint repeated while the user types: excess is dropped, not answered.
    if (request.type === "typing" && !limits.typing(now)) return;
    if (request.type === "send-message") {
      const wait = limits.message(request.clientMsgId, now);
      if (wait > 0) {
        reply(request.id, "rate-limited", "too many messages; send it again after retryAfterMs", wait);
        return;
      }
    }
    // Activity for automatic away: anything but the heartbeat.
    if (identity.role === "agent" && request.type !== "ping") services.presence.touch(identity.agentId);
    if (request.type === "ping") {
      handleRequest(scope, request).catch((error: unknown) =>
        logger.error("ping failed", { sessionId, error }),
      );
      return;
    }
    pending.push(request);
    // A full queue stops reading the socket until half of it is handled (TCP backpressure), rather
    // than answering `rate-limited`: a client pipelining sends (an outbox flushed after a reconnect)
    // resends refused ones after a backoff, behind later ones, so they were stored out of order.
    // Frames of the read in progress still arrive and are queued: the excess is bounded by one read.
    if (pending.length >= settings.maxPendingRequests) ws.pause();
    working ??= work();
  };

  const start = async (hello: Hello) => {
    const result = await authenticate(services.storage, hello, urlAppId, services.now());
    if (state !== "authenticating") return;
    if (!result.ok) {
      close(result.code, result.reason);
      return;
    }
    const who = result.identity;
    const out = createOutbound({
      ws,
      self: who.self,
      maxBufferedBytes: settings.maxBufferedBytes,
      maxQueuedEvents: settings.maxQueuedEvents,
      listMessages: (id, after, limit) => services.storage.listMessages(id, after, limit),
      onSlowConsumer: () => close("slow-consumer"),
      logger,
      // Visitors never see the visitor context agents get, whichever frame carries a conversation.
      encode:
        who.role === "visitor"
          ? (frame) => services.encoder.encode(visitorView(frame))
          : services.encoder.encode,
      ...(options.socket ? { socket: options.socket } : {}),
    });
    // Subscribe before replaying and hold what arrives: a message published during the replay is
    // then either in the replay or in the held events (and deduplicated by seq), never in neither.
    out.hold();
    if (who.role === "visitor") audience = who.visitorId;
    const stop =
      who.role === "visitor"
        ? await services.fanOut.subscribeVisitor(who.visitorId, audienceOf(who.visitorId, out))
        : await services.fanOut.subscribeAgents(who.appIds, out.deliver, who.agentId);
    if (state !== "authenticating") {
      await stop();
      return;
    }
    unsubscribe = stop;
    identity = who;
    outbound = out;
    limits = createConnectionLimits({
      limits: settings.limits,
      visitor:
        who.role === "visitor"
          ? { limiter: services.limiters.messagesPerVisitor, visitorId: who.visitorId }
          : undefined,
      now: services.now(),
    });
    scope = {
      services,
      identity: who,
      requireIdentity: options.requireIdentity ?? false,
      switchVisitor: (next) => switchVisitor(next, out),
      outbound: out,
      context: {
        ...(hello.role === "visitor" && hello.page ? { page: hello.page } : {}),
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
        ...(options.locale ? { locale: options.locale } : {}),
      },
      addressKey: options.addressKey,
    };
    out.send(
      welcomeFrame(
        who,
        sessionId,
        services.now(),
        settings.heartbeatIntervalMs,
        settings.limits,
        options.prechat,
      ),
    );
    // Presence going online routes the agent's apps; offers wait in the held queue until the replay is done.
    if (who.role === "agent")
      leavePresence = services.presence.connect({ id: who.agentId, name: who.name, appIds: who.appIds });
    logger.info("connection ready", { sessionId, role: who.role, id: who.self.id });
    state = "ready";
    for (const frame of early.splice(0)) onFrame(frame.data, frame.isBinary);

    const lastSeq = await replay(services.storage, who, hello.resume, out);
    out.send({ type: "sync-complete", lastSeq });
    out.release();
    if (who.role === "visitor") services.router.visitorConnected(who.appId, who.visitorId);
    // A page load (or a reconnect) says where the visitor is: their open conversations record it.
    // A visitor made by this hello (no token given) has none: nothing to read.
    if (who.role === "visitor" && hello.role === "visitor" && hello.page && hello.visitorToken)
      void recordPage(services, who, hello.page).catch((error: unknown) =>
        logger.error("page view failed", { visitorId: who.visitorId, error }),
      );
  };

  /**
   * A topic handler that passes events on only while `visitorId` is this socket's audience: after
   * a switch, whatever the old topic still delivers (unsubscribing is asynchronous) is dropped.
   */
  const audienceOf = (visitorId: string, out: Outbound) => (frame: EventFrame) => {
    if (audience === visitorId) out.deliver(frame);
  };

  // Runs inside `identify`, which the request queue serialises with every other request of this
  // socket, so no request runs half as one visitor and half as the other.
  const switchVisitor = async (next: VisitorIdentity, out: Outbound): Promise<void> => {
    if (!scope) return;
    const sameVisitor = audience === next.visitorId;
    const stop = sameVisitor
      ? null
      : await services.fanOut.subscribeVisitor(next.visitorId, audienceOf(next.visitorId, out));
    if (state === "closed") {
      await stop?.();
      return;
    }
    identity = next;
    scope.identity = next;
    out.setSelf(next.self);
    if (!stop) return;
    const previous = unsubscribe;
    unsubscribe = stop;
    audience = next.visitorId;
    await previous?.();
  };

  const onHello = (data: RawData, isBinary: boolean) => {
    clearTimeout(helloTimer);
    const text = isBinary ? "" : toText(data);
    const parsed = parseHello(text);
    if (!parsed.ok) {
      // No parser message in the log: for non-JSON it quotes the frame, which may hold a token.
      close(isOtherProtocol(text) ? "unsupported-protocol" : "bad-hello");
      return;
    }
    state = "authenticating";
    starting = start(parsed.frame).catch((error: unknown) => {
      logger.error("connection start failed", { sessionId, error });
      close("internal-close");
    });
  };

  ws.on("message", (data, isBinary) => {
    alive = true;
    try {
      if (state === "awaiting-hello") onHello(data, isBinary);
      else if (state === "authenticating") {
        if (early.length >= settings.maxPendingRequests)
          close("too-many-bad-frames", "flooded before welcome");
        else early.push({ data, isBinary });
      } else if (state === "ready") onFrame(data, isBinary);
    } catch (error) {
      logger.error("frame handling failed", { sessionId, error });
      close("internal-close");
    }
  });
  ws.on("pong", () => {
    alive = true;
  });
  ws.on("error", (error) => {
    // ws already closes the socket (1009 for an oversized frame, 1002/1007 for protocol errors).
    logger.warn("socket error", { sessionId, code: (error as { code?: unknown }).code });
  });
  ws.on("close", (code) => {
    const was = state;
    state = "closed";
    clearTimeout(helloTimer);
    pending.length = 0;
    early.length = 0;
    leavePresence?.();
    const stop = unsubscribe;
    unsubscribe = null;
    if (was !== "awaiting-hello") logger.info("connection closed", { sessionId, code });
    Promise.resolve(stop?.())
      .catch((error: unknown) => logger.warn("unsubscribe failed", { sessionId, error }))
      .finally(markClosed);
  });

  return {
    tick() {
      if (state === "closed") return;
      if (!alive) {
        close("heartbeat-timeout");
        return;
      }
      alive = false;
      ws.ping();
    },
    async shutdown(waitMs) {
      if (state === "closed") return closed;
      if (state === "ready") state = "draining";
      pending.length = 0;
      const inFlight = Promise.all([working, starting]);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
      close("server-shutdown");
      return closed;
    },
    closed,
  } satisfies Connection;
}
