import { describe, expect, it } from "vitest";
import { isColorScheme, isLocale } from "./look-options.ts";

describe("isColorScheme and isLocale", () => {
  it("accept the three schemes only", () => {
    expect(["light", "dark", "auto"].every(isColorScheme)).toBe(true);
    expect([undefined, "Dark", "", 1, null].some(isColorScheme)).toBe(false);
  });
  it("accept well-formed language tags only", () => {
    expect(["es", "ar-EG", "zh-Hant-TW", "he"].every(isLocale)).toBe(true);
    expect(["", "not a tag!", "e", 3, undefined, ["es"]].some(isLocale)).toBe(false);
  });
});
