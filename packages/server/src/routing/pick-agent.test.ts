import { describe, expect, it } from "vitest";
import { agentsOfApp, pickAgent, type RoutableAgent } from "./pick-agent.ts";

const ada = { id: "agt_a", name: "Ada", appIds: ["acme"] };
const bob = { id: "agt_b", name: "Bob", appIds: ["acme", "beta"] };
const cy = { id: "agt_c", name: "Cy", appIds: ["beta"] };

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
      const agent: RoutableAgent = pickAgent(online, cursor)!;
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

  it("picks only among the agents of the conversation's app", () => {
    const online = [ada, bob, cy];
    expect(agentsOfApp(online, "acme")).toEqual([ada, bob]);
    expect(agentsOfApp(online, "beta")).toEqual([bob, cy]);
    expect(agentsOfApp(online, "gamma")).toEqual([]);
    // The cursor is shared across apps: after Ada (acme), beta's turn goes to Bob, then Cy.
    expect(pickAgent(agentsOfApp(online, "beta"), ada.id)).toBe(bob);
    expect(pickAgent(agentsOfApp(online, "beta"), bob.id)).toBe(cy);
    expect(pickAgent(agentsOfApp(online, "gamma"), null)).toBeNull();
  });
});
