import type { Ack } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { createTestScope, type ScriptedRelay, until } from "./scripted-relay.ts";
import type { ClientOptions, OutboxStore, PendingMessage, RelaydeskClient, SendFailure } from "./types.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An outbox store over a JSON string, as localStorage would keep it, with every save recorded. */
function memoryStore(initial: PendingMessage[] = []) {
  let text = JSON.stringify(initial);
  const saves: PendingMessage[][] = [];
  const store: OutboxStore = {
    load: () => JSON.parse(text),
    save(entries) {
      text = JSON.stringify(entries);
      saves.push(entries);
    },
  };
  return {
    store,
    saves,
    get saved(): PendingMessage[] {
      return JSON.parse(text);
    },
  };
}

function recordOutcomes(client: RelaydeskClient) {
  const acks: Ack[] = [];
  const failures: SendFailure[] = [];
  client.on("ack", (ack) => acks.push(ack));
  client.on("send-failed", (failure) => failures.push(failure));
  return { acks, failures };
}

/** A "page load": a client on the relay with the given store, connected or not. */
function load(relay: ScriptedRelay, store: OutboxStore, options: Partial<ClientOptions> = {}) {
  return scope.client(relay, { outboxStore: store, ...options });
}

const entry = (clientMsgId: string, body: string, conversationId = "cnv_a"): PendingMessage => ({
  conversationId,
  clientMsgId,
  body,
  queuedAt: 1_700_000_000_000,
});

