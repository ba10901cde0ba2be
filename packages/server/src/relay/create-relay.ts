import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { LIMITS, type PrechatForm } from "@relaydesk/sdk-types";
import { type WebSocket, WebSocketServer } from "ws";
import type { Bus } from "../bus/types.ts";
import { createHttpHandler, type HttpAssets } from "../http/create-http-handler.ts";
import { clientAddress } from "../limits/client-address.ts";
import { addressKey } from "../limits/ip-address.ts";
import { type RateLimitOptions, resolveRateLimits } from "../limits/rate-limits.ts";
import { createRelayLimiters } from "../limits/relay-limiters.ts";
import { parseTrustedProxies } from "../limits/trusted-proxies.ts";
import { createSilentLogger, type Logger } from "../logger.ts";
import { createAgentPresence } from "../routing/presence.ts";
import type { RelayEvent } from "../routing/relay-events.ts";
import { createRouter, type Router, SLA_SWEEP_MS } from "../routing/router.ts";
import { ROUTING_DEFAULTS } from "../routing/routing-config.ts";
import { checkRoutingTimings } from "../routing/routing-timings.ts";
import type { Storage } from "../storage/types.ts";
import { createUploadFiles } from "../uploads/upload-files.ts";
import { type UploadOptions, uploadSettings } from "../uploads/upload-options.ts";
import { startUploadPruner } from "../uploads/upload-pruner.ts";
import { createUploadRoutes } from "../uploads/upload-routes.ts";
import { WEBHOOK_DEFAULTS, type WebhookOptions, webhookSettings } from "../webhooks/webhook-options.ts";
import { createWebhookSender, type WebhookSender } from "../webhooks/webhook-sender.ts";
import { createAgentOriginCheck } from "./agent-origin.ts";
import { closeSocket } from "./close-socket.ts";
import { type Connection, type ConnectionSettings, createConnection } from "./connection.ts";
import { createFanOut } from "./fan-out.ts";
import { createFrameEncoder } from "./frame-encoder.ts";
import { createKeyedLock } from "./keyed-lock.ts";
import { startMessagePruner } from "./message-pruner.ts";
import { isOriginAllowed } from "./origin.ts";
import type { RelayServices } from "./relay-services.ts";
import { createSignalThrottle } from "./signal-throttle.ts";
import { watchConversations } from "./watch-conversations.ts";

