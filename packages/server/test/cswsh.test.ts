import { CODES } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  connectVisitor,
  type Harness,
  openSocket,
  request,
  startConversation,
  startHarness,
  type TestSocket,
} from "./relay-harness.ts";

/**
 * Cross-site WebSocket hijacking: a page on a hostile origin opens a socket to the relay (a
 * browser lets any page do that and sends the page's `Origin`). Holding a valid token or not, it
 * must be closed with 4004 before it receives anything. Simulated with the `Origin` header a
 * browser would send, over real sockets.
 */

const SHOP = "shop";
const SHOP_ORIGIN = "https://app.example.com";
const EVIL = "https://evil.example";
const REJECTED = CODES["origin-not-allowed"].close;

let harness: Harness;

async function seed(h: Harness) {
  await h.storage.putApp({ appId: SHOP, name: "Shop", allowedOrigins: [SHOP_ORIGIN], createdAt: 1 });
  const agent = await h.addAgent("Ada", { appIds: [SHOP] });
  const visitor = await connectVisitor(h, {}, { appId: SHOP, origin: SHOP_ORIGIN });
  const conversationId = await startConversation(visitor);
  await request(visitor, { type: "send-message", conversationId, clientMsgId: "c1", body: "my invoice" });
  visitor.close();
  return {
    agentToken: agent.token,
    visitorToken: visitor.token,
    visitorId: visitor.visitorId,
    conversationId,
  };
}

type Outcome = { result: "welcome" | number; socket: TestSocket };

/** Open a socket as a page on `origin` (none: a bot), say hello, and see how it ends. */
async function tryHello(
  h: Harness,
  origin: string | undefined,
  hello: Record<string, unknown>,
  appId?: string,
  /** The Host header, when the page reached the relay under another name (DNS rebinding). */
  host?: string,
): Promise<Outcome> {
  const url = appId === undefined ? h.wsUrl : `${h.wsUrl}?appId=${appId}`;
  const socket = await openSocket(url, {
    ...(origin === undefined ? {} : { origin }),
    ...(host === undefined ? {} : { headers: { Host: host } }),
  });
  socket.send({ type: "hello", protocol: 1, ...hello });
  const result = await Promise.race([
    socket.next("welcome").then(() => "welcome" as const),
    socket.closed.then((closed) => closed.code),
  ]);
  socket.close();
  return { result, socket };
}

const visitorHello = (token: string, conversationId: string) => ({
  role: "visitor",
  appId: SHOP,
  visitorToken: token,
  resume: { [conversationId]: 0 },
});
const agentHello = (token: string, conversationId: string) => ({
  role: "agent",
  agentToken: token,
  resume: { [conversationId]: 0 },
});

