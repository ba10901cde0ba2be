import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./sign-webhook.ts";

const SECRET = "whsec_0123456789abcdef";
const NOW = 1_764_000_000_000;
const T = NOW / 1000;

describe("signWebhook / verifyWebhook", () => {
  it("signs the timestamp and body with HMAC-SHA256, as the README tells receivers to check", () => {
    const body = '{"id":"evt_1","type":"sla.breached"}';
    const expected = createHmac("sha256", SECRET).update(`${T}.${body}`).digest("hex");
    expect(signWebhook(SECRET, T, body)).toBe(`t=${T},v1=${expected}`);
  });

  it("accepts its own signature and refuses any change to body, secret, time or header", () => {
    const body = '{"id":"evt_1"}';
    const header = signWebhook(SECRET, T, body);
    expect(verifyWebhook(SECRET, header, body, { now: NOW })).toBe(true);
    expect(verifyWebhook(SECRET, header, '{"id":"evt_2"}', { now: NOW })).toBe(false);
    expect(verifyWebhook(`${SECRET}x`, header, body, { now: NOW })).toBe(false);
    expect(verifyWebhook(SECRET, header, body, { now: NOW + 301_000 })).toBe(false);
    expect(verifyWebhook(SECRET, header, body, { now: NOW + 301_000, toleranceSeconds: 600 })).toBe(true);
    expect(verifyWebhook(SECRET, header.replace(`t=${T}`, `t=${T + 1}`), body, { now: NOW })).toBe(false);
    for (const bad of [undefined, "", "v1=abc", `t=${T}`, `t=x,v1=${"0".repeat(64)}`])
      expect(verifyWebhook(SECRET, bad, body, { now: NOW })).toBe(false);
    // Several v1 entries (during a secret rotation): one matching is enough.
    expect(verifyWebhook(SECRET, `${header},v1=${"0".repeat(64)}`, body, { now: NOW })).toBe(true);
  });

  it("verifies exactly the bodies it signed", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (signed, received) => {
        const header = signWebhook(SECRET, T, signed);
        expect(verifyWebhook(SECRET, header, received, { now: NOW })).toBe(signed === received);
      }),
    );
  });
});

describe("the README's verification snippet", () => {
  it("accepts what the relay signs and refuses a tampered body or an old timestamp", async () => {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(new URL("../../README.md", import.meta.url), "utf8");
    const source = /function verifyRelaydesk[\s\S]*?\n}\n/.exec(readme)?.[0];
    expect(source).toBeDefined();
    // The snippet as a module of its own, imported as a vendor's code would be (no eval).
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { pathToFileURL } = await import("node:url");
    const file = join(await mkdtemp(join(tmpdir(), "relaydesk-readme-")), "verify.mjs");
    await writeFile(file, `import { createHmac, timingSafeEqual } from "node:crypto";\nexport ${source}`);
    const { verifyRelaydesk: verify } = (await import(pathToFileURL(file).href)) as {
      verifyRelaydesk: (secret: string, header: string, body: string) => boolean;
    };
    const body = '{"id":"evt_1","type":"conversation.closed"}';
    const t = Math.floor(Date.now() / 1000);
    expect(verify(SECRET, signWebhook(SECRET, t, body), body)).toBe(true);
    expect(verify(SECRET, signWebhook(SECRET, t, body), `${body} `)).toBe(false);
    expect(verify(SECRET, signWebhook(SECRET, t - 600, body), body)).toBe(false);
    expect(verify(SECRET, "garbage", body)).toBe(false);
  });
});