export interface RelayOptions {
  /** Owned by the caller: `close()` leaves it open. */
  storage: Storage;
  /** Owned by the caller: `close()` leaves it open. */
  bus: Bus;
  /** 0 picks a free port (tests); see `Relay.port` for the one chosen. */
  port?: number | undefined;
  host?: string | undefined;
  assets?: HttpAssets | undefined;
  logger?: Logger | undefined;
  /** A socket that has not sent `hello` by then is closed `hello-timeout`. */
  helloTimeoutMs?: number | undefined;
  /** WebSocket ping period; a socket silent for a whole period is closed `heartbeat-timeout`. */
  heartbeatIntervalMs?: number | undefined;
  /** Unsent bytes a socket may accumulate before it is closed `slow-consumer`. */
  maxBufferedBytes?: number | undefined;
  /** Bus events a socket may have waiting behind its replay before it counts as a slow consumer. */
  maxQueuedEvents?: number | undefined;
  /** Invalid frames in a row answered with `error` before the socket is closed `too-many-bad-frames`. */
  maxConsecutiveBadFrames?: number | undefined;
  /**
   * Requests one socket may have waiting; at this many the relay stops reading it until half are
   * handled, so a client can pipeline any number and they are handled in order.
   */
  maxPendingRequests?: number | undefined;
  /** How long a closed socket may take to finish the closing handshake before it is cut. */
  closeGraceMs?: number | undefined;
  /** How long `close()` lets requests in flight finish before closing their sockets. */
  shutdownTimeoutMs?: number | undefined;
  /**
   * Delete messages older than this many ms, checked every `pruneIntervalMs`. Unset (the default):
   * keep every message forever. Clients resuming below what is kept get `not-recovered`.
   */
  retentionMs?: number | undefined;
  /** How often retention is applied, when `retentionMs` is set (and upload retention, always). */
  pruneIntervalMs?: number | undefined;
  /**
   * The URL browsers open the relay at (e.g. `https://support.example.com` behind a TLS proxy).
   * When set, its origin is the only "own origin" agent sockets are accepted from besides
   * `consoleOrigins`; unset, the own origin is `http://` + the request's `Host`.
   */
  publicUrl?: string | undefined;
  /**
   * Further origins whose pages may open agent sockets (a console served elsewhere), in the
   * format of an app's allowed origins. Agent sockets without an `Origin` (bots) are always let in.
   */
  consoleOrigins?: readonly string[] | undefined;
  /** The relay's clock (ms since epoch): timestamps, identity secret expiry, JWT times. Tests pass their own. */
  now?: (() => number) | undefined;
  /** Abuse limits, each over its default in `LIMIT_DEFAULTS` (see `RateLimits`). */
  limits?: RateLimitOptions | undefined;
  /**
   * Reverse proxies in front of the relay (IPv4/IPv6 addresses or CIDR ranges). Only a socket from
   * one of them has its `X-Forwarded-For` read for the client's address; by default none is, and
   * per-address limits count the socket's own peer address.
   */
  trustProxy?: readonly string[] | undefined;
  /**
   * Folder for uploaded files (created if missing; the CLI uses `<data>/uploads`). Unset: the
   * upload routes answer 404 "uploads are not enabled".
   */
  uploadsDir?: string | undefined;
  /** Upload limits (size, counts) and timings; see `UploadOptions` for the defaults. */
  uploads?: UploadOptions | undefined;
  /** Most conversations an agent holds at once when it has no capacity of its own (`agents set`). */
  defaultCapacity?: number | undefined;
  /** How long an offer waits for an accept in queues that set no `offerTimeoutMs`. */
  offerTimeoutMs?: number | undefined;
  /**
   * How long an agent whose sockets all closed keeps its conversations; after that they are
   * re-queued (keeping their waiting time). A reload or a network blip is shorter than this.
   */
  disconnectGraceMs?: number | undefined;
  /**
   * An online agent that sends nothing but pings for this long shows as away and gets no offers
   * until it is active again. Unset (the default): never, since a bot waiting for work sends nothing.
   */
  awayAfterMs?: number | undefined;
  /**
   * `typing`, `read` and `delivered` are passed on at most once per this many ms per participant
   * and conversation (the latest one is sent at the end of the window; typing stopped goes at once).
   */
  signalIntervalMs?: number | undefined;
  /**
   * The vendor's hook for what happens outside the chat: `conversation.created`,
   * `conversation.closed`, `conversation.offline` (a waiting conversation nobody can take now, or
   * an email left for it) and `sla.breached` (see `RelayEvent`). Called
   * in-process, synchronously, at most once per event; a hook that throws is logged.
   */
  onEvent?: ((event: RelayEvent) => void) | undefined;
  /** How often SLA clocks due by now are recorded as breached (the breach's precision). */
  slaSweepMs?: number | undefined;
  /**
   * POST every `onEvent` event to the vendor's endpoint, signed with the secret and retried with
   * backoff from a durable outbox in storage (see `src/webhooks/`). An app with an endpoint of its
   * own (`relaydesk apps set <app> --webhook-url`) gets its events there instead. Unset: only
   * those apps' events are sent (with the default retry settings).
   */
  webhook?: WebhookOptions | undefined;
}

