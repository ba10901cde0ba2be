import { createHash, randomBytes } from "node:crypto";

/**
 * A new bearer token: 32 random bytes in base64url behind a prefix that says what it is for
 * (`rdv_` visitor, `rda_` agent), so a leaked token is recognisable in a secret scanner.
 */
export function newToken(prefix: "rdv" | "rda"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/**
 * What storage keeps instead of the token. Tokens carry 256 bits of entropy, so a fast hash is
 * enough: nothing can be brute-forced, and lookup by hash stays an index hit.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new app identity secret: 32 random bytes in base64url. Vendors key HMAC-SHA256 with this
 * string as it is, so it must survive copy and paste and environment variables unchanged.
 */
export function newIdentitySecret(): string {
  return randomBytes(32).toString("base64url");
}
