import type { Conversation } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import { identityText, visitorLabel } from "./describe-conversation.ts";

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