export const DEFAULTS = {
  port: 8787,
  host: "127.0.0.1",
  helloTimeoutMs: 10_000,
  heartbeatIntervalMs: 25_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxQueuedEvents: 10_000,
  maxConsecutiveBadFrames: 20,
  maxPendingRequests: 64,
  closeGraceMs: 3_000,
  shutdownTimeoutMs: 5_000,
  pruneIntervalMs: 60 * 60 * 1000,
  defaultCapacity: ROUTING_DEFAULTS.capacity,
  offerTimeoutMs: ROUTING_DEFAULTS.offerTimeoutMs,
  disconnectGraceMs: 60_000,
  signalIntervalMs: 1_000,
  slaSweepMs: SLA_SWEEP_MS,
} as const;

export interface Relay {
  /** Base URL, e.g. `http://127.0.0.1:8787`; WebSocket clients connect to `<url>/v1/ws`. */
  url: string;
  port: number;
  /**
   * Stop accepting, let requests in flight finish (their storage writes and acks), close every
   * socket with `server-shutdown`, and stop the HTTP server. Storage and bus stay open.
   */
  close(): Promise<void>;
}

/** The outcomes of checking a socket at upgrade: a reason to turn it away, or null. */
type Gate = "unknown-app" | "origin-not-allowed" | null;

/** Why an accepted upgrade is closed at once instead of becoming a connection. */
type TurnAway = Exclude<Gate, null> | "too-many-connections";

/**
 * Start a relay: one HTTP server on one port for the static routes and the protocol WebSocket at
 * `/v1/ws`.
 *
 * Visitor sockets (`/v1/ws?appId=…`) are checked at upgrade: the app must exist and the `Origin`
 * must be in its allowlist. A failing socket is NOT refused with an HTTP 403: browsers hide the
 * status of a failed upgrade (the page sees a bare close 1006, which the client retries forever).
 * The upgrade is accepted instead and the socket closed at once with `unknown-app` (4005) or
 * `origin-not-allowed` (4004), both non-retryable, so the widget stops and can tell the vendor
 * why. No frame from such a socket is ever read. Agent sockets (no `appId`) are checked the same
 * way against the relay's own origin and `consoleOrigins`, and let in without an `Origin` (bots);
 * see `createAgentOriginCheck`. A client address that already has `limits.connectionsPerIp`
 * sockets open is turned away the same way, with `too-many-connections` (4011, retryable: the
 * client backs off and comes in once one of its sockets closes).
 *
 * @example
 * const relay = await createRelay({ storage, bus, port: 0 });
 * console.log(relay.url); // http://127.0.0.1:41234
 * await relay.close();
 */
