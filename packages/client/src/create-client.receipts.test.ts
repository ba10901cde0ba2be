import type { DeliveredEvent } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { createTestScope, until } from "./scripted-relay.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

describe("delivered receipts", () => {
  it("tells the relay once per burst, with the highest seq of someone else's messages", async () => {
    const relay = await scope.relay();
    for (const body of ["1", "2", "3"]) relay.store("cnv_a", body);
    relay.store("cnv_b", "other thread");
    const client = scope.client(relay);
    let emitted = 0;
    client.on("message", () => emitted++);
    await until(() => emitted === 4, "the resume replay");
    await until(() => relay.received("delivered").length === 2, "the receipts");
    expect(relay.received("delivered")).toEqual([
      { type: "delivered", conversationId: "cnv_a", seq: 3 },
      { type: "delivered", conversationId: "cnv_b", seq: 1 },
    ]);

    // Our own message coming back is no news; the next message from the agent is.
    await client.sendMessage("cnv_a", "mine");
    const next = relay.store("cnv_a", "4 from the agent");
    relay.publish(next);
    await until(() => relay.received("delivered").length === 3, "the next receipt");
    expect(relay.received("delivered")[2]).toEqual({ type: "delivered", conversationId: "cnv_a", seq: 5 });
    // A history page of messages already received sends nothing again.
    await client.getHistory("cnv_a");
    await client.listConversations();
    expect(relay.received("delivered")).toHaveLength(3);
  });

  it("sends the receipt for messages that arrived while disconnected after the resume", async () => {
    const relay = await scope.relay();
    relay.store("cnv_a", "before");
    const client = scope.client(relay);
    await until(() => relay.received("delivered").length === 1, "the first receipt");
    relay.connections[0]?.drop();
    relay.store("cnv_a", "while away");
    await until(() => relay.received("delivered").length === 2, "the receipt after resume");
    expect(relay.connections[1]?.frames.filter((f) => f.type === "delivered")).toEqual([
      { type: "delivered", conversationId: "cnv_a", seq: 2 },
    ]);
    expect(client.state).toBe("open");
  });

  it("emits the other side's delivered as an event", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay);
    const seen: DeliveredEvent[] = [];
    client.on("delivered", (event) => seen.push(event));
    await until(() => client.state === "open", "open");
    const event = {
      type: "delivered",
      conversationId: "cnv_a",
      recipient: { kind: "agent", id: "agt_9" },
      seq: 2,
    } as const;
    relay.connections[0]?.send(event);
    await until(() => seen.length === 1, "the event");
    expect(seen[0]).toEqual(event);
  });
});
