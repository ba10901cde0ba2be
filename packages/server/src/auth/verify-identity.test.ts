import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { IdentitySecret } from "../storage/types.ts";
import { activeSecrets, hmacSignature, verifyIdentity } from "./verify-identity.ts";

const NOW = 1_750_000_000_000;
const SECRET = "k3Y-of-the-app_0123456789abcdefghijklmnopq";
const OLD = "the-previous-secret_0123456789abcdefghijkl";
const secrets: IdentitySecret[] = [{ secret: SECRET, createdAt: NOW - 1000, expiresAt: null }];
const s = (seconds: number) => Math.floor((NOW + seconds * 1000) / 1000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An HS256 JWT made by hand, the way the tests need to bend it. */
function jwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
) {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
}

const good = { sub: "user-42", aud: "acme", exp: s(600), iat: s(0), name: "Ada", email: "ada@acme.test" };

const verify = (claim: Parameters<typeof verifyIdentity>[0]["claim"], secretList = secrets, now = NOW) =>
  verifyIdentity({ claim, appId: "acme", secrets: secretList, now });

describe("verifyIdentity: HMAC", () => {
  it("accepts the lowercase hex HMAC-SHA256 of the user id", () => {
    const signature = createHmac("sha256", SECRET).update("user-42").digest("hex");
    expect(hmacSignature("user-42", SECRET)).toBe(signature);
    expect(verify({ userId: "user-42", signature })).toEqual({
      ok: true,
      userId: "user-42",
      method: "hmac",
      profile: null,
    });
  });

  it.each([
    ["another user's signature", "user-43", hmacSignature("user-42", SECRET), "does not match userId"],
    [
      "a signature under another secret",
      "user-42",
      hmacSignature("user-42", "nope"),
      "does not match userId",
    ],
    ["uppercase hex", "user-42", hmacSignature("user-42", SECRET).toUpperCase(), "64 lowercase hex"],
    ["a truncated signature", "user-42", hmacSignature("user-42", SECRET).slice(0, 63), "64 lowercase hex"],
    ["a signature with more digits", "user-42", `${hmacSignature("user-42", SECRET)}00`, "64 lowercase hex"],
    ["the secret itself", "user-42", SECRET, "64 lowercase hex"],
  ])("rejects %s with a reason that names no secret", (_, userId, signature, why) => {
    const verdict = verify({ userId, signature });
    expect(verdict).toMatchObject({ ok: false, code: "identity-invalid" });
    expect(!verdict.ok && verdict.reason).toContain(why);
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
  });
});

