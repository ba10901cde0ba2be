import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServerFrame } from "@relaydesk/sdk-types";
import WebSocket from "ws";
import { hashToken, newToken } from "../src/auth/tokens.ts";
import { createMemoryBus } from "../src/bus/memory-bus.ts";
import type { Bus } from "../src/bus/types.ts";
import { newId } from "../src/ids.ts";
import type { RateLimitOptions } from "../src/limits/rate-limits.ts";
import { createRelay, type Relay, type RelayOptions } from "../src/relay/create-relay.ts";
import { createSqliteStorage, type SqliteStorage } from "../src/storage/sqlite-storage.ts";
import type { Storage } from "../src/storage/types.ts";

export const APP_ID = "acme";
export const ORIGIN = "http://app.acme.test:3000";

type Tunables = Omit<RelayOptions, "storage" | "bus"> & {
  /**
   * Delay every message read the relay makes by this much, as a networked database would (the
   * embedded SQLite answers synchronously, so without it a replay never yields to live traffic).
   */
  readLatencyMs?: number;
};

/**
 * Limits no test reaches unless it sets its own: these tests pipeline hundreds of messages and open
 * many sockets from 127.0.0.1 to test other things. test/rate-limits.test.ts sets real ones.
 */
export const GENEROUS_LIMITS = {
  framesPerConnection: { count: 1_000_000, windowMs: 1_000 },
  messagesPerConnection: { count: 1_000_000, windowMs: 1_000 },
  typingPerConnection: { count: 1_000_000, windowMs: 1_000 },
  messagesPerVisitor: { count: 1_000_000, windowMs: 1_000 },
  conversationsPerIp: { count: 1_000_000, windowMs: 1_000 },
  connectionsPerIp: 100_000,
} as const satisfies RateLimitOptions;

function relayOptions(storage: Storage, bus: Bus, tunables: Tunables, port = 0): RelayOptions {
  const { readLatencyMs, limits, ...rest } = tunables;
  const seen: Storage = readLatencyMs
    ? {
        ...storage,
        listMessages: async (id, after, limit) => {
          await delay(readLatencyMs);
          return storage.listMessages(id, after, limit);
        },
      }
    : storage;
  return { storage: seen, bus, port, limits: { ...GENEROUS_LIMITS, ...limits }, ...rest };
}

/**
 * A relay on an ephemeral port over a real SQLite file in a temp dir, with one app (`acme`,
 * allowing `ORIGIN`). `restart()` closes the relay and the storage and opens both again on the
 * same file and port, like an operator restarting the process.
 */
