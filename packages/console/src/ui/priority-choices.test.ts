import { describe, expect, it } from "vitest";
import { priorityChoices } from "./priority-choices.ts";

describe("priorityChoices", () => {
  it("offers the four steps, highest first, with their numbers", () => {
    expect(priorityChoices(undefined).map((c) => c.label)).toEqual([
      "Urgent (20)",
      "High (10)",
      "Normal (0)",
      "Low (-10)",
    ]);
    expect(priorityChoices(10).map((c) => c.value)).toEqual([20, 10, 0, -10]);
  });

  it("keeps a priority routing gave that is not a step, in its place", () => {
    expect(priorityChoices(5).map((c) => c.label)).toEqual([
      "Urgent (20)",
      "High (10)",
      "Priority 5",
      "Normal (0)",
      "Low (-10)",
    ]);
    expect(priorityChoices(-50).at(-1)).toEqual({ value: -50, label: "Priority -50" });
  });
});