describe("verifyIdentity: JWT", () => {
  it("accepts a short-lived HS256 token for this app, with its name and email", () => {
    expect(verify({ jwt: jwt(good) })).toEqual({
      ok: true,
      userId: "user-42",
      method: "jwt",
      profile: { name: "Ada", email: "ada@acme.test" },
    });
    expect(verify({ jwt: jwt({ ...good, aud: ["other", "acme"] }, { alg: "HS256" }) })).toMatchObject({
      ok: true,
    });
  });

  it("allows 60 s of clock skew on exp, nbf and iat", () => {
    expect(verify({ jwt: jwt({ ...good, exp: s(-30) }) })).toMatchObject({ ok: true });
    expect(verify({ jwt: jwt({ ...good, nbf: s(30), iat: s(30) }) })).toMatchObject({ ok: true });
  });

  const tampered = () => {
    const [head, , sig] = jwt(good).split(".");
    return `${head}.${b64({ ...good, sub: "admin" })}.${sig}`;
  };
  const unsigned = `${b64({ alg: "none" })}.${b64(good)}.`;
  const noneSigned = (() => {
    const input = `${b64({ alg: "none", typ: "JWT" })}.${b64(good)}`;
    return `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
  })();

  it.each([
    ["alg none with an empty signature", unsigned, 'jwt alg must be HS256, got "none"'],
    ["alg none, even correctly signed", noneSigned, 'jwt alg must be HS256, got "none"'],
    ["alg RS256", jwt(good, { alg: "RS256" }), 'jwt alg must be HS256, got "RS256"'],
    ["alg HS512", jwt(good, { alg: "HS512" }), "jwt alg must be HS256"],
    ["no alg", jwt(good, { typ: "JWT" }), "jwt header has no alg"],
    ["a typ other than JWT", jwt(good, { alg: "HS256", typ: "at+jwt" }), "jwt typ must be JWT"],
    ["a crit header", jwt(good, { alg: "HS256", crit: ["exp"] }), "crit"],
    ["a tampered payload", tampered(), "jwt signature does not match this app's identity secret"],
    ["two parts", "abc.def", "three base64url parts"],
    ["a header that is not JSON", "bm90IGpzb24.e30.AAAA", "jwt header is not a JSON object"],
    ["a short signature", `${b64({ alg: "HS256" })}.${b64(good)}.AAAA`, "32 bytes"],
    ["another app's aud", jwt({ ...good, aud: "other" }), "jwt aud must be acme"],
    ["no aud", jwt({ ...good, aud: undefined }), "jwt aud must be acme"],
    ["no exp", jwt({ ...good, exp: undefined }), "jwt exp is required"],
    ["exp as a string", jwt({ ...good, exp: String(s(600)) }), "jwt exp must be a number"],
    [
      "an expired token",
      jwt({ ...good, exp: s(-61) }),
      `jwt expired at ${new Date(s(-61) * 1000).toISOString()}`,
    ],
    ["a token valid for more than 24 h", jwt({ ...good, exp: s(25 * 3600) }), "more than 24 h ahead"],
    ["a token not valid yet", jwt({ ...good, nbf: s(120) }), "jwt not valid before"],
    ["a token issued in the future", jwt({ ...good, iat: s(120) }), "jwt issued in the future"],
    ["no sub", jwt({ ...good, sub: undefined }), "jwt sub must be the user id"],
    ["an empty sub", jwt({ ...good, sub: "" }), "jwt sub must be the user id"],
    ["a numeric sub", jwt({ ...good, sub: 42 }), "jwt sub must be the user id"],
    ["a name that is not a string", jwt({ ...good, name: { first: "A" } }), "jwt name must be a string"],
  ])("rejects %s", (_, token, why) => {
    const verdict = verify({ jwt: token });
    expect(verdict).toMatchObject({ ok: false, code: "identity-invalid" });
    expect(!verdict.ok && verdict.reason).toContain(why);
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
  });
});

describe("rotation and configuration", () => {
  const rotated: IdentitySecret[] = [
    { secret: OLD, createdAt: NOW - 10_000, expiresAt: NOW + 3_600_000 },
    { secret: SECRET, createdAt: NOW - 1_000, expiresAt: null },
  ];

  it("verifies with the previous secret until its overlap ends, then only with the new one", () => {
    const byOld = { userId: "user-42", signature: hmacSignature("user-42", OLD) };
    const byNew = { userId: "user-42", signature: hmacSignature("user-42", SECRET) };
    expect(verify(byOld, rotated)).toMatchObject({ ok: true });
    expect(verify(byNew, rotated)).toMatchObject({ ok: true });
    const later = NOW + 3_600_000;
    expect(verify(byOld, rotated, later)).toMatchObject({ ok: false, code: "identity-invalid" });
    expect(verify(byNew, rotated, later)).toMatchObject({ ok: true });
    expect(activeSecrets(rotated, later).map((x) => x.secret)).toEqual([SECRET]);
  });

  it("answers identity-not-configured when the app has no active secret", () => {
    const signature = hmacSignature("user-42", SECRET);
    expect(verify({ userId: "user-42", signature }, [])).toMatchObject({
      ok: false,
      code: "identity-not-configured",
      reason: expect.stringContaining("relaydesk apps secret --app acme"),
    });
    const expired = [{ secret: SECRET, createdAt: 0, expiresAt: NOW }];
    expect(verify({ jwt: jwt(good) }, expired)).toMatchObject({ ok: false, code: "identity-not-configured" });
  });
});
