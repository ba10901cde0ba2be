import { describe, expect, it } from "vitest";
import { createOffers } from "./offers.ts";
import {
  conversation,
  eventClient,
  pendingActions,
  recordingLink,
  relayError,
  settle,
  welcome,
} from "./test-agent-client.ts";

function setup(localNow = 10_000) {
  const { link, state } = recordingLink();
  let now = localNow;
  const offers = createOffers({ link, now: () => now });
  const { client, emit, listeners } = eventClient();
  const requests = pendingActions();
  const off = offers.attach(client, requests.actions);
  emit("welcome", welcome(now));
  return { offers, emit, requests, state, off, listeners, setNow: (t: number) => (now = t) };
}

const pricing = conversation("cnv_a", {
  visitor: { name: "Grace", verified: false },
  attributes: { pageTitle: "Pricing", pageUrl: "https://acme.test/pricing" },
});

describe("offers", () => {
  it("holds an offer with its expiry, the one running out first on top, and announces it", () => {
    const { offers, emit } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    emit("offer", { type: "offer", conversation: conversation("cnv_b"), expiresAt: 20_000 });
    expect(offers.list.value.map((o) => [o.conversation.id, o.expiresAt])).toEqual([
      ["cnv_b", 20_000],
      ["cnv_a", 40_000],
    ]);
    expect([...offers.ids.value]).toEqual(["cnv_b", "cnv_a"]);
    expect(offers.announcement.value).toBe("New conversation offered to you: Visitor cnv_b");
  });

  it("counts down on this browser's clock when it is off from the relay's", () => {
    const { offers, emit } = setup();
    // The relay's clock is 5 minutes ahead of this browser's.
    emit("welcome", welcome(10_000 + 300_000));
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 10_000 + 300_000 + 30_000 });
    expect(offers.list.value[0]?.expiresAt).toBe(40_000);
    // The same correction, exposed for the SLA countdowns; forgotten on sign-out.
    expect(offers.skew.value).toBe(300_000);
    offers.reset();
    expect(offers.skew.value).toBe(0);
  });

  it("replaces a repeated offer of the same conversation instead of showing it twice", () => {
    const { offers, emit } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 70_000 });
    expect(offers.list.value.map((o) => o.expiresAt)).toEqual([70_000]);
  });

  it("drops an offer the relay revoked and says why", () => {
    const { offers, emit } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    emit("offer-revoked", { type: "offer-revoked", conversationId: "cnv_a", reason: "expired" });
    expect(offers.list.value).toEqual([]);
    expect(offers.announcement.value).toBe("The offer of Grace (Pricing) expired");
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    emit("offer-revoked", { type: "offer-revoked", conversationId: "cnv_a", reason: "withdrawn" });
    expect(offers.announcement.value).toBe("The offer of Grace (Pricing) was withdrawn");
  });

  it("accepting asks the relay once, then shows the assigned conversation and opens it", async () => {
    const { offers, emit, requests, state } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    offers.accept("cnv_a");
    offers.accept("cnv_a"); // a double click
    expect(offers.list.value[0]?.answering).toBe("accept");
    const call = requests.take("acceptOffer");
    expect(call.args).toEqual(["cnv_a"]);
    expect(requests.calls).toEqual([]);
    const assigned = { ...pricing, status: "assigned" as const, assignee: { id: "agt_me", name: "Ada" } };
    call.resolve(assigned);
    await settle();
    expect(offers.list.value).toEqual([]);
    expect(state.upserted).toEqual([assigned]);
    expect(state.opened).toEqual(["cnv_a"]);
    expect(offers.announcement.value).toBe("You accepted Grace (Pricing)");
  });

  it("an accept that came too late drops the offer and says so; other refusals keep it", async () => {
    const { offers, emit, requests, state } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    emit("offer", { type: "offer", conversation: conversation("cnv_b"), expiresAt: 50_000 });
    offers.accept("cnv_a");
    requests
      .take("acceptOffer")
      .reject(relayError("offer-expired", "this conversation is not offered to you (any more)"));
    offers.accept("cnv_b");
    requests.take("acceptOffer").reject(relayError("over-capacity", "Ada already has 5 conversations"));
    await settle();
    expect(offers.list.value.map((o) => [o.conversation.id, o.answering])).toEqual([["cnv_b", null]]);
    expect(state.errors).toEqual([
      "Could not accept the conversation: this conversation is not offered to you (any more)",
      "Could not accept the conversation: Ada already has 5 conversations",
    ]);
    expect(state.opened).toEqual([]);
  });

  it("declining passes the offer on and does not open it", async () => {
    const { offers, emit, requests, state } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    offers.decline("cnv_a");
    requests.take("declineOffer").resolve(pricing);
    await settle();
    expect(offers.list.value).toEqual([]);
    expect(state.opened).toEqual([]);
    expect(offers.announcement.value).toBe("You declined Grace (Pricing)");
  });

  it("forgets the old socket's offers on a new welcome, and everything on reset", async () => {
    const { offers, emit, requests, state, off, listeners } = setup();
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    emit("welcome", welcome(12_000));
    expect(offers.list.value).toEqual([]);
    emit("offer", { type: "offer", conversation: pricing, expiresAt: 40_000 });
    offers.accept("cnv_a");
    offers.reset();
    for (const unsubscribe of off) unsubscribe();
    expect(listeners("offer")).toBe(0);
    requests.take("acceptOffer").resolve(pricing);
    await settle();
    // The answer belongs to a connection that is gone: nothing opens.
    expect(state.opened).toEqual([]);
    expect(offers.list.value).toEqual([]);
    expect(offers.announcement.value).toBe("");
  });
});
