import { describe, expect, it } from "vitest";
import { pickAgent, pickLeastBusy } from "./pick-agent.ts";

const ada = { id: "agt_a", load: 2 };
const bob = { id: "agt_b", load: 1 };
const cy = { id: "agt_c", load: 1 };

describe("pickAgent (round-robin)", () => {
  it("returns null when nobody is eligible", () => {
    expect(pickAgent([], null)).toBeNull();
    expect(pickAgent([], "agt_a")).toBeNull();
  });

  it("cycles through agents in id order, whatever order they are listed in", () => {
    const picks: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 6; i++) {
      const agent: { id: string } = pickAgent([cy, ada, bob], cursor)!;
      picks.push(agent.id);
      cursor = agent.id;
    }
    expect(picks).toEqual(["agt_a", "agt_b", "agt_c", "agt_a", "agt_b", "agt_c"]);
  });

  it("neither skips nor repeats when the last picked agent went away", () => {
    expect(pickAgent([ada, cy], bob.id)).toBe(cy);
    expect(pickAgent([ada], cy.id)).toBe(ada);
  });
});

describe("pickLeastBusy", () => {
  it("picks the lowest load, counting offers planned in the same step", () => {
    expect(pickLeastBusy([ada, bob, cy], null)?.id).toBe("agt_b");
    expect(pickLeastBusy([ada, bob, cy], null, { agt_b: 1 })?.id).toBe("agt_c");
    expect(pickLeastBusy([ada, bob, cy], null, { agt_b: 2, agt_c: 2 })?.id).toBe("agt_a");
  });

  it("breaks ties round-robin from the cursor", () => {
    expect(pickLeastBusy([ada, bob, cy], "agt_b")?.id).toBe("agt_c");
    expect(pickLeastBusy([ada, bob, cy], "agt_c")?.id).toBe("agt_b");
  });
});
