import type { Conversation } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { currentPageOf, identityText, visitorLabel } from "./describe-conversation.ts";

const base: Conversation = {
  id: "cnv_1",
  appId: "demo",
  visitorId: "vis_3fK9aQzz",
  status: "open",
  assignee: null,
  lastSeq: 0,
  createdAt: 1,
  updatedAt: 1,
  attributes: {},
};

describe("visitorLabel and identityText", () => {
  it("names an identified visitor, and a short id otherwise", () => {
    expect(visitorLabel({ ...base, visitor: { name: "  Ada L. ", verified: false } })).toBe("Ada L.");
    expect(visitorLabel({ ...base, visitor: { name: "   ", verified: false } })).toBe("Visitor 3fK9aQ");
    expect(visitorLabel(base)).toBe("Visitor 3fK9aQ");
  });

  it("calls a profile verified only when it was signed, and an HMAC user's profile unverified", () => {
    expect(identityText({ ...base, visitor: { userId: "u1", name: "A", verified: true } })).toBe("verified");
    expect(identityText({ ...base, visitor: { userId: "u1", name: "A", verified: false } })).toBe(
      "unverified",
    );
    expect(identityText({ ...base, visitor: { verified: false } })).toBe("anonymous");
    expect(identityText(base)).toBe("anonymous");
  });
});

describe("currentPageOf", () => {
  const on = (attributes: Record<string, string>) => currentPageOf({ ...base, attributes });

  it("is the page the visitor moved on to, with its title when it has one", () => {
    const start = { pageUrl: "https://app.acme.test/pricing", pageTitle: "Pricing" };
    expect(
      on({ ...start, currentPageUrl: "https://app.acme.test/billing", currentPageTitle: "Billing" }),
    ).toEqual({
      url: "https://app.acme.test/billing",
      title: "Billing",
    });
    expect(on({ ...start, currentPageUrl: "https://app.acme.test/billing", currentPageTitle: "" })).toEqual({
      url: "https://app.acme.test/billing",
      title: null,
    });
    // The same page retitled (a single-page app's view) is news too.
    expect(on({ ...start, currentPageUrl: start.pageUrl, currentPageTitle: "Pricing — yearly" })).toEqual({
      url: start.pageUrl,
      title: "Pricing — yearly",
    });
  });

  it("is nothing while the visitor is still on the page the conversation started on, or none was said", () => {
    expect(on({})).toBeNull();
    expect(on({ pageUrl: "https://app.acme.test/pricing" })).toBeNull();
    expect(
      on({
        pageUrl: "https://app.acme.test/pricing",
        pageTitle: "Pricing",
        currentPageUrl: "https://app.acme.test/pricing",
        currentPageTitle: "Pricing",
      }),
    ).toBeNull();
  });
});
