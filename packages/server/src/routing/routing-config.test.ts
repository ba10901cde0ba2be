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
            businessHours: null,
            sla: null,
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

  it("reads business hours into minutes, sorted, and SLA targets", () => {
    const parsed = parseRoutingConfig({
      queues: [
        {
          id: "a",
          strategy: "manual",
          businessHours: {
            timeZone: "Europe/Madrid",
            weekly: {
              mon: [
                ["14:00", "18:00"],
                ["09:00", "13:00"],
              ],
              sat: [["22:00", "24:00"]],
            },
            holidays: ["2026-12-25", "2026-12-25"],
          },
          sla: { firstResponseMs: 60_000 },
        },
      ],
      defaultQueue: "a",
    });
    expect(parsed.ok && parsed.config.queues[0]).toMatchObject({
      businessHours: {
        timeZone: "Europe/Madrid",
        weekly: {
          mon: [
            [540, 780],
            [840, 1080],
          ],
          sat: [[1320, 1440]],
          sun: [],
        },
        holidays: ["2026-12-25"],
      },
      sla: { firstResponseMs: 60_000, byPriority: [] },
    });
  });

  it("reads SLA targets by priority, highest first", () => {
    const parsed = parseRoutingConfig({
      queues: [
        {
          id: "a",
          strategy: "manual",
          sla: {
            firstResponseMs: 3_600_000,
            byPriority: {
              "5": { firstResponseMs: 900_000 },
              "10": { nextResponseMs: 120_000 },
              "-1": { firstResponseMs: 86_400_000 },
            },
          },
        },
        { id: "b", strategy: "manual", sla: { byPriority: { "10": { firstResponseMs: 60_000 } } } },
      ],
      defaultQueue: "a",
    });
    expect(parsed.ok && parsed.config.queues.map((q) => q.sla)).toEqual([
      {
        firstResponseMs: 3_600_000,
        byPriority: [
          { minPriority: 10, nextResponseMs: 120_000 },
          { minPriority: 5, firstResponseMs: 900_000 },
          { minPriority: -1, firstResponseMs: 86_400_000 },
        ],
      },
      { byPriority: [{ minPriority: 10, firstResponseMs: 60_000 }] },
    ]);
  });

  it("names what is wrong in SLA targets by priority", () => {
    expect(
      problems({
        queues: [
          {
            id: "a",
            strategy: "manual",
            sla: {
              byPriority: {
                urgent: { firstResponseMs: 60_000 },
                "1.5": { firstResponseMs: 60_000 },
                "2": {},
              },
            },
          },
          { id: "b", strategy: "manual", sla: { byPriority: { "3": { firstResponseMs: 500, slowMs: 1 } } } },
          { id: "c", strategy: "manual", sla: { byPriority: {} } },
        ],
        defaultQueue: "a",
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^queues\[0\]\.sla\.byPriority\.urgent: a priority, a whole number/),
        expect.stringMatching(/^queues\[0\]\.sla\.byPriority\.1\.5: a priority, a whole number/),
        expect.stringMatching(
          /^queues\[0\]\.sla\.byPriority\.2: give firstResponseMs, nextResponseMs or both/,
        ),
        expect.stringMatching(/^queues\[1\]\.sla\.byPriority\.3\.firstResponseMs: at least 1000 ms/),
        expect.stringMatching(/^queues\[1\]\.sla\.byPriority\.3\.slowMs: /),
        expect.stringMatching(
          /^queues\[2\]\.sla: give firstResponseMs, nextResponseMs, byPriority or several/,
        ),
      ]),
    );
  });

  it("names what is wrong in business hours and SLAs", () => {
    expect(
      problems({
        queues: [
          {
            id: "a",
            strategy: "manual",
            businessHours: {
              timeZone: "Mars/Olympus",
              weekly: { mon: [["22:00", "06:00"]], tue: [["9:00", "17:00"]], funday: [] },
              holidays: ["2026-02-30", "25/12/2026"],
            },
            sla: {},
          },
          { id: "b", strategy: "manual", sla: { firstResponseMs: 10, nextResponseMs: 1.5 } },
        ],
        defaultQueue: "a",
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^queues\[0\]\.businessHours\.timeZone: an IANA time zone/),
        expect.stringMatching(/^queues\[0\]\.businessHours\.weekly\.mon\[0\]: .*does not cross midnight/),
        expect.stringMatching(/^queues\[0\]\.businessHours\.weekly\.tue\[0\]\[0\]: a time "HH:MM"/),
        expect.stringMatching(/^queues\[0\]\.businessHours\.weekly\.funday: /),
        expect.stringMatching(/^queues\[0\]\.businessHours\.holidays\[0\]: a /),
        expect.stringMatching(/^queues\[0\]\.businessHours\.holidays\[1\]: a date "YYYY-MM-DD"/),
        expect.stringMatching(
          /^queues\[0\]\.sla: give firstResponseMs, nextResponseMs, byPriority or several/,
        ),
        expect.stringMatching(/^queues\[1\]\.sla\.firstResponseMs: at least 1000 ms/),
        expect.stringMatching(/^queues\[1\]\.sla\.nextResponseMs: a whole number/),
      ]),
    );
  });

  it("gives apps without a document one round-robin queue of every agent", () => {
    expect(implicitRoutingConfig()).toMatchObject({
      queues: [{ id: "default", strategy: "round-robin", members: null }],
      defaultQueue: "default",
    });
  });
});
