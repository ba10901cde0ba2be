import { afterEach, describe, expect, it } from "vitest";
import {
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";
import { offersTo } from "./routing-helpers.ts";

let harness: Harness;
afterEach(async () => {
  await harness.stop();
});

describe("presence", () => {
  it("shows teammates an agent going online, away and offline", async () => {
    harness = await startHarness();
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const bobSocket = await connectAgent(harness, bob.token, undefined, { autoAccept: false });
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    const seen = (status: string) =>
      bobSocket.next("presence-changed", (f) => f.agent.id === ada.id && f.status === status);
    await seen("online");
    await request(adaSocket, { type: "set-presence", status: "away" });
    await seen("away");
    expect(await request(bobSocket, { type: "list-presence" })).toMatchObject({
      agents: expect.arrayContaining([
        { id: ada.id, name: "Ada", status: "away" },
        { id: bob.id, name: "Bob", status: "online" },
      ]),
    });
    adaSocket.close();
    await seen("offline");
  });

  it("turns an inactive agent away automatically, and back online when it acts", async () => {
    harness = await startHarness({ awayAfterMs: 300 });
    const ada = await harness.addAgent("Ada");
    const bob = await harness.addAgent("Bob");
    const bobSocket = await connectAgent(harness, bob.token, undefined, { autoAccept: false });
    const adaSocket = await connectAgent(harness, ada.token, undefined, { autoAccept: false });
    // Bob keeps sending something other than ping; Ada only pings.
    const busy = setInterval(() => bobSocket.send({ type: "list-presence", id: `keep-${Date.now()}` }), 100);
    const ping = setInterval(() => adaSocket.send({ type: "ping" }), 100);
    try {
      await bobSocket.next("presence-changed", (f) => f.agent.id === ada.id && f.status === "away", 2_000);
      const conversationId = await startConversation(await connectVisitor(harness));
      await bobSocket.next("offer", (f) => f.conversation.id === conversationId);
      await delay(200);
      expect(offersTo(adaSocket)).toEqual([]);
      adaSocket.send({ type: "list-conversations", id: "wake" });
      await bobSocket.next(
        "presence-changed",
        (f) =>
          f.agent.id === ada.id &&
          f.status === "online" &&
          bobSocket.frames.filter((g) => g.type === "presence-changed" && g.agent.id === ada.id).length >= 3,
      );
    } finally {
      clearInterval(busy);
      clearInterval(ping);
    }
  });
});
