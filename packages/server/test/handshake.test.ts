import { CODES } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { APP_ID, connectVisitor, type Harness, ORIGIN, openSocket, startHarness } from "./relay-harness.ts";

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ helloTimeoutMs: 300 });
});
afterEach(async () => {
  await harness.stop();
});

const visitorUrl = () => `${harness.wsUrl}?appId=${APP_ID}`;
const visitorHello = { type: "hello", protocol: 1, role: "visitor", appId: APP_ID };

describe("upgrade", () => {
  it("refuses WebSocket upgrades on any path but /v1/ws with 404", async () => {
    await expect(openSocket(harness.wsUrl.replace("/v1/ws", "/v2/ws"))).rejects.toThrow(
      "upgrade refused: 404",
    );
  });

  it("accepts then closes origin-not-allowed (4004) when the Origin is not in the app's allowlist", async () => {
    for (const origin of [
      "http://evil.test:3000",
      "http://app.acme.test:3001",
      "https://app.acme.test:3000",
      undefined,
    ]) {
      const socket = await openSocket(visitorUrl(), origin ? { origin } : {});
      socket.send(visitorHello);
      expect(await socket.closed).toEqual({
        code: CODES["origin-not-allowed"].close,
        reason: "origin-not-allowed",
      });
      expect(socket.frames).toEqual([]);
    }
  });

  it("closes unknown-app (4005) for an app id that does not exist", async () => {
    const socket = await openSocket(`${harness.wsUrl}?appId=nope`, { origin: ORIGIN });
    expect(await socket.closed).toMatchObject({ code: CODES["unknown-app"].close });
  });

  it("accepts a port wildcard entry in the allowlist", async () => {
    await harness.storage.putApp({
      appId: "dev",
      name: "Dev",
      allowedOrigins: ["http://localhost:*"],
      createdAt: 1,
    });
    const socket = await openSocket(`${harness.wsUrl}?appId=dev`, { origin: "http://localhost:5173" });
    socket.send({ ...visitorHello, appId: "dev" });
    expect(await socket.next("welcome")).toMatchObject({ role: "visitor" });
  });
});

describe("hello", () => {
  it("closes hello-timeout (4006) when no hello arrives in time", async () => {
    const socket = await openSocket(visitorUrl(), { origin: ORIGIN });
    expect(await socket.closed).toMatchObject({ code: CODES["hello-timeout"].close });
  });

  it("closes bad-hello (4001) when the first frame is a request, not hello", async () => {
    const socket = await openSocket(visitorUrl(), { origin: ORIGIN });
    socket.send({ type: "ping", id: "p1" });
    expect(await socket.closed).toMatchObject({ code: CODES["bad-hello"].close });
  });

  it.each([
    ["not JSON", "hello!"],
    ["missing appId", JSON.stringify({ type: "hello", protocol: 1, role: "visitor" })],
    ["unknown role", JSON.stringify({ type: "hello", protocol: 1, role: "admin", appId: APP_ID })],
    ["another app than the URL", JSON.stringify({ ...visitorHello, appId: "other" })],
  ])("closes bad-hello (4001) for a hello with %s", async (_name, text) => {
    const socket = await openSocket(visitorUrl(), { origin: ORIGIN });
    socket.sendRaw(text);
    expect(await socket.closed).toMatchObject({ code: CODES["bad-hello"].close });
  });

  it("closes bad-hello for a visitor hello on a socket without ?appId (no app origin check happened)", async () => {
    // Without an Origin the agents' origin check lets it through; the hello still does not fit.
    const socket = await openSocket(harness.wsUrl);
    socket.send(visitorHello);
    expect(await socket.closed).toMatchObject({ code: CODES["bad-hello"].close });
    // From a foreign page it does not even get that far (see cswsh.test.ts).
    const foreign = await openSocket(harness.wsUrl, { origin: "http://evil.test" });
    foreign.send(visitorHello);
    expect(await foreign.closed).toMatchObject({ code: CODES["origin-not-allowed"].close });
  });

  it("closes unsupported-protocol (4002) for another protocol version", async () => {
    const socket = await openSocket(visitorUrl(), { origin: ORIGIN });
    socket.send({ ...visitorHello, protocol: 2 });
    expect(await socket.closed).toMatchObject({ code: CODES["unsupported-protocol"].close });
  });

  it("closes unauthorized (4003) for an unknown agent token", async () => {
    const socket = await openSocket(harness.wsUrl);
    socket.send({ type: "hello", protocol: 1, role: "agent", agentToken: "rda_notarealtoken" });
    expect(await socket.closed).toMatchObject({ code: CODES.unauthorized.close });
    expect(socket.frames).toEqual([]);
  });

  it("closes bad-hello on a second hello", async () => {
    const visitor = await connectVisitor(harness);
    visitor.send({ ...visitorHello, visitorToken: visitor.token });
    expect(await visitor.closed).toMatchObject({ code: CODES["bad-hello"].close });
  });

  it("welcomes with session, limits and a new visitor token, and keeps the visitor for a known token", async () => {
    const socket = await openSocket(visitorUrl(), { origin: ORIGIN });
    socket.send(visitorHello);
    const welcome = await socket.next("welcome");
    expect(welcome).toMatchObject({
      protocol: 1,
      role: "visitor",
      self: { kind: "visitor" },
      limits: { maxFrameBytes: 65536, maxBodyChars: 10000, heartbeatIntervalMs: 25000 },
    });
    expect(welcome.visitorToken).toMatch(/^rdv_/);
    expect(await socket.next("sync-complete")).toMatchObject({ lastSeq: {} });

    const again = await connectVisitor(harness, { visitorToken: welcome.visitorToken! });
    const secondWelcome = again.frames.find((f) => f.type === "welcome");
    expect(secondWelcome).toMatchObject({ self: { id: welcome.self.id } });
    expect(secondWelcome && "visitorToken" in secondWelcome).toBe(false);

    // An unknown token (wiped browser storage, another relay) just starts a new visitor.
    const stranger = await connectVisitor(harness, { visitorToken: "rdv_unknown" });
    expect(stranger.visitorId).not.toBe(welcome.self.id);
    expect(stranger.token).toMatch(/^rdv_/);
  });

  it("does not accept another app's visitor token as that visitor", async () => {
    await harness.storage.putApp({ appId: "beta", name: "Beta", allowedOrigins: [ORIGIN], createdAt: 1 });
    const acmeVisitor = await connectVisitor(harness);
    const socket = await openSocket(`${harness.wsUrl}?appId=beta`, { origin: ORIGIN });
    socket.send({ ...visitorHello, appId: "beta", visitorToken: acmeVisitor.token });
    const welcome = await socket.next("welcome");
    expect(welcome.self.id).not.toBe(acmeVisitor.visitorId);
  });
});

describe("shutdown", () => {
  it("closes every socket with server-shutdown (4009) on relay.close()", async () => {
    const visitor = await connectVisitor(harness);
    const pending = await openSocket(visitorUrl(), { origin: ORIGIN });
    await harness.relay.close();
    expect(await visitor.closed).toMatchObject({ code: CODES["server-shutdown"].close });
    expect((await pending.closed).code).toBe(CODES["server-shutdown"].close);
    await expect(openSocket(visitorUrl(), { origin: ORIGIN })).rejects.toThrow();
    expect(visitor.ws.readyState).toBe(WebSocket.CLOSED);
  });
});
