import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createOutbox } from "./outbox.ts";

const entry = (clientMsgId: string) => ({ clientMsgId, body: `body of ${clientMsgId}` });

describe("createOutbox", () => {
  it("iterates in send order and forgets settled entries", () => {
    const outbox = createOutbox<ReturnType<typeof entry>>();
    for (const id of ["a", "b", "c"]) outbox.add(entry(id));
    expect(outbox.remove("b")?.body).toBe("body of b");
    outbox.add(entry("d"));
    expect(outbox.entries().map((e) => e.clientMsgId)).toEqual(["a", "c", "d"]);
    expect(outbox.remove("b")).toBeUndefined();
    expect(outbox.size).toBe(3);
  });

  it("keeps the order of a model list under any sequence of adds and removes", () => {
    const op = fc.record({ add: fc.boolean(), id: fc.constantFrom("a", "b", "c", "d", "e") });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const outbox = createOutbox<ReturnType<typeof entry>>();
        let model: string[] = [];
        for (const { add, id } of ops) {
          model = model.filter((m) => m !== id);
          if (add) {
            model.push(id);
            outbox.add(entry(id));
          } else {
            outbox.remove(id);
          }
        }
        expect(outbox.entries().map((e) => e.clientMsgId)).toEqual(model);
      }),
    );
  });

  it("returns a snapshot that is safe to iterate while settling entries", () => {
    const outbox = createOutbox<ReturnType<typeof entry>>();
    for (const id of ["a", "b", "c"]) outbox.add(entry(id));
    const seen: string[] = [];
    for (const e of outbox.entries()) {
      seen.push(e.clientMsgId);
      outbox.remove(e.clientMsgId);
    }
    expect(seen).toEqual(["a", "b", "c"]);
    expect(outbox.size).toBe(0);
  });
});
