import type { Message } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestScope, until } from "./scripted-relay.ts";
import type { ClientFailure, ConnectionState } from "./types.ts";

const scope = createTestScope();
afterEach(async () => {
  await scope.dispose();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("hello", () => {
  it("sends a visitor's credentials in hello, only the app id in the URL, and resumes where it stopped", async () => {
    const relay = await scope.relay();
    relay.store("cnv_a", "first");
    relay.store("cnv_a", "second");
    const client = scope.client(relay, {
      auth: {
        role: "visitor",
        appId: "acme",
        visitorToken: "rdv_known",
        page: { url: "https://app.acme.test/billing", title: "Billing" },
      },
    });
    const seen: Message[] = [];
    client.on("message", (m) => seen.push(m));
    await until(() => seen.length === 2, "the resume replay");

    const [first] = relay.connections;
    expect(first?.requestUrl.pathname).toBe("/v1/ws");
    expect(first?.requestUrl.search).toBe("?appId=acme");
    expect(first?.hello).toEqual({
      type: "hello",
      protocol: 1,
      role: "visitor",
      appId: "acme",
      visitorToken: "rdv_known",
      resume: {},
      page: { url: "https://app.acme.test/billing", title: "Billing" },
    });

    first?.drop();
    await until(
      () => relay.connections[1]?.hello !== null && relay.connections.length === 2,
      "the second hello",
    );
    expect(relay.connections[1]?.hello?.resume).toEqual({ cnv_a: 2 });
    await until(() => client.state === "open", "open");
    expect(seen.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("sends an agent's token in hello and nothing in the URL", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_secret" } });
    await until(() => client.state === "open", "open");
    const [connection] = relay.connections;
    expect(connection?.requestUrl.search).toBe("");
    expect(connection?.hello).toEqual({
      type: "hello",
      protocol: 1,
      role: "agent",
      agentToken: "rda_secret",
      resume: {},
    });
    expect(client.session?.role).toBe("agent");
  });

  it("keeps the visitor token issued in welcome and sends it on the next hello", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, { auth: { role: "visitor", appId: "acme" } });
    const tokens: (string | undefined)[] = [];
    client.on("welcome", (welcome) => tokens.push(welcome.visitorToken));
    await until(() => tokens.length === 1, "welcome");
    expect(relay.connections[0]?.hello).not.toHaveProperty("visitorToken");
    expect(tokens[0]).toBe("rdv_issued_1");

    relay.connections[0]?.drop();
    await until(() => tokens.length === 2, "the second welcome");
    expect(relay.connections[1]?.hello).toMatchObject({ visitorToken: "rdv_issued_1" });
  });
});

describe("reconnecting", () => {
  it("reconnects after the relay drops the socket, waiting longer after each failure", async () => {
    const connectedAt: number[] = [];
    const relay = await scope.relay({
      onConnection(connection) {
        connectedAt.push(Date.now());
        if (connectedAt.length <= 4) connection.drop();
      },
    });
    const states: ConnectionState[] = [];
    const client = scope.client(relay, {
      autoConnect: false,
      reconnectInitialDelayMs: 40,
      reconnectGrowFactor: 2,
      reconnectMaxDelayMs: 10_000,
      random: () => 0.999_999,
    });
    client.on("state", (s) => states.push(s));
    client.connect();
    await until(() => client.state === "open", "open after four drops");

    const gaps = connectedAt.slice(1).map((t, i) => t - (connectedAt[i] ?? t));
    // Delays 39, 79, 159, 319 ms (full jitter at its top); timers never fire early.
    [39, 79, 159, 319].forEach((delay, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(delay - 1);
    });
    expect(gaps[3]).toBeGreaterThan(gaps[2] ?? 0);
    expect(gaps[2]).toBeGreaterThan(gaps[1] ?? 0);
    expect(states.slice(0, 3)).toEqual(["connecting", "reconnecting", "connecting"]);
    expect(states.at(-1)).toBe("open");

    // A successful welcome resets the backoff: the next drop retries after the first delay again.
    const before = Date.now();
    relay.connections.at(-1)?.drop();
    await until(() => relay.connections.length === 6, "the reconnect after a good connection");
    expect(Date.now() - before).toBeLessThan(300);
  });

  it("reconnects after a retryable close code (server shutdown)", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay);
    await until(() => client.state === "open", "open");
    relay.connections[0]?.close(4009, "restarting");
    await until(() => relay.connections.length === 2 && client.state === "open", "the reconnect");
  });

  it("stops with `failed` on a non-retryable close code and does not reconnect", async () => {
    const relay = await scope.relay({
      onHello(_hello, connection) {
        connection.close(4003, "unknown agent token");
        return false;
      },
    });
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_revoked" } });
    const failures: ClientFailure[] = [];
    client.on("failed", (f) => failures.push(f));
    const listing = expect(client.listConversations()).rejects.toMatchObject({
      name: "RelaydeskError",
      code: "unauthorized",
      retry: false,
    });
    await until(() => failures.length === 1, "failed");
    expect(failures[0]).toEqual({ code: "unauthorized", closeCode: 4003, reason: "unknown agent token" });
    expect(client.state).toBe("idle");
    await listing;
    await sleep(200);
    expect(relay.connections).toHaveLength(1);
  });

  it("close() closes with 1000, stops reconnecting and fails waiting requests", async () => {
    const relay = await scope.relay({ intercept: (frame) => frame.type === "list-conversations" });
    const client = scope.client(relay);
    await until(() => client.state === "open", "open");
    const listing = expect(client.listConversations()).rejects.toMatchObject({ code: "closed" });
    await until(() => relay.received("list-conversations").length === 1, "the request");
    client.close();
    expect(client.state).toBe("idle");
    await expect(relay.connections[0]?.closed).resolves.toEqual({ code: 1000, reason: "client closed" });
    await listing;
    await sleep(150);
    expect(relay.connections).toHaveLength(1);
  });
});

