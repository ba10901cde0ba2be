import { describe, expect, it } from "vitest";
import { createMemoryBus } from "../bus/memory-bus.ts";
import { createRelay } from "../relay/create-relay.ts";
import { createSqliteStorage } from "../storage/sqlite-storage.ts";
import { checkRoutingTimings } from "./routing-timings.ts";

describe("checkRoutingTimings", () => {
  it("lets unset and in-range values through", () => {
    expect(() => checkRoutingTimings({})).not.toThrow();
    expect(() =>
      checkRoutingTimings({ defaultCapacity: 1, disconnectGraceMs: 0, signalIntervalMs: 0, slaSweepMs: 10 }),
    ).not.toThrow();
  });

  it.each([
    [{ defaultCapacity: 0 }, "defaultCapacity must be a whole number from 1 to 10000, got 0"],
    [{ offerTimeoutMs: 999 }, "offerTimeoutMs must be a whole number from 1000 to 3600000, got 999"],
    [{ disconnectGraceMs: -1 }, "disconnectGraceMs"],
    [{ awayAfterMs: 1.5 }, "awayAfterMs must be a whole number"],
    [{ signalIntervalMs: Number.NaN }, "signalIntervalMs"],
    [{ slaSweepMs: 0 }, "slaSweepMs must be a whole number from 10 to 3600000, got 0"],
  ])("refuses %j, naming it", (options, message) => {
    expect(() => checkRoutingTimings(options)).toThrow(message);
  });

  it("is what createRelay checks its options with, before it listens", async () => {
    const storage = createSqliteStorage({ path: ":memory:" });
    const bus = createMemoryBus();
    await expect(createRelay({ storage, bus, port: 0, slaSweepMs: 0 })).rejects.toMatchObject({
      code: "invalid-option",
      message: expect.stringContaining("slaSweepMs"),
    });
    await expect(
      createRelay({ storage, bus, port: 0, webhook: { url: "http://127.0.0.1:9/", secret: "short" } }),
    ).rejects.toMatchObject({ code: "invalid-option", message: expect.stringContaining("webhook.secret") });
    await bus.close();
    await storage.close();
  });
});
