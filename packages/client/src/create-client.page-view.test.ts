import { afterEach, describe, expect, it } from "vitest";
import { createTestScope, until } from "./scripted-relay.ts";

const scope = createTestScope();
afterEach(() => scope.dispose());

describe("pageView", () => {
  it("tells the relay the visitor's new page, and says it again in the hello after a reconnect", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, {
      auth: {
        role: "visitor",
        appId: "acme",
        page: { url: "https://app.acme.test/pricing", title: "Pricing", timeZone: "Europe/Madrid" },
      },
    });
    await until(() => client.state === "open", "open");
    client.pageView({ url: "https://app.acme.test/billing", title: "Billing" });
    await until(() => relay.received("page-view").length === 1, "the page view");
    expect(relay.received("page-view")).toEqual([
      { type: "page-view", page: { url: "https://app.acme.test/billing", title: "Billing" } },
    ]);

    relay.connections[0]?.drop();
    await until(() => relay.connections[1]?.hello != null, "the second hello");
    // The new page, with the time zone the app gave.
    expect(relay.connections[1]?.hello).toMatchObject({
      page: { url: "https://app.acme.test/billing", title: "Billing", timeZone: "Europe/Madrid" },
    });
  });

  it("while disconnected sends nothing, and the next hello carries the page", async () => {
    const relay = await scope.relay({ onHello: () => false });
    const client = scope.client(relay, { auth: { role: "visitor", appId: "acme" } });
    await until(() => relay.connections[0]?.hello != null, "the first hello");
    client.pageView({ url: "https://app.acme.test/docs" });
    relay.connections[0]?.drop();
    await until(() => relay.connections[1]?.hello != null, "the second hello");
    expect(relay.connections[1]?.hello).toMatchObject({ page: { url: "https://app.acme.test/docs" } });
    expect(relay.received("page-view")).toEqual([]);
  });

  it("is a visitor's: an agent's client sends nothing", async () => {
    const relay = await scope.relay();
    const client = scope.client(relay, { auth: { role: "agent", agentToken: "rda_secret" } });
    await until(() => client.state === "open", "open");
    client.pageView({ url: "https://app.acme.test/" });
    client.markRead("cnv_a", 1);
    await until(() => relay.received("read").length === 1, "the read that follows");
    expect(relay.received("page-view")).toEqual([]);
  });
});
