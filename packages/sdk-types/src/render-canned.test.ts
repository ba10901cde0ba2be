import { describe, expect, it } from "vitest";
import { renderCanned } from "./render-canned.ts";

describe("renderCanned", () => {
  it("fills every known placeholder, each as often as it occurs", () => {
    expect(
      renderCanned(
        "Hi {visitor.name} ({visitor.email}), {agent.name} here about {conversation.id}. Bye {visitor.name}!",
        {
          visitor: { name: "Ada", email: "ada@example.test" },
          agent: { name: "Bob" },
          conversation: { id: "cnv_1" },
        },
      ),
    ).toBe("Hi Ada (ada@example.test), Bob here about cnv_1. Bye Ada!");
  });

  it("empties a known placeholder without a value and keeps unknown ones for the agent to see", () => {
    expect(renderCanned("Hi {visitor.name}, see {order.id} {visitor.nme}", {})).toBe(
      "Hi , see {order.id} {visitor.nme}",
    );
  });

  it("does not re-expand placeholders that come from the values", () => {
    expect(
      renderCanned("{visitor.name}", { visitor: { name: "{agent.name}" }, agent: { name: "Bob" } }),
    ).toBe("{agent.name}");
  });
});
