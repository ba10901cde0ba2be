import { describe, expect, it } from "vitest";
import { closestName } from "./closest-name.ts";

const COMMANDS = ["open", "close", "toggle", "on", "once", "off", "showLauncher", "sendMessage"];

describe("closestName", () => {
  it("finds the name meant despite case, a swapped, missing, extra or wrong letter", () => {
    expect(closestName("opne", COMMANDS)).toBe("open");
    expect(closestName("OPEN", COMMANDS)).toBe("open");
    expect(closestName("clse", COMMANDS)).toBe("close");
    expect(closestName("togle", COMMANDS)).toBe("toggle");
    expect(closestName("showlauncher", COMMANDS)).toBe("showLauncher");
    expect(closestName("sendMesage", COMMANDS)).toBe("sendMessage");
    expect(closestName("sendMsg", COMMANDS)).toBe(null);
  });

  it("suggests nothing for names that are not close to any", () => {
    expect(closestName("launch", COMMANDS)).toBe(null);
    expect(closestName("42", COMMANDS)).toBe(null);
    expect(closestName("", COMMANDS)).toBe(null);
  });
});