describe("outboxStore", () => {
  it("keeps messages written while offline across a reload and sends them once each, in order", async () => {
    const relay = await scope.relay();
    const memory = memoryStore();

    // Offline: the first page never connects, the visitor writes three messages and reloads.
    const before = load(relay, memory.store, { autoConnect: false });
    for (const body of ["one", "two", "three"]) void before.sendMessage("cnv_a", body);
    const ids = before.pending().map((p) => p.clientMsgId);
    expect(memory.saved.map((p) => p.body)).toEqual(["one", "two", "three"]);
    before.close();

    // The next page comes online: what it restored goes out first, under the original ids.
    const after = load(relay, memory.store, { autoConnect: false });
    expect(after.pending().map((p) => [p.body, p.clientMsgId])).toEqual([
      ["one", ids[0]],
      ["two", ids[1]],
      ["three", ids[2]],
    ]);
    const outcomes = recordOutcomes(after);
    const live = after.sendMessage("cnv_a", "four, typed after the reload");
    after.connect();
    await live;
    await until(() => outcomes.acks.length === 4, "four acks");

    expect(relay.received("send-message").map((f) => f.clientMsgId)).toEqual([...ids, expect.any(String)]);
    expect(relay.messages("cnv_a").map((m) => m.body)).toEqual([
      "one",
      "two",
      "three",
      "four, typed after the reload",
    ]);
    expect(outcomes.acks.map((a) => [a.seq, a.duplicate])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
    ]);
    expect(outcomes.acks.slice(0, 3).map((a) => a.clientMsgId)).toEqual(ids);
    expect(memory.saved).toEqual([]);
    expect(after.pending()).toEqual([]);
  });

  it("saves every add and every ack", async () => {
    const relay = await scope.relay();
    const memory = memoryStore([entry("m_restored", "from last time")]);
    const client = load(relay, memory.store, { autoConnect: false });
    expect(memory.saves).toEqual([]); // restoring changes nothing
    void client.sendMessage("cnv_a", "new", { clientMsgId: "m_new" });
    client.connect();
    await until(() => memory.saves.length === 3, "three saves");
    expect(memory.saves.map((s) => s.map((p) => p.clientMsgId))).toEqual([
      ["m_restored", "m_new"],
      ["m_new"],
      [],
    ]);
    expect(memory.saves[0]?.[0]).toEqual(entry("m_restored", "from last time"));
  });

  it("acknowledges a restored message that was stored before the reload as a duplicate, not a second copy", async () => {
    // The relay stores the message, but the page goes away before any ack arrives.
    let firstPage = true;
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message" || !firstPage) return false;
        relay.storeSent(frame, connection);
        return true;
      },
    });
    const memory = memoryStore();
    const first = load(relay, memory.store);
    await until(() => first.state === "open", "open");
    void first.sendMessage("cnv_a", "stored, ack lost", { clientMsgId: "m_lost_ack" });
    await until(() => relay.messages("cnv_a").length === 1, "the message stored");
    first.close();
    firstPage = false;
    expect(memory.saved.map((p) => p.clientMsgId)).toEqual(["m_lost_ack"]);

    const second = load(relay, memory.store);
    const outcomes = recordOutcomes(second);
    await until(() => outcomes.acks.length === 1, "the ack");
    expect(outcomes.acks[0]).toMatchObject({ clientMsgId: "m_lost_ack", seq: 1, duplicate: true });
    expect(relay.messages("cnv_a")).toHaveLength(1);
    expect(memory.saved).toEqual([]);
  });

  it("hands out the restored message's promise when the app sends the same clientMsgId again", async () => {
    const relay = await scope.relay();
    const client = load(relay, memoryStore([entry("m_same", "again")]).store, { autoConnect: false });
    const again = client.sendMessage("cnv_a", "again", { clientMsgId: "m_same" });
    client.connect();
    await expect(again).resolves.toMatchObject({ clientMsgId: "m_same", seq: 1 });
    expect(relay.received("send-message")).toHaveLength(1);
  });

  it("reports a restored message the relay refuses for good, drops it, and sends the rest", async () => {
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message" || frame.conversationId !== "cnv_closed") return false;
        connection.send({
          type: "error",
          replyTo: frame.id as string,
          code: "conversation-closed",
          message: "the conversation is closed",
          retry: false,
        });
        return true;
      },
    });
    const memory = memoryStore([entry("m_gone", "too late", "cnv_closed"), entry("m_fine", "still fine")]);
    const client = load(relay, memory.store, { autoConnect: false });
    const outcomes = recordOutcomes(client);
    client.connect();
    await until(() => outcomes.failures.length === 1 && outcomes.acks.length === 1, "both outcomes");

    expect(outcomes.failures[0]?.message).toEqual(entry("m_gone", "too late", "cnv_closed"));
    expect(outcomes.failures[0]?.error).toMatchObject({ code: "conversation-closed", retry: false });
    expect(outcomes.acks[0]?.clientMsgId).toBe("m_fine");
    expect(memory.saved).toEqual([]);

    // Not resent after a reconnect: it left the outbox.
    relay.connections[0]?.drop();
    await until(() => relay.connections.length === 2 && client.state === "open", "the reconnect");
    await sleep(50);
    expect(relay.received("send-message").map((f) => f.clientMsgId)).toEqual(["m_gone", "m_fine"]);
  });

  it("emits ack and send-failed for live sends too, before their promises settle", async () => {
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "send-message" || frame.body !== "refused") return false;
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
    const client = scope.client(relay);
    const order: string[] = [];
    client.on("ack", (ack) => order.push(`ack ${ack.clientMsgId}`));
    client.on("send-failed", ({ message }) => order.push(`failed ${message.clientMsgId}`));
    await client.sendMessage("cnv_a", "accepted", { clientMsgId: "m_ok" }).then(() => order.push("resolved"));
    await client
      .sendMessage("cnv_a", "refused", { clientMsgId: "m_no" })
      .catch((error: { code: string }) => order.push(`rejected ${error.code}`));
    expect(order).toEqual(["ack m_ok", "resolved", "failed m_no", "rejected not-found"]);
  });

  it("skips stored entries the relay would refuse and survives a store that throws", async () => {
    const relay = await scope.relay();
    const tampered = [
      entry("m_good", "kept"),
      { conversationId: "cnv_a", clientMsgId: "has spaces", body: "bad id", queuedAt: 1 },
      { conversationId: "cnv_a", clientMsgId: "m_empty", body: "", queuedAt: 1 },
      null,
      { clientMsgId: "m_nowhere", body: "no conversation" },
    ];
    const client = load(
      relay,
      { load: () => tampered as PendingMessage[], save() {} },
      { autoConnect: false },
    );
    expect(client.pending().map((p) => p.clientMsgId)).toEqual(["m_good"]);

    const broken: OutboxStore = {
      load() {
        throw new Error("SecurityError: storage is blocked");
      },
      save() {
        throw new Error("QuotaExceededError");
      },
    };
    const other = load(relay, broken);
    await expect(other.sendMessage("cnv_b", "still sent")).resolves.toMatchObject({ seq: 1 });
    expect(other.pending()).toEqual([]);

    const notAList = load(relay, { load: () => ({}) as PendingMessage[], save() {} }, { autoConnect: false });
    expect(notAList.pending()).toEqual([]);
  });
});
