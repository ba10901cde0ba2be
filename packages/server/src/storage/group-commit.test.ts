import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createGroupCommit, type GroupCommitWindow, type Settled } from "./group-commit.ts";

/** A batch runner that records every batch and answers each item with its double (or fails odd ones). */
function recorder(failing: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const run = (items: readonly number[]): Settled<number>[] => {
    batches.push([...items]);
    return items.map((item) =>
      failing(item) ? { ok: false, error: new Error(`item ${item} failed`) } : { ok: true, value: item * 2 },
    );
  };
  return { batches, run };
}

describe.each<GroupCommitWindow>(["immediate", "microtask"])("createGroupCommit (%s window)", (window) => {
  it("runs everything submitted together as one batch in call order, and answers each caller its own result", async () => {
    const { batches, run } = recorder();
    const commits = createGroupCommit({ run, window });
    const results = await Promise.all([1, 2, 3, 4].map((n) => commits.submit(n)));
    expect(results).toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it("settles no promise before its batch has run", async () => {
    const { batches, run } = recorder();
    const commits = createGroupCommit({ run, window });
    const seen: number[] = [];
    const done = [1, 2].map((n) => commits.submit(n).then(() => seen.push(batches.length)));
    expect(commits.pending).toBe(2);
    expect(batches).toEqual([]);
    await Promise.all(done);
    expect(seen).toEqual([1, 1]);
    expect(commits.pending).toBe(0);
  });

  it("rejects only the caller whose item failed", async () => {
    const { batches, run } = recorder((item) => item === 2);
    const commits = createGroupCommit({ run, window });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => commits.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ message: "item 2 failed" });
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("rejects every caller of a batch whose run threw, and runs the next batch normally", async () => {
    let calls = 0;
    const commits = createGroupCommit<number, number>({
      window,
      run: (items) => {
        calls += 1;
        if (calls === 1) throw new Error("disk full");
        return items.map((item) => ({ ok: true, value: item }));
      },
    });
    const first = await Promise.allSettled([1, 2].map((n) => commits.submit(n)));
    expect(first.map((o) => (o.status === "rejected" ? (o.reason as Error).message : o.value))).toEqual([
      "disk full",
      "disk full",
    ]);
    expect(await commits.submit(3)).toBe(3);
  });

  it("never puts more than maxBatch items in one batch, and keeps the order across batches", async () => {
    const { batches, run } = recorder();
    const commits = createGroupCommit({ run, window, maxBatch: 2 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => commits.submit(n)));
    expect(results).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("runs what is queued at once on flush", () => {
    const { batches, run } = recorder();
    const commits = createGroupCommit({ run, window });
    void commits.submit(1);
    void commits.submit(2);
    commits.flush();
    expect(batches).toEqual([[1, 2]]);
    expect(commits.pending).toBe(0);
  });

  it("starts a new batch for what is submitted after a batch ran", async () => {
    const { batches, run } = recorder();
    const commits = createGroupCommit({ run, window });
    await commits.submit(1);
    await commits.submit(2);
    expect(batches).toEqual([[1], [2]]);
  });
});

describe("createGroupCommit windows", () => {
  it("immediate gathers submissions from later promise callbacks of the same turn; microtask may not", async () => {
    // A request handler typically awaits a read before it appends; the immediate window still
    // puts that append in the same batch as one submitted synchronously.
    const gather = async (window: GroupCommitWindow) => {
      const { batches, run } = recorder();
      const commits = createGroupCommit({ run, window });
      const late = (async () => {
        for (let i = 0; i < 5; i++) await Promise.resolve();
        return commits.submit(2);
      })();
      await Promise.all([commits.submit(1), late]);
      return batches;
    };
    expect(await gather("immediate")).toEqual([[1, 2]]);
    expect(await gather("microtask")).toEqual([[1], [2]]);
  });

  it("immediate keeps submissions of the next turn out of a batch already running", async () => {
    const { batches, run } = recorder();
    const commits = createGroupCommit({ run, window: "immediate" });
    const first = commits.submit(1);
    await nextTurn();
    const second = commits.submit(2);
    await Promise.all([first, second]);
    expect(batches).toEqual([[1], [2]]);
  });

  it("refuses a batch size that is not a positive integer", () => {
    const { run } = recorder();
    expect(() => createGroupCommit({ run, maxBatch: 0 })).toThrow(RangeError);
    expect(() => createGroupCommit({ run, maxBatch: 1.5 })).toThrow(RangeError);
  });
});