export interface Harness {
  relay: Relay;
  storage: SqliteStorage;
  bus: Bus;
  dbPath: string;
  wsUrl: string;
  /** An agent of `appIds` (default: the harness app only) with role `agent` unless given. */
  addAgent(
    name: string,
    options?: { appIds?: string[]; role?: "agent" | "admin" },
  ): Promise<{ id: string; token: string }>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(tunables: Tunables = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "relaydesk-relay-test-"));
  const dbPath = join(dir, "relaydesk.sqlite");
  let storage = createSqliteStorage({ path: dbPath });
  let bus = createMemoryBus();
  await storage.putApp({ appId: APP_ID, name: "Acme", allowedOrigins: [ORIGIN], createdAt: Date.now() });
  let relay = await createRelay(relayOptions(storage, bus, tunables));
  const sockets = new Set<WebSocket>();
  openSockets = sockets;

  const harness: Harness = {
    relay,
    storage,
    bus,
    dbPath,
    wsUrl: `${relay.url.replace(/^http/, "ws")}/v1/ws`,
    async addAgent(name, options = {}) {
      const token = newToken("rda");
      const agent = await harness.storage.createAgent({
        id: newId("agt"),
        name,
        tokenHash: hashToken(token),
        role: options.role ?? "agent",
        appIds: options.appIds ?? [APP_ID],
        createdAt: Date.now(),
      });
      return { id: agent.id, token };
    },
    async restart() {
      await relay.close();
      await bus.close();
      await storage.close();
      storage = createSqliteStorage({ path: dbPath });
      bus = createMemoryBus();
      // Same port, so connected clients find the new relay when they reconnect.
      relay = await createRelay(relayOptions(storage, bus, tunables, relay.port));
      Object.assign(harness, { relay, storage, bus, wsUrl: `${relay.url.replace(/^http/, "ws")}/v1/ws` });
    },
    async stop() {
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      await relay.close();
      await bus.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

let openSockets = new Set<WebSocket>();

/**
 * A raw protocol socket that records every frame, so tests can wait for one by predicate and
 * also assert on what did NOT arrive.
 */
export interface TestSocket {
  ws: WebSocket;
  frames: ServerFrame[];
  send(frame: unknown): void;
  sendRaw(data: string | Buffer, binary?: boolean): void;
  /** The first frame (recorded so far or arriving later) of this type that matches. */
  next<T extends ServerFrame["type"]>(
    type: T,
    match?: (frame: Extract<ServerFrame, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<ServerFrame, { type: T }>>;
  /** The first frame (recorded so far or arriving later) that matches. */
  waitFor(match: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function openSocket(
  url: string,
  options: { origin?: string; autoPong?: boolean; headers?: Record<string, string> } = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    autoPong: options.autoPong ?? true,
  });
  openSockets.add(ws);
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (data, isBinary) => {
    frames.push(JSON.parse(isBinary ? "null" : String(data)) as ServerFrame);
    for (const wake of [...waiters]) wake();
  });
  ws.on("error", () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => {
      openSockets.delete(ws);
      resolve({ code, reason: String(reason) });
      for (const wake of [...waiters]) wake();
    });
  });
  const socket: TestSocket = {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data, binary = false) => ws.send(data, { binary }),
    waitFor(match, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = frames.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no matching frame within ${timeoutMs} ms; got ${frames.map((f) => f.type).join(", ")}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    next(type, match = () => true, timeoutMs) {
      type Wanted = Extract<ServerFrame, { type: typeof type }>;
      return socket.waitFor((f) => f.type === type && match(f as Wanted), timeoutMs) as Promise<Wanted>;
    },
    closed,
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(socket));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** A visitor socket that completed hello; `welcome` and `sync-complete` have arrived. */
export async function connectVisitor(
  harness: Harness,
  hello: {
    visitorToken?: string;
    resume?: Record<string, number>;
    page?: { url: string; title?: string; timeZone?: string };
  } = {},
  /** Another app than the harness's own (which must exist and allow `origin`). */
  app: { appId: string; origin: string } = { appId: APP_ID, origin: ORIGIN },
): Promise<TestSocket & { token: string; visitorId: string }> {
  const socket = await openSocket(`${harness.wsUrl}?appId=${app.appId}`, { origin: app.origin });
  socket.send({ type: "hello", protocol: 1, role: "visitor", appId: app.appId, ...hello });
  const welcome = await socket.next("welcome");
  await socket.next("sync-complete");
  return Object.assign(socket, {
    token: welcome.visitorToken ?? hello.visitorToken ?? "",
    visitorId: welcome.self.id,
  });
}

/**
 * An agent socket that completed hello. By default it accepts every offer as it arrives, like a
 * bot that takes whatever it is given, so tests about messaging get assignments without offer
 * handling; routing tests pass `{ autoAccept: false }` and answer offers themselves.
 */
export async function connectAgent(
  harness: Harness,
  token: string,
  resume?: Record<string, number>,
  options: { autoAccept?: boolean } = {},
): Promise<TestSocket> {
  const socket = await openSocket(harness.wsUrl);
  if (options.autoAccept ?? true) {
    let accepts = 0;
    socket.ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.type === "offer") {
        socket.send({
          type: "accept-offer",
          id: `auto-accept-${++accepts}`,
          conversationId: frame.conversation.id,
        });
      }
    });
  }
  socket.send({
    type: "hello",
    protocol: 1,
    role: "agent",
    agentToken: token,
    ...(resume ? { resume } : {}),
  });
  await socket.next("welcome");
  await socket.next("sync-complete");
  return socket;
}

let requestCounter = 0;

/** Send a request with a fresh id and wait for the frame that replies to it. */
export function request(socket: TestSocket, frame: Record<string, unknown>): Promise<ServerFrame> {
  const id = `r${++requestCounter}`;
  socket.send({ ...frame, id });
  return socket.waitFor((f) => "replyTo" in f && f.replyTo === id);
}

export async function startConversation(visitor: TestSocket): Promise<string> {
  const reply = await request(visitor, { type: "start-conversation" });
  if (reply.type !== "conversation") throw new Error(`start-conversation answered ${JSON.stringify(reply)}`);
  return reply.conversation.id;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
