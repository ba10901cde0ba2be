import { afterEach, describe, expect, it, vi } from "vitest";
import { agentActions } from "./agent-actions.ts";
import { createClient } from "./create-client.ts";
import { RelaydeskError } from "./relaydesk-error.ts";
import { createTestScope, until } from "./scripted-relay.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

describe("requests", () => {
  it("waits for the connection: a request made before connect() is answered after welcome", async () => {
    const relay = await scope.relay();
    relay.store("cnv_a", "hello");
    const client = scope.client(relay, { autoConnect: false });
    const listing = client.listConversations();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(relay.connections).toHaveLength(0);
    client.connect();
    await expect(listing).resolves.toEqual([expect.objectContaining({ id: "cnv_a", lastSeq: 1 })]);
  });

  it("starts a visitor's conversation and sends it again after a reconnect if the reply was lost", async () => {
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "start-conversation" || relay.connections.length > 1) return false;
        connection.drop();
        return true;
      },
    });
    const client = scope.client(relay);
    const conversation = await client.startConversation();
    expect(conversation).toMatchObject({ id: "cnv_1", status: "open" });
    expect(relay.received("start-conversation")).toHaveLength(2);
    expect(relay.connections).toHaveLength(2);
  });

  it("rejects with the relay's error code on an error reply", async () => {
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "get-history") return false;
        connection.send({
          type: "error",
          replyTo: frame.id as string,
          code: "not-found",
          message: "no such conversation",
          retry: false,
        });
        return true;
      },
    });
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    const error = await client.getHistory("cnv_nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelaydeskError);
    expect(error).toMatchObject({ code: "not-found", retry: false, message: "no such conversation" });
    expect(client.state).toBe("open");
  });

  it("rejects with code timeout when no reply comes within requestTimeoutMs", async () => {
    const relay = await scope.relay({ intercept: (frame) => frame.type === "list-conversations" });
    const client = scope.client(relay, { requestTimeoutMs: 100 });
    const started = Date.now();
    await expect(client.listConversations()).rejects.toMatchObject({ code: "timeout", retry: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it("lets an agent close a conversation (agentActions)", async () => {
    const relay = await scope.relay();
    relay.store("cnv_a", "hello");
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    await expect(agentActions(client).closeConversation("cnv_a")).resolves.toMatchObject({
      id: "cnv_a",
      status: "closed",
    });
  });

  it("refuses role-specific calls from the wrong role without asking the relay", async () => {
    const relay = await scope.relay();
    const visitor = scope.client(relay);
    const agent = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    await expect(agent.startConversation()).rejects.toMatchObject({ code: "forbidden" });
    await until(() => visitor.state === "open" && agent.state === "open", "both open");
    await expect(agentActions(visitor).closeConversation("cnv_a")).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(relay.received("start-conversation")).toHaveLength(0);
    expect(relay.received("close-conversation")).toHaveLength(0);
  });

  it("unsubscribes a handler with the function on() returns", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, { autoConnect: false });
    const states: string[] = [];
    const off = client.on("state", (s) => states.push(s));
    client.connect();
    await until(() => client.state === "open", "open");
    off();
    client.close();
    expect(states).toEqual(["connecting", "open"]);
  });
});

describe("options", () => {
  it("explains what to pass when there is no global WebSocket (Node < 22)", () => {
    vi.stubGlobal("WebSocket", undefined);
    const create = () =>
      createClient({
        url: "http://127.0.0.1:1",
        auth: { role: "agent", agentToken: "t" },
        autoConnect: false,
      });
    expect(create).toThrow(/pass one/);
    vi.unstubAllGlobals();
  });

  it("rejects a URL that is not absolute", () => {
    expect(() =>
      createClient({ url: "relay.example.com", auth: { role: "agent", agentToken: "t" } }),
    ).toThrow(/absolute URL/);
  });
});
