import { describe, expect, it } from "vitest";
import { slaText } from "./sla-text.ts";

const NOW = 1_700_000_000_000;

describe("slaText", () => {
  it("says nothing when no clock runs", () => {
    expect(slaText(undefined, NOW)).toBeNull();
  });

  it("counts the time left in seconds under a minute, rounding up", () => {
    expect(slaText({ kind: "next-response", dueAt: NOW + 30_000 }, NOW)).toEqual({
      text: "Next reply due in 30 s",
      overdue: false,
    });
    expect(slaText({ kind: "next-response", dueAt: NOW + 200 }, NOW)?.text).toBe("Next reply due in 1 s");
  });

  it("counts minutes under an hour and hours beyond", () => {
    expect(slaText({ kind: "first-response", dueAt: NOW + 4 * 60_000 }, NOW)?.text).toBe(
      "First reply due in 4 min",
    );
    expect(slaText({ kind: "first-response", dueAt: NOW + 3.5 * 60_000 }, NOW)?.text).toBe(
      "First reply due in 4 min",
    );
    expect(slaText({ kind: "first-response", dueAt: NOW + 65 * 60_000 }, NOW)?.text).toBe(
      "First reply due in 1 h 5 min",
    );
    expect(slaText({ kind: "first-response", dueAt: NOW + 120 * 60_000 }, NOW)?.text).toBe(
      "First reply due in 2 h",
    );
  });

  it("says how long overdue, rounding down, once dueAt has passed", () => {
    expect(slaText({ kind: "first-response", dueAt: NOW - 150_000, breachedAt: NOW - 150_000 }, NOW)).toEqual(
      {
        text: "First reply overdue by 2 min",
        overdue: true,
      },
    );
    expect(slaText({ kind: "next-response", dueAt: NOW - 12_500 }, NOW)).toEqual({
      text: "Next reply overdue by 12 s",
      overdue: true,
    });
    expect(slaText({ kind: "next-response", dueAt: NOW }, NOW)).toEqual({
      text: "Next reply overdue",
      overdue: true,
    });
  });

  it("trusts the relay's breachedAt over a browser clock that lags", () => {
    expect(slaText({ kind: "first-response", dueAt: NOW + 2_000, breachedAt: NOW + 2_000 }, NOW)).toEqual({
      text: "First reply overdue",
      overdue: true,
    });
  });
});
