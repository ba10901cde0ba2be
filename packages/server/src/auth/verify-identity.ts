import { createHmac, timingSafeEqual } from "node:crypto";
import { IDENTIFY_LIMITS } from "@relaydesk/sdk-types";
import type { IdentitySecret } from "../storage/types.ts";

/** What the page sent in `identify`: an HMAC of the user id, or a signed JWT. */
export type IdentityClaim = { userId: string; signature: string } | { jwt: string };

/** Display details of the user from signed JWT claims (the HMAC mode signs the user id only). */
export interface VerifiedProfile {
  name?: string;
  email?: string;
}

export type IdentityVerdict =
  | { ok: true; userId: string; method: "hmac" | "jwt"; profile: VerifiedProfile | null }
  | { ok: false; code: "identity-invalid" | "identity-not-configured"; reason: string };

export interface VerifyIdentityInput {
  claim: IdentityClaim;
  appId: string;
  secrets: readonly IdentitySecret[];
  now: number;
}

/** Clock difference tolerated between the vendor's server and the relay for `exp`, `nbf`, `iat`. */
export const JWT_CLOCK_SKEW_MS = 60_000;
/** Longest a JWT may still be valid for: identity tokens are minted per page load, not kept. */
export const JWT_MAX_LIFETIME_MS = 24 * 60 * 60 * 1000;
const HMAC_HEX = /^[0-9a-f]{64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The secrets that verify at `now`: those without `expiresAt`, and rotated-out ones until their
 * overlap ends.
 */
export function activeSecrets(secrets: readonly IdentitySecret[], now: number): IdentitySecret[] {
  return secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
}

/**
 * The `signature` a vendor's server computes for `userId`: lowercase hex HMAC-SHA256 of the user
 * id (UTF-8) keyed with the secret string as it is (not base64-decoded).
 *
 * @example
 * hmacSignature("user-42", process.env.RELAYDESK_IDENTITY_SECRET!); // "9f2c…" (64 hex digits)
 */
export function hmacSignature(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(userId, "utf8").digest("hex");
}

/**
 * Check an `identify` claim against an app's secrets. Pure apart from hashing: no I/O, the clock
 * is `now`. Every refusal says precisely what was wrong, for the vendor's developer reading the
 * widget's console, and never quotes a secret. Signatures are compared in constant time against
 * every active secret (no early exit on the first match, so the timing does not tell which
 * secret, or how much of a signature, matched).
 *
 * @example
 * const verdict = verifyIdentity({ claim: { userId, signature }, appId, secrets: app.identitySecrets, now });
 * if (!verdict.ok) reply(verdict.code, verdict.reason);
 */
export function verifyIdentity(input: VerifyIdentityInput): IdentityVerdict {
  const secrets = activeSecrets(input.secrets, input.now);
  if (secrets.length === 0) {
    return {
      ok: false,
      code: "identity-not-configured",
      reason: `app ${input.appId} has no active identity secret (create one with: relaydesk apps secret --app ${input.appId})`,
    };
  }
  const reason =
    "jwt" in input.claim
      ? checkJwt(input.claim.jwt, input.appId, secrets, input.now)
      : checkHmac(input.claim.userId, input.claim.signature, secrets);
  if (typeof reason === "string") return { ok: false, code: "identity-invalid", reason };
  return reason;
}

function checkHmac(
  userId: string,
  signature: string,
  secrets: readonly IdentitySecret[],
): IdentityVerdict | string {
  if (!HMAC_HEX.test(signature)) {
    return "signature must be 64 lowercase hex characters: the HMAC-SHA256 of userId under the app's identity secret";
  }
  const given = Buffer.from(signature, "hex");
  const matched = anyMatches(
    secrets,
    (secret) => createHmac("sha256", secret).update(userId, "utf8").digest(),
    given,
  );
  if (!matched) return "signature does not match userId under this app's identity secret";
  return { ok: true, userId, method: "hmac", profile: null };
}

function checkJwt(
  jwt: string,
  appId: string,
  secrets: readonly IdentitySecret[],
  now: number,
): IdentityVerdict | string {
  const parts = jwt.split(".");
  if (parts.length !== 3) return "jwt must be a compact JWS: three base64url parts separated by dots";
  const [head, body, sig] = parts as [string, string, string];
  if (!BASE64URL.test(head) || !BASE64URL.test(body)) return "jwt header and payload must be base64url";

  const header = decodeJson(head);
  if (!header) return "jwt header is not a JSON object";
  if (header.alg === undefined) return "jwt header has no alg; it must be HS256";
  if (header.alg !== "HS256") return `jwt alg must be HS256, got ${JSON.stringify(header.alg).slice(0, 40)}`;
  if (header.typ !== undefined && (typeof header.typ !== "string" || header.typ.toUpperCase() !== "JWT")) {
    return "jwt typ must be JWT when present";
  }
  if (header.crit !== undefined) return "jwt crit header parameters are not supported";

  if (!BASE64URL.test(sig)) return "jwt signature must be base64url (an HS256 signature)";
  const given = Buffer.from(sig, "base64url");
  if (given.length !== 32) return "jwt signature must be 32 bytes (HS256)";
  const signingInput = `${head}.${body}`;
  const matched = anyMatches(
    secrets,
    (secret) => createHmac("sha256", secret).update(signingInput, "ascii").digest(),
    given,
  );
  if (!matched) return "jwt signature does not match this app's identity secret";

  // Only now are the claims trusted enough to be worth reading.
  const claims = decodeJson(body);
  if (!claims) return "jwt payload is not a JSON object";
  const exp = claims.exp;
  if (exp === undefined) return "jwt exp is required (seconds since the epoch; at most 24 h ahead)";
  if (!isNumericDate(exp)) return "jwt exp must be a number of seconds since the epoch";
  if (exp * 1000 <= now - JWT_CLOCK_SKEW_MS) return `jwt expired at ${iso(exp)}`;
  if (exp * 1000 - now > JWT_MAX_LIFETIME_MS + JWT_CLOCK_SKEW_MS) {
    return `jwt exp ${iso(exp)} is more than 24 h ahead; identity tokens must be short-lived`;
  }
  if (claims.nbf !== undefined) {
    if (!isNumericDate(claims.nbf)) return "jwt nbf must be a number of seconds since the epoch";
    if (claims.nbf * 1000 > now + JWT_CLOCK_SKEW_MS) return `jwt not valid before ${iso(claims.nbf)}`;
  }
  if (claims.iat !== undefined) {
    if (!isNumericDate(claims.iat)) return "jwt iat must be a number of seconds since the epoch";
    if (claims.iat * 1000 > now + JWT_CLOCK_SKEW_MS)
      return `jwt issued in the future (iat ${iso(claims.iat)})`;
  }
  const aud = claims.aud;
  const audOk = aud === appId || (Array.isArray(aud) && aud.includes(appId));
  if (!audOk) return `jwt aud must be ${appId}`;
  const sub = claims.sub;
  if (typeof sub !== "string" || sub === "") return "jwt sub must be the user id, a non-empty string";
  if (sub.length > IDENTIFY_LIMITS.maxUserIdChars) {
    return `jwt sub must be at most ${IDENTIFY_LIMITS.maxUserIdChars} characters`;
  }
  if (CONTROL.test(sub)) return "jwt sub must not contain control characters";

  const profile: VerifiedProfile = {};
  for (const [claim, max] of [
    ["name", 120],
    ["email", 254],
  ] as const) {
    const value = claims[claim];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.length > max) {
      return `jwt ${claim} must be a string of at most ${max} characters`;
    }
    profile[claim] = value;
  }
  return { ok: true, userId: sub, method: "jwt", profile };
}

/** Compare `given` with the digest under every secret, all of them, each in constant time. */
function anyMatches(
  secrets: readonly IdentitySecret[],
  digest: (secret: string) => Buffer,
  given: Buffer,
): boolean {
  let matched = false;
  for (const { secret } of secrets) {
    const expected = digest(secret);
    // Lengths are checked by the callers (32 bytes); a mismatch here would be a bug, not a guess.
    if (expected.length === given.length && timingSafeEqual(expected, given)) matched = true;
  }
  return matched;
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function iso(seconds: number): string {
  const ms = seconds * 1000;
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(seconds);
}