export async function createRelay(options: RelayOptions): Promise<Relay> {
  const { storage, bus } = options;
  const setting = <K extends keyof typeof DEFAULTS>(key: K): (typeof DEFAULTS)[K] | number | string =>
    options[key] ?? DEFAULTS[key];
  const logger = options.logger ?? createSilentLogger();
  checkRoutingTimings(options);
  const settings: ConnectionSettings = {
    helloTimeoutMs: Number(setting("helloTimeoutMs")),
    heartbeatIntervalMs: Number(setting("heartbeatIntervalMs")),
    maxBufferedBytes: Number(setting("maxBufferedBytes")),
    maxQueuedEvents: Number(setting("maxQueuedEvents")),
    maxConsecutiveBadFrames: Number(setting("maxConsecutiveBadFrames")),
    maxPendingRequests: Number(setting("maxPendingRequests")),
    closeGraceMs: Number(setting("closeGraceMs")),
    limits: resolveRateLimits(options.limits),
  };
  const shutdownTimeoutMs = Number(setting("shutdownTimeoutMs"));
  const limiters = createRelayLimiters(settings.limits);
  const trusted = parseTrustedProxies(options.trustProxy ?? []);
  const webhook = options.webhook === undefined ? null : webhookSettings(options.webhook);
  // Started once listening (below); events need a connection, so none is emitted before.
  let webhooks: WebhookSender | null = null;

  const fanOut = createFanOut(bus);
  // Presence and router need each other: a presence change re-routes, routing reads presence.
  let router: Router | null = null;
  const presence = createAgentPresence({
    awayAfterMs: options.awayAfterMs ?? null,
    disconnectGraceMs: Number(setting("disconnectGraceMs")),
    onChange(agent, status) {
      const event = { type: "presence-changed", agent: { id: agent.id, name: agent.name }, status } as const;
      for (const appId of agent.appIds) {
        fanOut
          .toAgents(appId, event)
          .catch((error: unknown) => logger.error("publish failed", { event: event.type, error }));
      }
      const step =
        status === "online"
          ? router?.reroute(agent.appIds)
          : router?.agentUnavailable(agent.id, agent.appIds);
      step?.catch(() => {});
    },
    onGraceExpired(agent) {
      router?.requeueAgent(agent.id).catch(() => {});
    },
  });
  router = createRouter({
    storage,
    presence,
    publish: fanOut,
    logger,
    now: options.now ?? Date.now,
    defaultCapacity: Number(setting("defaultCapacity")),
    offerTimeoutMs: Number(setting("offerTimeoutMs")),
    onEvent(event) {
      // The outbox first: a vendor hook that throws must not cost the webhook.
      webhooks?.enqueue(event);
      options.onEvent?.(event);
    },
    slaSweepMs: Number(setting("slaSweepMs")),
  });
  const services: RelayServices = {
    storage,
    // Routing follows what the handlers publish about conversations (its own changes it tracks itself).
    fanOut: watchConversations(fanOut, (conversation) => router?.conversationChanged(conversation)),
    encoder: createFrameEncoder(),
    router,
    presence,
    signals: createSignalThrottle({ intervalMs: Number(setting("signalIntervalMs")) }),
    visitorLock: createKeyedLock(),
    limiters,
    logger,
    now: options.now ?? Date.now,
  };

  const connections = new Set<Connection>();
  const turnedAway = new Set<WebSocket>();
  let closing = false;

  const uploadFiles = options.uploadsDir === undefined ? null : createUploadFiles(options.uploadsDir);
  const uploads = uploadSettings(options.uploads);
  const uploadRoutes = createUploadRoutes({
    storage,
    files: uploadFiles,
    settings: uploads,
    logger,
    now: services.now,
  });
  const httpHandler = createHttpHandler({ assets: options.assets ?? {}, logger });
  const server = createServer((req, res) => {
    if (!uploadRoutes.handle(req, res)) httpHandler(req, res);
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });

  const agentOriginAllowed = createAgentOriginCheck({
    publicUrl: options.publicUrl,
    consoleOrigins: options.consoleOrigins,
  });

  /** The refusal for a socket, if any, and whether its app requires `identify` (visitors). */
  const gate = async (
    appId: string | null,
    origin: string | undefined,
    host: string | undefined,
  ): Promise<{ refusal: Gate; requireIdentity: boolean; prechat?: PrechatForm | null }> => {
    if (appId === null)
      return {
        refusal: agentOriginAllowed(origin, host) ? null : "origin-not-allowed",
        requireIdentity: false,
      };
    const app = appId === "" || appId.length > LIMITS.maxIdChars ? null : await storage.getApp(appId);
    if (!app) return { refusal: "unknown-app", requireIdentity: false };
    const refusal = isOriginAllowed(origin, app.allowedOrigins) ? null : "origin-not-allowed";
    return { refusal, requireIdentity: app.requireIdentity, prechat: app.prechat };
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws owns the socket, a client reset must not become an unhandled 'error'.
    socket.on("error", () => socket.destroy());
    if (closing) return refuse(socket, 503, "Service Unavailable");
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://relay.invalid");
    } catch {
      return refuse(socket, 400, "Bad Request");
    }
    if (url.pathname !== "/v1/ws") return refuse(socket, 404, "Not Found");
    const appId = url.searchParams.get("appId");
    let outcome: Gate;
    let requireIdentity: boolean;
    let prechat: PrechatForm | null | undefined;
    try {
      ({
        refusal: outcome,
        requireIdentity,
        prechat,
      } = await gate(appId, req.headers.origin, req.headers.host));
    } catch (error) {
      logger.error("upgrade check failed", { error });
      return refuse(socket, 500, "Internal Server Error");
    }
    if (closing) return refuse(socket, 503, "Service Unavailable");
    if (socket.destroyed) return;
    const address = addressKey(
      clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted),
    );
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Counted here, with nothing awaited between check and count, so concurrent upgrades cannot overshoot.
      const turnAway: TurnAway | null =
        outcome ?? (limiters.connectionsPerIp.open(address) ? null : "too-many-connections");
      if (turnAway !== null) {
        logger.info(appId === null ? "agent socket turned away" : "visitor socket turned away", {
          ...(appId === null ? {} : { appId }),
          code: turnAway,
          // Not secret (the page's own origin), and what an operator behind a proxy needs to see.
          origin: req.headers.origin?.slice(0, 200),
        });
        turnedAway.add(ws);
        ws.on("error", () => {});
        ws.once("close", () => turnedAway.delete(ws));
        closeSocket(ws, turnAway, settings.closeGraceMs);
        return;
      }
      const userAgent = req.headers["user-agent"];
      const locale = firstLanguage(req.headers["accept-language"]);
      const connection = createConnection({
        ws,
        services,
        settings,
        urlAppId: appId,
        requireIdentity,
        ...(prechat ? { prechat } : {}),
        socket,
        addressKey: address,
        ...(userAgent ? { userAgent } : {}),
        ...(locale ? { locale } : {}),
      });
      connections.add(connection);
      void connection.closed.then(() => {
        connections.delete(connection);
        limiters.connectionsPerIp.close(address);
      });
    });
  };

  server.on("upgrade", (req, socket, head) => {
    onUpgrade(req, socket, head).catch((error: unknown) => {
      logger.error("upgrade failed", { error });
      socket.destroy();
    });
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.tick();
  }, settings.heartbeatIntervalMs);
  heartbeat.unref();

  const host = String(setting("host"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(setting("port")), host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${reachableHost(host)}:${port}`;
  logger.info("relay listening", { url });
  webhooks = createWebhookSender({
    storage,
    settings: webhook ?? WEBHOOK_DEFAULTS,
    logger,
    now: services.now,
  });
  // Started once listening, so a relay that failed to start leaves no timer behind.
  const pruner =
    options.retentionMs === undefined
      ? null
      : startMessagePruner({
          storage,
          retentionMs: options.retentionMs,
          intervalMs: Number(setting("pruneIntervalMs")),
          logger,
          now: services.now,
        });
  const uploadPruner =
    uploadFiles === null
      ? null
      : startUploadPruner({
          storage,
          files: uploadFiles,
          unattachedTtlMs: uploads.unattachedTtlMs,
          intervalMs: Number(setting("pruneIntervalMs")),
          logger,
          now: services.now,
        });

  let closed: Promise<void> | null = null;
  const close = async () => {
    closing = true;
    clearInterval(heartbeat);
    const prunerStopped = Promise.all([pruner?.stop(), uploadPruner?.stop()]);
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await Promise.all([...connections].map((connection) => connection.shutdown(shutdownTimeoutMs)));
    for (const ws of turnedAway) ws.terminate();
    await router.idle();
    router.close();
    // After routing went quiet, so every event it emitted is in the outbox before storage closes.
    await webhooks?.close();
    presence.close();
    services.signals.close();
    await prunerStopped;
    server.closeAllConnections();
    await serverClosed;
    wss.close();
    logger.info("relay closed", { url });
  };

  return {
    url,
    port,
    close: () => {
      closed ??= close();
      return closed;
    },
  } satisfies Relay;
}

function refuse(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n\r\n`,
  );
}

/** The URL to print and to connect to: a wildcard bind address is reached via loopback. */
function reachableHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** The first language tag of an `Accept-Language` header (`fr-CA,fr;q=0.9` -> `fr-CA`), if well-formed. */
function firstLanguage(header: string | undefined): string | undefined {
  const tag = header?.split(",")[0]?.split(";")[0]?.trim();
  return tag && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}