describe("cross-site WebSocket hijacking", () => {
  let seeded: Awaited<ReturnType<typeof seed>>;
  beforeEach(async () => {
    harness = await startHarness();
    seeded = await seed(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it("closes an evil page holding a valid visitor token with 4004 before any welcome or replay", async () => {
    const { socket, result } = await tryHello(
      harness,
      EVIL,
      visitorHello(seeded.visitorToken, seeded.conversationId),
      SHOP,
    );
    expect(result).toBe(REJECTED);
    expect(await socket.closed).toEqual({ code: REJECTED, reason: "origin-not-allowed" });
    expect(socket.frames).toEqual([]);
  });

  it("closes an evil page holding a valid agent token with 4004 before any welcome or replay", async () => {
    const { socket, result } = await tryHello(
      harness,
      EVIL,
      agentHello(seeded.agentToken, seeded.conversationId),
    );
    expect(result).toBe(REJECTED);
    expect(await socket.closed).toEqual({ code: REJECTED, reason: "origin-not-allowed" });
    expect(socket.frames).toEqual([]);
  });

  it("lets the app's page, the relay's own console page and a bot in, and replays to them", async () => {
    const page = await tryHello(
      harness,
      SHOP_ORIGIN,
      visitorHello(seeded.visitorToken, seeded.conversationId),
      SHOP,
    );
    expect(page.result).toBe("welcome");
    expect(page.socket.frames[0]).toMatchObject({ type: "welcome", self: { id: seeded.visitorId } });
    await page.socket.next("message-created", (f) => f.message.body === "my invoice");

    const consoleOrigin = harness.relay.url; // the console is served by the relay at /console
    for (const origin of [consoleOrigin, undefined]) {
      const agent = await tryHello(harness, origin, agentHello(seeded.agentToken, seeded.conversationId));
      expect(agent.result, String(origin)).toBe("welcome");
      await agent.socket.next("message-created", (f) => f.message.body === "my invoice");
    }
  });

  it("refuses an agent hello on a visitor socket, even from the app's own page", async () => {
    const { socket, result } = await tryHello(
      harness,
      SHOP_ORIGIN,
      agentHello(seeded.agentToken, seeded.conversationId),
      SHOP,
    );
    expect(result).toBe(CODES["bad-hello"].close);
    expect(socket.frames).toEqual([]);
  });

  // RFC 6454: an origin is (scheme, host, port); scheme and host compare lower-cased, an omitted
  // port is the scheme's default. Anything else that differs is another origin.
  it.each([
    ["the exact origin", SHOP_ORIGIN, "welcome"],
    ["upper case scheme and host (normalised, RFC 6454 section 4)", "HTTPS://APP.Example.COM", "welcome"],
    ["the default port spelled out", "https://app.example.com:443", "welcome"],
    ["http instead of https", "http://app.example.com", REJECTED],
    ["another port", "https://app.example.com:8443", REJECTED],
    ["http with https's default port", "http://app.example.com:443", REJECTED],
    ["a trailing dot (another host to the browser)", "https://app.example.com.", REJECTED],
    ["the allowed host as a prefix of an evil one", "https://app.example.com.evil.com", REJECTED],
    ["an evil host ending like the allowed one", "https://evilapp.example.com", REJECTED],
    ["a subdomain of the allowed host", "https://x.app.example.com", REJECTED],
    ["Origin: null (sandboxed frame, file://)", "null", REJECTED],
    ["a path (not a serialised origin)", "https://app.example.com/", REJECTED],
    ["user info", "https://app.example.com@evil.com", REJECTED],
    ["two Origin values", `${SHOP_ORIGIN}, ${EVIL}`, REJECTED],
    ["no Origin (not a browser page)", undefined, REJECTED],
  ])("visitor socket from %s: %s -> %s", async (_case, origin, expected) => {
    const { result, socket } = await tryHello(
      harness,
      origin,
      visitorHello(seeded.visitorToken, seeded.conversationId),
      SHOP,
    );
    expect(result).toBe(expected);
    if (expected !== "welcome") expect(socket.frames).toEqual([]);
  });

  it("takes the agents' own origin from Host: same host and port over http only", async () => {
    const own = new URL(harness.relay.url);
    const cases: [string | undefined, "welcome" | number][] = [
      [`http://${own.host}`, "welcome"],
      [`HTTP://${own.host}`, "welcome"],
      [undefined, "welcome"],
      [`https://${own.host}`, REJECTED],
      [`http://localhost:${own.port}`, REJECTED],
      [`http://${own.hostname}:${Number(own.port) + 1}`, REJECTED],
      [`http://${own.host}.evil.com`, REJECTED],
      ["null", REJECTED],
    ];
    for (const [origin, expected] of cases) {
      const { result, socket } = await tryHello(
        harness,
        origin,
        agentHello(seeded.agentToken, seeded.conversationId),
      );
      expect(result, String(origin)).toBe(expected);
      if (expected !== "welcome") expect(socket.frames, String(origin)).toEqual([]);
    }
    // The limit of a Host-derived origin: a DNS-rebound page sends its own name in both headers
    // and passes (it still needs a token). A public URL closes that (next describe).
    const rebound = `rebound.evil.example:${own.port}`;
    const rebinding = await tryHello(
      harness,
      `http://${rebound}`,
      agentHello(seeded.agentToken, seeded.conversationId),
      undefined,
      rebound,
    );
    expect(rebinding.result).toBe("welcome");
  });
});

describe("agent sockets behind a public URL and with console origins", () => {
  let seeded: Awaited<ReturnType<typeof seed>>;
  beforeEach(async () => {
    harness = await startHarness({
      publicUrl: "https://support.example.com",
      consoleOrigins: ["https://console.example.com"],
    });
    seeded = await seed(harness);
  });
  afterEach(async () => {
    await harness.stop();
  });

  it.each([
    ["the public URL's origin", "https://support.example.com", "welcome"],
    ["it in upper case", "https://SUPPORT.example.com", "welcome"],
    ["it with the default port spelled out", "https://support.example.com:443", "welcome"],
    ["a configured console origin", "https://console.example.com", "welcome"],
    ["no Origin (a bot)", undefined, "welcome"],
    ["http instead of https", "http://support.example.com", REJECTED],
    ["another port", "https://support.example.com:8443", REJECTED],
    ["a trailing dot", "https://support.example.com.", REJECTED],
    ["a suffix trick", "https://support.example.com.evil.com", REJECTED],
    ["a lookalike", "https://evilsupport.example.com", REJECTED],
    ["a console lookalike", "https://console.example.com.evil.com", REJECTED],
    ["Origin: null", "null", REJECTED],
    ["an evil page", EVIL, REJECTED],
  ])("%s: %s -> %s", async (_case, origin, expected) => {
    const { result, socket } = await tryHello(
      harness,
      origin,
      agentHello(seeded.agentToken, seeded.conversationId),
    );
    expect(result).toBe(expected);
    if (expected !== "welcome") expect(socket.frames).toEqual([]);
  });

  it("ignores Host once a public URL is set: the relay's bare address and a DNS-rebound name are refused", async () => {
    const { port } = new URL(harness.relay.url);
    const rebound = `rebound.evil.example:${port}`;
    for (const [origin, host] of [
      [harness.relay.url, undefined],
      [`http://${rebound}`, rebound],
    ] as const) {
      const { result, socket } = await tryHello(
        harness,
        origin,
        agentHello(seeded.agentToken, seeded.conversationId),
        undefined,
        host,
      );
      expect(result, origin).toBe(REJECTED);
      expect(socket.frames).toEqual([]);
    }
  });
});
