import { describe, expect, it } from "vitest";
import { createMessageLine } from "./message-line.ts";

describe("createMessageLine", () => {
  it("lets only its head pass and spaces retry times a token apart", () => {
    const line = createMessageLine({ tokenIntervalMs: 100, graceMs: 1_000, maxLength: 10 });
    expect(line.mayPass("a", 0)).toBe(true);
    expect(line.refuse("a", 0, 40)).toBe(40);
    expect(line.refuse("b", 0, 40)).toBe(140);
    expect(line.refuse("c", 10, 0)).toBe(230);
    expect([line.mayPass("b", 50), line.mayPass("a", 50)]).toEqual([false, true]);
    // Back early: told the same time again, its place kept.
    expect(line.refuse("b", 100, 0)).toBe(40);
    line.passed("a");
    expect(line.mayPass("c", 140)).toBe(false);
    expect(line.mayPass("b", 140)).toBe(true);
  });

  it("drops a head whose client never came back and stays bounded", () => {
    const line = createMessageLine({ tokenIntervalMs: 100, graceMs: 1_000, maxLength: 3 });
    line.refuse("a", 0, 100);
    line.refuse("b", 0, 100);
    expect(line.mayPass("b", 1_100)).toBe(false);
    expect(line.mayPass("b", 1_101)).toBe(true);
    expect(line.size).toBe(1);
    for (const id of ["c", "d", "e", "f"]) line.refuse(id, 1_101, 100);
    expect(line.size).toBe(3);
    // Not kept, but still told to wait its turn behind the others.
    expect(line.refuse("g", 1_101, 100)).toBe(1_401 - 1_101);
  });
});
