import { describe, expect, it } from "vitest";
import { checkPrechat } from "./check-prechat.ts";
import type { PrechatForm } from "./frames/extras-frames.ts";

const FORM: PrechatForm = [
  { id: "name", type: "name", label: "Name", required: true },
  { id: "email", type: "email", label: "Email" },
  { id: "plan", type: "select", label: "Plan", options: ["Free", "Pro"], required: true },
];

describe("checkPrechat", () => {
  it("accepts valid answers, trimmed, in the form's order, leaving out empty optional ones", () => {
    expect(checkPrechat(FORM, { plan: "Pro", email: "  ", name: " Ana " })).toEqual({
      ok: true,
      entries: [
        { id: "name", label: "Name", value: "Ana" },
        { id: "plan", label: "Plan", value: "Pro" },
      ],
    });
  });

  it("names every problem by field: required, email shape, select option, unknown, not text, too long", () => {
    expect(checkPrechat(FORM, { name: "", email: "ana@example", plan: "Gold", age: "3" })).toEqual({
      ok: false,
      problems: {
        name: "Name is required",
        email: "Email must be an address like name@example.com",
        plan: "Plan must be one of: Free, Pro",
        age: "the form has no field age",
      },
    });
    expect(checkPrechat(FORM, { name: 5, plan: "Free" })).toMatchObject({
      problems: { name: "Name must be text" },
    });
    expect(checkPrechat(FORM, { name: "x".repeat(1001), plan: "Free" })).toMatchObject({
      problems: { name: "Name must be at most 1000 characters" },
    });
  });

  it.each(["a@b.co", "first.last+tag@mail.example.org"])("takes %s as an email", (email) => {
    expect(checkPrechat(FORM, { name: "A", plan: "Free", email }).ok).toBe(true);
  });

  it.each(["a@b", "a b@c.de", "@c.de", "a@.de", "a@c..de"])("refuses %s as an email", (email) => {
    expect(checkPrechat(FORM, { name: "A", plan: "Free", email }).ok).toBe(false);
  });
});
