import { describe, expect, it } from "vitest";
import { isOriginAllowed, normalizeOrigin } from "./origin.ts";

describe("isOriginAllowed", () => {
  const allowed = ["https://app.acme.com", "http://localhost:*", "http://10.0.0.5:8080"];

  it.each([
    ["https://app.acme.com", true],
    ["https://app.acme.com:443", true],
    ["https://APP.acme.com", true],
    ["http://localhost:5173", true],
    ["http://localhost", true],
    ["http://10.0.0.5:8080", true],
    ["http://app.acme.com", false],
    ["https://app.acme.com:8443", false],
    ["https://evil-app.acme.com", false],
    ["https://app.acme.com.evil.test", false],
    ["https://localhost:5173", false],
    ["http://10.0.0.5:8081", false],
    ["null", false],
    ["not a url", false],
    ["file://", false],
    ["https://app.acme.com.", false],
    ["https://app.acme.com/", false],
    ["https://app.acme.com/path", false],
    ["https://user@app.acme.com", false],
    ["https://app.acme.com, https://evil.test", false],
  ])("%s -> %s", (origin, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });

  it("allows nothing without an Origin header or with an empty allowlist", () => {
    expect(isOriginAllowed(undefined, allowed)).toBe(false);
    expect(isOriginAllowed("https://app.acme.com", [])).toBe(false);
  });

  it("never wildcards hosts", () => {
    expect(isOriginAllowed("https://a.acme.com", ["https://*.acme.com"])).toBe(false);
    expect(isOriginAllowed("https://acme.com", ["*"])).toBe(false);
  });
});

describe("normalizeOrigin", () => {
  it.each([
    ["https://app.acme.com", "https://app.acme.com"],
    ["HTTPS://App.Acme.COM", "https://app.acme.com"],
    ["https://app.acme.com:443", "https://app.acme.com"],
    ["http://app.acme.com:80", "http://app.acme.com"],
    ["http://app.acme.com:443", "http://app.acme.com:443"],
    ["http://[::1]:8787", "http://[::1]:8787"],
    ["https://app.acme.com.", "https://app.acme.com."],
    ["null", null],
    ["", null],
    [undefined, null],
    ["ws://app.acme.com", null],
    ["https://app.acme.com/", null],
  ])("%s -> %s", (origin, expected) => {
    expect(normalizeOrigin(origin)).toBe(expected);
  });
});
