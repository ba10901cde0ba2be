import { describe, expect, it } from "vitest";
import { formatTime } from "./format-time.ts";

describe("formatTime", () => {
  const now = Date.UTC(2026, 2, 10, 12, 0);
  it("is relative within a day, in the language given", () => {
    expect(formatTime(now - 10_000, "en", now)).toBe("now");
    expect(formatTime(now - 5 * 60_000, "en", now)).toBe("5 minutes ago");
    expect(formatTime(now - 3 * 3_600_000, "es", now)).toBe("hace 3 horas");
  });
  it("is a short date and time beyond that", () => {
    const text = formatTime(now - 3 * 86_400_000, "en", now);
    expect(text).toMatch(/^Mar 7, \d\d:\d\d/);
  });
});
