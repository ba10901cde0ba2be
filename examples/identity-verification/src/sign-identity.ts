import { createHmac } from "node:crypto";

/**
 * What a vendor's server computes for its signed-in user, with nothing but node:crypto and the
 * app's identity secret (from `relaydesk apps secret --app <appId>`). The secret stays on the
 * server; the page only ever sees the result.
 */

/** HMAC mode: lowercase hex HMAC-SHA256 of the user id, keyed with the secret string as it is. */
export function signUserId(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(userId, "utf8").digest("hex");
}

export interface IdentityJwtInput {
  userId: string;
  appId: string;
  secret: string;
  /** Signed, so agents can trust them (the HMAC mode signs the user id only). */
  name?: string;
  email?: string;
  /** Lifetime; the relay refuses tokens valid for more than 24 h. Default 10 minutes. */
  ttlSeconds?: number;
  now?: number;
}

/** JWT mode: a compact HS256 JWT with `sub` (user id), `aud` (app id), `iat`, `exp`. */
export function identityJwt(input: IdentityJwtInput): string {
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const claims = {
    sub: input.userId,
    aud: input.appId,
    iat,
    exp: iat + (input.ttlSeconds ?? 600),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signingInput = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  const signature = createHmac("sha256", input.secret).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}
