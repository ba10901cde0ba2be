import { describe, expect, it } from "vitest";
import { parseLoaderConfig, widgetScriptUrl } from "./loader-config.ts";

const SRC = "https://relay.example.com/widget/loader.js";

describe("parseLoaderConfig", () => {
  it("takes the app id and defaults the relay to the loader's origin", () => {
    expect(parseLoaderConfig(SRC, { appId: "acme" })).toEqual({
      boot: { appId: "acme", relayUrl: "https://relay.example.com" },
      autoBoot: true,
    });
  });

  it("keeps data-sound and data-notifications as written, for the attention chunk to read", () => {
    expect(parseLoaderConfig(SRC, { appId: "acme", sound: "", notifications: "true" }).boot).toMatchObject({
      sound: "",
      notifications: "true",
    });
  });

  it("keeps data-locale and data-color-scheme as written, for the look chunk to check", () => {
    expect(
      parseLoaderConfig(SRC, { appId: "acme", locale: "ar-EG", colorScheme: "auto" }).boot,
    ).toMatchObject({
      locale: "ar-EG",
      colorScheme: "auto",
    });
  });

  it("uses data-relay-url when given", () => {
    const config = parseLoaderConfig("https://cdn.example.net/widget/loader.js", {
      appId: "acme",
      relayUrl: "https://support.acme.com",
    });
    expect(config.boot.relayUrl).toBe("https://support.acme.com");
  });

  it("does not boot by itself without an app id, or with data-auto-boot off", () => {
    expect(parseLoaderConfig(SRC, {}).autoBoot).toBe(false);
    expect(parseLoaderConfig(SRC, { appId: "  " }).autoBoot).toBe(false);
    for (const off of ["false", "0", "no", "OFF"]) {
      expect(parseLoaderConfig(SRC, { appId: "acme", autoBoot: off })).toEqual({
        boot: { appId: "acme", relayUrl: "https://relay.example.com" },
        autoBoot: false,
      });
    }
    expect(parseLoaderConfig(SRC, { appId: "acme", autoBoot: "true" }).autoBoot).toBe(true);
  });

  it("survives a src it cannot parse", () => {
    expect(parseLoaderConfig("", { appId: "acme" })).toEqual({ boot: { appId: "acme" }, autoBoot: true });
  });
});

describe("widgetScriptUrl", () => {
  it("points beside the loader, keeping a path prefix and dropping the query", () => {
    expect(widgetScriptUrl(SRC)).toBe("https://relay.example.com/widget/widget.js");
    expect(widgetScriptUrl("https://x.example/support/widget/loader.js?v=3")).toBe(
      "https://x.example/support/widget/widget.js",
    );
  });
});
