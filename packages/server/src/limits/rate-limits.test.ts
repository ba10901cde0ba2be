import { describe, expect, it } from "vitest";
import { LIMIT_DEFAULTS, resolveRateLimits } from "./rate-limits.ts";

describe("resolveRateLimits", () => {
  it("lays given values over the defaults, part of a rate included", () => {
    const limits = resolveRateLimits({ messagesPerVisitor: { count: 10 }, connectionsPerIp: 3 });
    expect(limits.messagesPerVisitor).toEqual({
      count: 10,
      windowMs: LIMIT_DEFAULTS.messagesPerVisitor.windowMs,
    });
    expect(limits.connectionsPerIp).toBe(3);
    expect(limits.framesPerConnection).toEqual(LIMIT_DEFAULTS.framesPerConnection);
  });

  it("refuses what is not a positive whole number, naming it", () => {
    expect(() => resolveRateLimits({ messagesPerVisitor: { count: 0 } })).toThrow(
      "limits.messagesPerVisitor.count: 0 is not a whole number",
    );
    expect(() => resolveRateLimits({ conversationsPerIp: { windowMs: 1.5 } })).toThrow(
      "limits.conversationsPerIp.windowMs: 1.5",
    );
    expect(() => resolveRateLimits({ connectionsPerIp: -1 })).toThrow("limits.connectionsPerIp: -1");
    expect(() => resolveRateLimits({ connectionsPerIp: Number.NaN })).toThrow("limits.connectionsPerIp");
    expect(() => resolveRateLimits({ messagesPerVisitor: 5 } as never)).toThrow(
      "limits.messagesPerVisitor: give { count, windowMs }",
    );
    expect(() => resolveRateLimits({ messagesPerMinute: 5 } as never)).toThrow(
      "limits.messagesPerMinute: no such limit",
    );
  });
});
