import { describe, expect, it } from "vitest";
import { pageContext, visitorClientOptions } from "./client-options.ts";
import type { WidgetStorage } from "./types.ts";

const stored = (value: string | null): WidgetStorage => ({
  get: () => value,
  set: () => {},
  clear: () => {},
});
const BOOT = { appId: "acme", relayUrl: "https://relay.example.com" };

describe("visitorClientOptions", () => {
  it("connects a new visitor without a token", () => {
    expect(visitorClientOptions(BOOT, stored(null), { url: "https://app.acme.com/" })).toEqual({
      url: "https://relay.example.com",
      auth: {
        role: "visitor",
        appId: "acme",
        visitorToken: undefined,
        page: { url: "https://app.acme.com/" },
      },
    });
  });

  it("leaves out a stored token the relay would refuse", () => {
    const options = visitorClientOptions(BOOT, stored("not a token <script>"));
    expect(options.auth.role === "visitor" && options.auth.visitorToken).toBeUndefined();
  });
});

describe("pageContext", () => {
  it("cuts url and title to what hello accepts", () => {
    const page = pageContext(`https://a.example/${"x".repeat(3000)}`, "t".repeat(600));
    expect(page.url).toHaveLength(2048);
    expect(page.title).toHaveLength(512);
    expect(pageContext("https://a.example/", "")).toEqual({ url: "https://a.example/" });
  });
});
