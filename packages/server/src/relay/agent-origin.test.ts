import { describe, expect, it } from "vitest";
import { createAgentOriginCheck } from "./agent-origin.ts";

describe("createAgentOriginCheck", () => {
  it("lets in sockets without an Origin (bots) and the relay's own origin taken from Host", () => {
    const allowed = createAgentOriginCheck();
    expect(allowed(undefined, "relay.example:8787")).toBe(true);
    expect(allowed(undefined, undefined)).toBe(true);
    expect(allowed("http://relay.example:8787", "relay.example:8787")).toBe(true);
    expect(allowed("http://RELAY.example:8787", "relay.EXAMPLE:8787")).toBe(true);
    expect(allowed("http://127.0.0.1:8787", "127.0.0.1:8787")).toBe(true);
    expect(allowed("http://[::1]:8787", "[::1]:8787")).toBe(true);
    // Host without a port is the default port of the relay's scheme, http.
    expect(allowed("http://relay.example", "relay.example")).toBe(true);
    expect(allowed("http://relay.example:80", "relay.example")).toBe(true);
  });

  it.each([
    ["another host", "http://evil.example:8787", "relay.example:8787"],
    ["another port", "http://relay.example:8788", "relay.example:8787"],
    ["https while the relay speaks http", "https://relay.example", "relay.example"],
    ["a suffix trick", "http://relay.example.evil.example:8787", "relay.example:8787"],
    ["a trailing dot", "http://relay.example.:8787", "relay.example:8787"],
    ["Origin: null", "null", "relay.example:8787"],
    ["a path", "http://relay.example:8787/console", "relay.example:8787"],
    ["user info", "http://x@relay.example:8787", "relay.example:8787"],
    ["two joined Origin headers", "http://relay.example:8787, http://evil.example", "relay.example:8787"],
    ["no Host to compare with", "http://relay.example:8787", undefined],
    ["a Host with a path", "http://relay.example:8787", "relay.example:8787/x"],
  ])("refuses %s", (_case, origin, host) => {
    expect(createAgentOriginCheck()(origin, host)).toBe(false);
  });

  it("uses the public URL's origin instead of Host when one is configured", () => {
    const allowed = createAgentOriginCheck({ publicUrl: "https://support.example.com/relay/" });
    expect(allowed("https://support.example.com", "127.0.0.1:8787")).toBe(true);
    expect(allowed("https://support.example.com:443", "127.0.0.1:8787")).toBe(true);
    expect(allowed("http://support.example.com", "support.example.com")).toBe(false);
    // DNS rebinding: the hostile name is in both Host and Origin, and no longer matches.
    expect(allowed("http://rebound.evil.example:8787", "rebound.evil.example:8787")).toBe(false);
    expect(allowed("http://127.0.0.1:8787", "127.0.0.1:8787")).toBe(false);
  });

  it("adds the configured console origins, with * only as the port", () => {
    const allowed = createAgentOriginCheck({
      consoleOrigins: ["https://console.example.com", "http://localhost:*"],
    });
    expect(allowed("https://console.example.com", "relay.example")).toBe(true);
    expect(allowed("http://localhost:5173", "relay.example")).toBe(true);
    expect(allowed("https://evilconsole.example.com", "relay.example")).toBe(false);
    expect(() => createAgentOriginCheck({ consoleOrigins: ["https://*.example.com"] })).toThrow(
      expect.objectContaining({ code: "invalid-option" }),
    );
    expect(() => createAgentOriginCheck({ publicUrl: "support.example.com" })).toThrow(
      expect.objectContaining({ code: "invalid-option" }),
    );
  });
});
