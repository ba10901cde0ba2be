import { describe, expect, it } from "vitest";
import { WEBHOOK_DEFAULTS, webhookSettings } from "./webhook-options.ts";

const secret = "s".repeat(16);

describe("webhookSettings", () => {
  it("fills in the defaults", () => {
    expect(webhookSettings({ url: "https://api.example.com/hook?token=abc", secret })).toEqual({
      url: "https://api.example.com/hook?token=abc",
      secret,
      ...WEBHOOK_DEFAULTS,
    });
  });

  it("refuses a URL that is not http(s) without echoing it, and a short or missing secret", () => {
    for (const url of ["ftp://example.com/x", "example.com/hook", "javascript:alert(1)", ""]) {
      expect(() =>
        webhookSettings({ url, secret }, { url: "--webhook-url", secret: "--webhook-secret" }),
      ).toThrow(/^--webhook-url: give the http\(s\) URL/);
    }
    expect(() => webhookSettings({ url: "ftp://tok3n@example.com", secret })).not.toThrow(/tok3n/);
    expect(() => webhookSettings({ url: "http://127.0.0.1:9/x", secret: "short" })).toThrow(
      /webhook\.secret: a webhook needs a signing secret of at least 16 characters/,
    );
  });

  it("names a bad retry setting", () => {
    const url = "http://127.0.0.1:9/x";
    expect(() => webhookSettings({ url, secret, maxAttempts: 0 })).toThrow(
      /webhook\.maxAttempts must be a whole number from 1 to 100, got 0/,
    );
    expect(() => webhookSettings({ url, secret, timeoutMs: 1.5 })).toThrow(/webhook\.timeoutMs/);
    expect(() => webhookSettings({ url, secret, retryBaseMs: 10, retryMaxMs: 5 })).toThrow(
      /webhook\.retryMaxMs \(5\) must not be below webhook\.retryBaseMs \(10\)/,
    );
  });
});