describe("heartbeat", () => {
  it("sends app-level pings at the relay's interval and stays connected while pongs come back", async () => {
    const relay = await scope.relay({
      welcome: { limits: { maxFrameBytes: 65_536, maxBodyChars: 10_000, heartbeatIntervalMs: 50 } },
    });
    const client = scope.client(relay, { heartbeatTimeoutMs: 250 });
    await until(() => client.state === "open", "open");
    await sleep(600);
    const pings = relay.received("ping");
    expect(pings.length).toBeGreaterThanOrEqual(6);
    expect(pings[0]).toMatchObject({ type: "ping", t: expect.any(Number) });
    expect(relay.connections).toHaveLength(1);
  });

  it("closes a silent connection after heartbeatTimeoutMs and reconnects", async () => {
    // The relay accepts the connection and then says nothing at all, not even pong.
    const relay = await scope.relay({
      welcome: { limits: { maxFrameBytes: 65_536, maxBodyChars: 10_000, heartbeatIntervalMs: 50 } },
      intercept: (frame) => frame.type === "ping",
    });
    const client = scope.client(relay, { heartbeatTimeoutMs: 300 });
    await until(() => client.state === "open", "open");
    const openedAt = Date.now();
    await until(() => relay.connections.length === 2, "the reconnect");
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(250);
    await expect(relay.connections[0]?.closed).resolves.toMatchObject({ code: 4008 });
  });
});

describe("browser connectivity", () => {
  function goOffline() {
    const window = new EventTarget();
    const navigator = { onLine: false };
    vi.stubGlobal("window", window);
    vi.stubGlobal("navigator", navigator);
    return {
      goOnline() {
        navigator.onLine = true;
        window.dispatchEvent(new Event("online"));
      },
    };
  }

  it("does not retry while the browser is offline and reconnects at once when it comes back", async () => {
    const network = goOffline();
    const relay = await scope.relay();
    // The backoff alone would wait a minute; only the `online` event can explain a quick reconnect.
    const client = scope.client(relay, { reconnectInitialDelayMs: 60_000, reconnectMaxDelayMs: 60_000 });
    await until(() => client.state === "open", "open");
    relay.connections[0]?.drop();
    await until(() => client.state === "reconnecting", "reconnecting");
    await sleep(100);
    expect(relay.connections).toHaveLength(1);
    network.goOnline();
    await until(() => client.state === "open", "open again", 1000);
    expect(relay.connections).toHaveLength(2);
  });

  it("makes no attempts while offline even with a short backoff", async () => {
    goOffline();
    const relay = await scope.relay();
    const client = scope.client(relay, { reconnectInitialDelayMs: 5, reconnectMaxDelayMs: 5 });
    await until(() => client.state === "open", "open");
    relay.connections[0]?.drop();
    await sleep(200);
    expect(client.state).toBe("reconnecting");
    expect(relay.connections).toHaveLength(1);
  });
});

describe("robustness", () => {
  it("ignores malformed frames and unknown frame types", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const relay = await scope.relay();
    const client = scope.client(relay);
    const seen: number[] = [];
    client.on("message", (m) => seen.push(m.seq));
    await until(() => client.state === "open", "open");
    const connection = relay.connections[0];
    connection?.send({ type: "from-the-future", payload: 1 });
    connection?.send({ type: "message-created" });
    connection?.sendRaw("not json");
    connection?.sendRaw('"a JSON string"');
    connection?.send({ type: "message-created", message: relay.store("cnv_a", "still here") });
    await until(() => seen.length === 1, "the valid message");
    expect(client.state).toBe("open");
    expect(relay.connections).toHaveLength(1);
    // Only the frame of a known type with a missing field got as far as a handler.
    expect(errors).toHaveBeenCalledTimes(1);
  });

  it("keeps working when an event handler throws", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const relay = await scope.relay();
    const client = scope.client(relay);
    const seen: number[] = [];
    client.on("message", () => {
      throw new Error("app bug");
    });
    client.on("message", (m) => seen.push(m.seq));
    await until(() => client.state === "open", "open");
    await client.sendMessage("cnv_a", "one");
    await client.sendMessage("cnv_a", "two");
    await until(() => seen.length === 2, "both messages");
    expect(errors).toHaveBeenCalled();
    expect(client.state).toBe("open");
  });

  it("runs a visitor and an agent side by side in one process without sharing state", async () => {
    const relay = await scope.relay();
    const visitor = scope.client(relay, { auth: { role: "visitor", appId: "acme" } });
    const agent = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    const agentSaw: string[] = [];
    agent.on("message", (m) => agentSaw.push(m.body));
    await until(() => visitor.state === "open" && agent.state === "open", "both open");
    await visitor.sendMessage("cnv_a", "help, please");
    await until(() => agentSaw.length === 1, "the agent's copy");
    agent.close();
    expect(visitor.state).toBe("open");
    expect(visitor.session?.role).toBe("visitor");
    expect(agent.session?.role).toBe("agent");
    await expect(visitor.sendMessage("cnv_a", "anyone?")).resolves.toMatchObject({ seq: 2 });
  });
});
