import { describe, expect, it } from "vitest";
import { localTimeText } from "./local-time-text.ts";

describe("localTimeText", () => {
  const noonUtc = Date.UTC(2026, 0, 15, 12, 5);

  it("says the time in the visitor's zone, with the zone", () => {
    expect(localTimeText(noonUtc, "Europe/Madrid")).toBe("13:05 local time (Europe/Madrid)");
    expect(localTimeText(noonUtc, "America/New_York")).toBe("07:05 local time (America/New_York)");
    expect(localTimeText(noonUtc, "Asia/Kolkata")).toBe("17:35 local time (Asia/Kolkata)");
  });

  it("follows daylight saving time, and midnight is 00", () => {
    expect(localTimeText(Date.UTC(2026, 6, 15, 12, 5), "Europe/Madrid")).toBe(
      "14:05 local time (Europe/Madrid)",
    );
    expect(localTimeText(Date.UTC(2026, 0, 15, 23, 0), "Europe/Madrid")).toBe(
      "00:00 local time (Europe/Madrid)",
    );
  });

  it("is null for a zone this browser does not know", () => {
    expect(localTimeText(noonUtc, "Mars/Base")).toBeNull();
  });
});
