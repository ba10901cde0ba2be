import type { Message } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { createTestScope, until } from "./scripted-relay.ts";
import type { ClientEvents, RelaydeskClient } from "./types.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

/** What an app rendering from events would show: `reset` clears a conversation, `message` appends. */
function view(client: RelaydeskClient) {
  const shown = new Map<string, number[]>();
  const resets: ClientEvents["reset"][] = [];
  const events: string[] = [];
  client.on("message", (m: Message) => {
    shown.set(m.conversationId, [...(shown.get(m.conversationId) ?? []), m.seq]);
    events.push(`message ${m.seq}`);
  });
  client.on("reset", (r) => {
    resets.push(r);
    shown.set(r.conversationId, []);
    events.push(`reset ${r.firstSeq}`);
  });
  client.on("sync", () => events.push("sync"));
  return { shown, resets, events, seqs: (id = "cnv_a") => shown.get(id) ?? [] };
}

describe("past retention", () => {
  it("on resume below retention: reset, then the retained messages in order, then sync", async () => {
    const relay = await scope.relay();
    for (let i = 1; i <= 3; i += 1) relay.store("cnv_a", `m${i}`);
    const client = scope.client(relay);
    const app = view(client);
    await until(() => app.seqs().length === 3, "first replay");
    client.close();

    for (let i = 4; i <= 9; i += 1) relay.store("cnv_a", `m${i}`);
    relay.prune("cnv_a", 6);
    app.events.length = 0;
    client.connect();
    await until(() => app.events.includes("sync"), "sync");

    expect(relay.connections[1]?.hello?.resume).toEqual({ cnv_a: 3 });
    expect(app.resets).toEqual([{ conversationId: "cnv_a", firstSeq: 7 }]);
    expect(app.events).toEqual(["reset 7", "message 7", "message 8", "message 9", "sync"]);
    expect(app.seqs()).toEqual([7, 8, 9]);

    // Carries on normally from there.
    relay.publish(relay.store("cnv_a", "m10"));
    await until(() => app.seqs().length === 4, "live message");
    expect(app.seqs()).toEqual([7, 8, 9, 10]);
  });

  it("when a live message reveals a hole that history can no longer fill: reset, then from firstSeq", async () => {
    const relay = await scope.relay();
    relay.store("cnv_a", "m1");
    const client = scope.client(relay);
    const app = view(client);
    await until(() => app.seqs().length === 1, "replay");

    // 2-4 happen while this client misses them (a lost bus event), then retention deletes 2-3.
    for (let i = 2; i <= 4; i += 1) relay.store("cnv_a", `m${i}`);
    relay.prune("cnv_a", 3);
    relay.publish(relay.store("cnv_a", "m5"));
    await until(() => app.seqs().includes(5), "message 5");

    expect(app.resets).toEqual([{ conversationId: "cnv_a", firstSeq: 4 }]);
    expect(app.events).toEqual(["message 1", "sync", "reset 4", "message 4", "message 5"]);
    expect(client.pending()).toEqual([]);
  });

  it("does not reset a client that holds everything before what is retained", async () => {
    const relay = await scope.relay();
    for (let i = 1; i <= 4; i += 1) relay.store("cnv_a", `m${i}`);
    const client = scope.client(relay);
    const app = view(client);
    await until(() => app.seqs().length === 4, "replay");
    relay.prune("cnv_a", 2);
    // Paging back from 0 answers not-recovered, but nothing this client showed is missing.
    const page = await client.getHistory("cnv_a");
    expect(page.messages.map((m) => m.seq)).toEqual([3, 4]);
    expect(app.resets).toEqual([]);
    expect(app.seqs()).toEqual([1, 2, 3, 4]);
  });
});

describe("several conversations", () => {
  it("opens a new conversation with { new: true }, reusing its key when the request is resent", async () => {
    let dropped = false;
    const relay = await scope.relay({
      intercept(frame, connection) {
        // The first new-conversation request is handled but its reply is lost with the connection.
        if (frame.type !== "start-conversation" || frame.clientConversationId === undefined || dropped) {
          return false;
        }
        dropped = true;
        connection.drop();
        return true;
      },
    });
    const client = scope.client(relay);
    const first = await client.startConversation();
    const again = await client.startConversation();
    const second = await client.startConversation({ new: true });

    expect(again.id).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    const keyed = relay.received("start-conversation").filter((f) => f.clientConversationId !== undefined);
    expect(keyed).toHaveLength(2);
    expect(keyed[1]?.clientConversationId).toBe(keyed[0]?.clientConversationId);
    expect(keyed[1]?.id).toBe(keyed[0]?.id);

    const third = await client.startConversation({ new: true });
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
    const mine = await client.startConversation({ clientConversationId: "my-key-1" });
    expect(await client.startConversation({ clientConversationId: "my-key-1" })).toEqual(mine);
  });

  it("rejects a clientConversationId the relay would refuse, without sending it", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay);
    await expect(client.startConversation({ clientConversationId: "has space" })).rejects.toMatchObject({
      code: "bad-frame",
    });
    await until(() => client.state === "open", "open");
    expect(relay.received("start-conversation")).toEqual([]);
  });
});
