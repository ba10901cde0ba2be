import type { Identified } from "@relaydesk/sdk-types";
import { afterEach, describe, expect, it } from "vitest";
import { RelaydeskError } from "./relaydesk-error.ts";
import { createTestScope, type Frame, type RelayConnection, until } from "./scripted-relay.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

const SIGNATURE = "ab".repeat(32);

/** The relay's answer to an accepted identify, with a token numbered by the connection. */
function identifiedFor(frame: Frame, connection: RelayConnection, index: number): Identified {
  const reply: Identified = {
    type: "identified",
    replyTo: frame.id as string,
    visitorId: "vis_user",
    visitorToken: `rdv_user_${index}`,
    userId: (frame.userId as string | undefined) ?? "from-jwt",
    self: { kind: "visitor", id: "vis_user", name: "Ada" },
    carried: ["cnv_1"],
  };
  connection.send(reply);
  return reply;
}

describe("identify", () => {
  it("resolves with identified, emits it, and reconnects with the new token", async () => {
    let issued = 0;
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "identify") return false;
        identifiedFor(frame, connection, ++issued);
        return true;
      },
    });
    const client = scope.client(relay, {
      auth: { role: "visitor", appId: "app_test", visitorToken: "rdv_anon" },
    });
    const events: Identified[] = [];
    client.on("identified", (reply) => events.push(reply));

    const reply = await client.identify({
      userId: "user-42",
      signature: SIGNATURE,
      profile: { name: "Ada" },
    });
    expect(reply).toMatchObject({ visitorId: "vis_user", visitorToken: "rdv_user_1", carried: ["cnv_1"] });
    expect(events).toEqual([reply]);
    expect(client.session?.self).toEqual({ kind: "visitor", id: "vis_user", name: "Ada" });
    expect(relay.received("identify")).toEqual([
      expect.objectContaining({ userId: "user-42", signature: SIGNATURE, profile: { name: "Ada" } }),
    ]);

    relay.connections[0]!.drop();
    await until(() => relay.connections.length === 2 && relay.connections[1]!.hello !== null, "reconnect");
    expect(relay.connections[0]!.hello).toMatchObject({ visitorToken: "rdv_anon" });
    expect(relay.connections[1]!.hello).toMatchObject({ visitorToken: "rdv_user_1" });
  });

  it("rejects with the relay's reason and keeps the old token when the claim does not verify", async () => {
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "identify") return false;
        connection.send({
          type: "error",
          replyTo: frame.id as string,
          code: "identity-invalid",
          message: "jwt expired at 2025-01-01T00:00:00.000Z",
          retry: false,
        });
        return true;
      },
    });
    const client = scope.client(relay, {
      auth: { role: "visitor", appId: "app_test", visitorToken: "rdv_anon" },
    });
    const events: Identified[] = [];
    client.on("identified", (reply) => events.push(reply));
    const error = await client.identify({ jwt: "a.b.c" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RelaydeskError);
    expect(error).toMatchObject({
      code: "identity-invalid",
      retry: false,
      message: "jwt expired at 2025-01-01T00:00:00.000Z",
    });
    expect(events).toEqual([]);
    relay.connections[0]!.drop();
    await until(() => relay.connections[1]?.hello != null, "reconnect");
    expect(relay.connections[1]!.hello).toMatchObject({ visitorToken: "rdv_anon" });
  });

  it("resends an identify whose reply was lost first after reconnecting, before queued messages", async () => {
    let issued = 0;
    const relay = await scope.relay({
      intercept(frame, connection) {
        if (frame.type !== "identify") return false;
        if (relay.connections.length === 1) {
          connection.drop();
          return true;
        }
        identifiedFor(frame, connection, ++issued);
        return true;
      },
    });
    const client = scope.client(relay);
    // Recorded, not polled: the reconnect can follow the drop faster than a poll sees the state.
    const states: string[] = [];
    client.on("state", (state) => states.push(state));
    await until(() => client.state === "open", "open");
    const identifying = client.identify({ jwt: "a.b.c" });
    await until(() => states.includes("reconnecting"), "the drop");
    const sending = client.sendMessage("cnv_1", "after sign-in");
    await expect(identifying).resolves.toMatchObject({ visitorToken: "rdv_user_1" });
    await sending;
    const second = relay.connections[1]!.frames.map((f) => f.type);
    expect(second.indexOf("identify")).toBeLessThan(second.indexOf("send-message"));
  });

  it("leaves checking the claim to the relay and passes on what it says (an agent's identify too)", async () => {
    const relay = await scope.relay();
    const agent = scope.client(relay, { auth: { role: "agent", agentToken: "rda_1" } });
    await expect(agent.identify({ jwt: "a.b.c" })).rejects.toMatchObject({
      code: "unknown-type",
      retry: false,
    });
    expect(relay.received("identify")).toHaveLength(1);
  });
});
