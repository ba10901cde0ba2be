import { describe, expect, it } from "vitest";
import { socketUrl } from "./socket-url.ts";

const visitor = { role: "visitor", appId: "acme shop", visitorToken: "rdv_secret" } as const;
const agent = { role: "agent", agentToken: "rda_secret" } as const;

describe("socketUrl", () => {
  it("maps http(s) to ws(s) and appends /v1/ws with or without a trailing slash", () => {
    expect(socketUrl("https://relay.example.com", agent)).toBe("wss://relay.example.com/v1/ws");
    expect(socketUrl("http://localhost:8787/", agent)).toBe("ws://localhost:8787/v1/ws");
    expect(socketUrl("wss://relay.example.com/", agent)).toBe("wss://relay.example.com/v1/ws");
  });

  it("keeps a path prefix for relays mounted below the root", () => {
    expect(socketUrl("https://example.com/support/", agent)).toBe("wss://example.com/support/v1/ws");
  });

  it("puts only the encoded app id in a visitor's URL, never a token", () => {
    const url = socketUrl("https://relay.example.com?debug=1#x", visitor);
    expect(url).toBe("wss://relay.example.com/v1/ws?appId=acme+shop");
    expect(url).not.toContain("rdv_secret");
    expect(socketUrl("https://relay.example.com", agent)).not.toContain("rda_secret");
  });

  it("rejects relative URLs and other schemes with a readable error", () => {
    expect(() => socketUrl("/relay", agent)).toThrow(/absolute URL/);
    expect(() => socketUrl("ftp://relay.example.com", agent)).toThrow(/http\(s\) or ws\(s\)/);
  });
});
