import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Claimant, claimRefusal } from "./claim-refusal.ts";

const manual = { id: "triage", strategy: "manual" as const, members: ["agt_ada", "agt_bob"] };
const waiting = { appId: "acme", status: "open", assigned: false, skills: ["billing"] };
const ada: Claimant = {
  id: "agt_ada",
  appIds: ["acme"],
  skills: ["billing", "fr"],
  capacity: 2,
  assigned: 1,
};

describe("claimRefusal", () => {
  it("lets a member with the skills and room claim a waiting conversation of a manual queue", () => {
    expect(claimRefusal(waiting, manual, ada)).toBeNull();
    expect(claimRefusal(waiting, { ...manual, members: null }, ada)).toBeNull();
  });

  it("names why anyone else may not", () => {
    const code = (...args: Parameters<typeof claimRefusal>) => claimRefusal(...args)?.code;
    expect(code({ ...waiting, assigned: true }, manual, ada)).toBe("already-assigned");
    expect(code({ ...waiting, status: "closed" }, manual, ada)).toBe("already-assigned");
    expect(code(waiting, { ...manual, strategy: "round-robin" }, ada)).toBe("not-manual");
    expect(code(waiting, undefined, ada)).toBe("not-manual");
    expect(code(waiting, manual, { ...ada, id: "agt_cy" })).toBe("not-a-member");
    expect(code(waiting, manual, { ...ada, appIds: ["other"] })).toBe("not-a-member");
    expect(claimRefusal(waiting, manual, { ...ada, skills: ["fr"] })).toEqual({
      code: "not-a-member",
      message: "this conversation needs the skills: billing",
    });
    expect(code(waiting, manual, { ...ada, assigned: 2 })).toBe("over-capacity");
  });

  it("accepts exactly the member with every skill and room, whatever the inputs", () => {
    const skill = fc.constantFrom("a", "b", "c");
    fc.assert(
      fc.property(
        fc.array(skill),
        fc.array(skill),
        fc.option(fc.array(fc.constantFrom("agt_ada", "agt_bob")), { nil: null }),
        fc.nat(5),
        fc.integer({ min: 1, max: 5 }),
        (needed, has, members, assigned, capacity) => {
          const ok =
            claimRefusal(
              { ...waiting, skills: needed },
              { ...manual, members },
              { ...ada, skills: has, assigned, capacity },
            ) === null;
          const expected =
            (members === null || members.includes("agt_ada")) &&
            needed.every((s) => has.includes(s)) &&
            assigned < capacity;
          expect(ok).toBe(expected);
        },
      ),
    );
  });
});
