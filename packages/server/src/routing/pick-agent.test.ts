import { describe, expect, it } from "vitest";
import { pickAgent } from "./pick-agent.ts";

const ada = { id: "agt_a", name: "Ada" };
const bob = { id: "agt_b", name: "Bob" };
const cy = { id: "agt_c", name: "Cy" };

describe("pickAgent", () => {
  it("returns null when nobody is online", () => {
    expect(pickAgent([], null)).toBeNull();
    expect(pickAgent([], "agt_a")).toBeNull();
  });

  it("cycles through agents in id order, whatever order they are listed in", () => {
    const online = [cy, ada, bob];
    const picks: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 6; i++) {
      const agent: { id: string; name: string } = pickAgent(online, cursor)!;
      picks.push(agent.name);
      cursor = agent.id;
    }
    expect(picks).toEqual(["Ada", "Bob", "Cy", "Ada", "Bob", "Cy"]);
  });

  it("neither skips nor repeats when the last picked agent went offline", () => {
    // Bob was picked last and left; the next in line is still Cy, not Ada again.
    expect(pickAgent([ada, cy], bob.id)).toBe(cy);
    expect(pickAgent([ada], cy.id)).toBe(ada);
  });
});
