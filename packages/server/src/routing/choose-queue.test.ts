import { describe, expect, it } from "vitest";
import { chooseQueue, requiredSkills } from "./choose-queue.ts";
import { parseRoutingConfig } from "./routing-config.ts";
import type { RoutingConfig } from "./types.ts";

function config(doc: unknown): RoutingConfig {
  const parsed = parseRoutingConfig(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.config;
}

const routing = config({
  queues: [
    { id: "general", strategy: "round-robin" },
    { id: "billing", strategy: "least-busy", skills: ["billing"], priority: 1 },
    { id: "vip", strategy: "round-robin", priority: 5 },
    { id: "french", strategy: "round-robin" },
  ],
  rules: [
    { when: { plan: "enterprise" }, queue: "vip", priority: 9 },
    { when: { pageUrl: "https://app.test/billing" }, queue: "billing" },
    { when: { pageUrl: "https://*.test/invoices/*" }, queue: "billing", skills: ["invoices"] },
    { when: { locale: "fr" }, queue: "french", skills: ["fr"] },
    { when: { attribute: { name: "segment", in: ["edu", "gov"] } }, queue: "vip" },
  ],
  defaultQueue: "general",
});

describe("chooseQueue", () => {
  it("takes the first matching rule, with the rule's priority and the queue's and rule's skills", () => {
    expect(chooseQueue(routing, { plan: "enterprise", pageUrl: "https://app.test/billing" })).toMatchObject({
      queue: { id: "vip" },
      priority: 9,
    });
    expect(chooseQueue(routing, { pageUrl: "https://app.test/billing/cards" })).toMatchObject({
      queue: { id: "billing" },
      skills: ["billing"],
      priority: 1,
    });
    expect(chooseQueue(routing, { pageUrl: "https://shop.test/invoices/42" })).toMatchObject({
      queue: { id: "billing" },
      skills: ["billing", "invoices"],
    });
  });

  it("matches locales by language and attributes by value", () => {
    expect(chooseQueue(routing, { locale: "fr-CA" }).queue.id).toBe("french");
    expect(chooseQueue(routing, { locale: "FR" }).queue.id).toBe("french");
    expect(chooseQueue(routing, { locale: "fy" }).queue.id).toBe("general");
    expect(chooseQueue(routing, { segment: "gov" }).queue.id).toBe("vip");
    expect(chooseQueue(routing, { segment: "retail" }).queue.id).toBe("general");
  });

  it("falls back to the default queue; a glob must match the whole URL", () => {
    expect(chooseQueue(routing, {})).toMatchObject({ queue: { id: "general" }, priority: 0, skills: [] });
    expect(chooseQueue(routing, { pageUrl: "https://shop.test/invoices" }).queue.id).toBe("general");
    expect(chooseQueue(routing, { pageUrl: "http://app.test/billing" }).queue.id).toBe("general");
  });

  it("needs the rule's skills only while the conversation is in the queue its rule chose", () => {
    const billing = routing.queues.find((q) => q.id === "billing")!;
    const general = routing.queues.find((q) => q.id === "general")!;
    const attributes = { pageUrl: "https://shop.test/invoices/42" };
    expect(requiredSkills(routing, billing, attributes)).toEqual(["billing", "invoices"]);
    expect(requiredSkills(routing, general, attributes)).toEqual([]);
  });
});
