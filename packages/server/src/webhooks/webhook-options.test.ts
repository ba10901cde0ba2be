import { describe, expect, it } from "vitest";
import { WEBHOOK_DEFAULTS, webhookSettings, webhookTarget } from "./webhook-options.ts";

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
      /webhook\.secret: a webhook needs a signing secret of 16 to 256 characters/,
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

describe("webhookTarget", () => {
  const names = { url: "--webhook-url", secret: "--webhook-secret" };
  it("normalises the URL and trims the secret", () => {
    expect(webhookTarget(" https://API.example.com/hook ", `  ${secret}  `, names)).toEqual({
      url: "https://api.example.com/hook",
      secret,
    });
  });

  it("refuses other schemes, a URL over 2048 characters, and a secret outside 16-256 characters", () => {
    expect(() => webhookTarget("file:///etc/passwd", secret, names)).toThrow(/^--webhook-url: give the http/);
    expect(() => webhookTarget(`https://a.example/${"x".repeat(2048)}`, secret, names)).toThrow(
      /^--webhook-url: at most 2048 characters/,
    );
    for (const bad of ["s".repeat(15), "s".repeat(257), undefined, 42])
      expect(() => webhookTarget("https://a.example/h", bad, names)).toThrow(
        /^--webhook-secret: a webhook needs a signing secret of 16 to 256 characters/,
      );
    expect(webhookTarget("https://a.example/h", "s".repeat(256), names).secret).toHaveLength(256);
  });
});
