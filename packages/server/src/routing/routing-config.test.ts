import { describe, expect, it } from "vitest";
import { implicitRoutingConfig, parseRoutingConfig, ROUTING_DEFAULTS } from "./routing-config.ts";

const problems = (doc: unknown) => {
  const parsed = parseRoutingConfig(doc);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`);
};

describe("parseRoutingConfig", () => {
  it("fills in defaults", () => {
    const parsed = parseRoutingConfig({ queues: [{ id: "all", strategy: "manual" }], defaultQueue: "all" });
    expect(parsed).toEqual({
      ok: true,
      config: {
        queues: [
          {
            id: "all",
            name: "all",
            strategy: "manual",
            members: null,
            skills: [],
            offerTimeoutMs: ROUTING_DEFAULTS.offerTimeoutMs,
            priority: 0,
          },
        ],
        rules: [],
        defaultQueue: "all",
      },
    });
  });

  it("names the path of every problem", () => {
    expect(
      problems({
        queues: [
          { id: "a", strategy: "fastest" },
          { id: "a", strategy: "manual", offerTimeoutMs: 10 },
        ],
        rules: [
          { when: {}, queue: "b" },
          { when: { attribute: { name: "x" } }, queue: "a" },
        ],
        defaultQueue: "z",
        extra: 1,
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^queues\[0\]\.strategy: give "round-robin", "least-busy" or "manual"/),
        expect.stringMatching(/^queues\[1\]\.offerTimeoutMs: at least 1000 ms/),
        expect.stringMatching(/^rules\[0\]\.when: a rule needs at least one condition/),
        expect.stringMatching(/^rules\[1\]\.when\.attribute: give exactly one of equals or in/),
        expect.stringMatching(/^extra: /),
      ]),
    );
    expect(
      problems({
        queues: [
          { id: "a", strategy: "manual" },
          { id: "a", strategy: "manual" },
        ],
        rules: [{ when: { plan: "x" }, queue: "b" }],
        defaultQueue: "z",
      }),
    ).toEqual([
      'queues[1].id: queue id "a" is used twice',
      'defaultQueue: no queue "z"',
      'rules[0].queue: no queue "b"',
    ]);
  });

  it("rejects business hours and SLAs clearly, for now", () => {
    expect(
      problems({ queues: [{ id: "a", strategy: "manual", businessHours: {}, sla: {} }], defaultQueue: "a" }),
    ).toEqual([
      expect.stringMatching(/^queues\[0\]\.businessHours: businessHours is not supported yet/),
      expect.stringMatching(/^queues\[0\]\.sla: sla is not supported yet/),
    ]);
  });

  it("gives apps without a document one round-robin queue of every agent", () => {
    expect(implicitRoutingConfig()).toMatchObject({
      queues: [{ id: "default", strategy: "round-robin", members: null }],
      defaultQueue: "default",
    });
  });
});
