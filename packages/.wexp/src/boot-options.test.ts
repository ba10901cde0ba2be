import { describe, expect, it } from "vitest";
import { resolveBootOptions } from "./boot-options.ts";
import { WidgetError } from "./widget-error.ts";

describe("resolveBootOptions", () => {
  it("fills from defaults and normalises the relay URL", () => {
    expect(resolveBootOptions(undefined, { appId: "acme", relayUrl: "http://127.0.0.1:8787/" })).toEqual({
      appId: "acme",
      relayUrl: "http://127.0.0.1:8787",
    });
    expect(resolveBootOptions({ relayUrl: "wss://r.example/base/" }, { appId: "acme" }).relayUrl).toBe(
      "wss://r.example/base",
    );
  });

  it("passes sound and notifications on as given, boot's over the script tag's", () => {
    const tag = { appId: "acme", relayUrl: "https://r.example", sound: "", notifications: "false" };
    expect(resolveBootOptions(undefined, tag)).toMatchObject({ sound: "", notifications: "false" });
    expect(resolveBootOptions({ sound: false, notifications: true }, tag)).toMatchObject({
      sound: false,
      notifications: true,
    });
  });

  it.each([
    [42, 'boot expects an options object such as { appId: "acme" }, got number 42'],
    [{ relayUrl: "https://r.example" }, "boot needs an appId"],
    [
      { appId: "has space", relayUrl: "https://r.example" },
      'appId must be up to 128 letters, digits or . _ : ~ -, got "has space"',
    ],
    [{ appId: "acme" }, "boot needs a relayUrl"],
    [{ appId: "acme", relayUrl: "javascript:alert(1)" }, "relayUrl must be an absolute http(s) or ws(s) URL"],
    [{ appId: "acme", relayUrl: "/relative" }, "relayUrl must be an absolute"],
  ])("rejects %j with a readable message", (options, message) => {
    expect(() => resolveBootOptions(options)).toThrow(WidgetError);
    expect(() => resolveBootOptions(options)).toThrow(message);
  });
});
