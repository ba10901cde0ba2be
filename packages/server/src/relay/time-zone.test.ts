import { describe, expect, it } from "vitest";
import { knownTimeZone } from "./time-zone.ts";

describe("knownTimeZone", () => {
  it("keeps IANA zones, spelled the runtime's way", () => {
    expect(knownTimeZone("Europe/Madrid")).toBe("Europe/Madrid");
    expect(knownTimeZone("america/new_york")).toBe("America/New_York");
    expect(knownTimeZone("UTC")).toBe("UTC");
    expect(knownTimeZone("Etc/GMT+5")).toBe("Etc/GMT+5");
  });

  it("drops what is not a zone name", () => {
    for (const bad of ["", "Mars/Olympus_Mons", "+01:00", "Europe/Madrid; DROP", "<b>", "x".repeat(70)]) {
      expect(knownTimeZone(bad), bad).toBeUndefined();
    }
    expect(knownTimeZone(undefined)).toBeUndefined();
  });
});
