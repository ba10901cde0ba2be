import type { IdentifyClaim } from "@relaydesk/client";
import { describe } from "./boot-options.ts";
import { WidgetError } from "./widget-error.ts";

/** The relay's limit on user ids (sdk-types IDENTIFY_LIMITS), restated: the bundle has no schemas. */
const MAX_USER_ID = 256;
const HMAC_HEX = /^[0-9a-f]{64}$/i;

/**
 * Check a signed-in user's claim before it goes to the relay, which verifies it: `{ userId,
 * signature }` (the hex HMAC-SHA256 of the user id) or `{ jwt }`, both made by the vendor's server.
 * Throws `WidgetError` naming what is wrong; `where` is the call it came with.
 *
 * @example checkClaim({ userId: "user-42", signature: "" }, "identify")
 * // WidgetError: identify: signature must be the 64-hex HMAC-SHA256 of userId, made by your server, got ""
 */
export function checkClaim(value: unknown, where: string): IdentifyClaim {
  const fail = (problem: string) => new WidgetError("invalid-argument", `${where}: ${problem}`);
  const got = (given: unknown) => (given === undefined ? "it is missing" : `got ${describe(given)}`);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw fail(`expects { userId, signature } or { jwt } from your server, got ${describe(value)}`);
  }
  const { userId, signature, jwt, profile, carryConversations } = value as Record<string, unknown>;
  const claim: Record<string, unknown> = {};
  if (jwt !== undefined) {
    if (typeof jwt !== "string" || jwt.trim() === "")
      throw fail(`jwt must be a non-blank string, ${got(jwt)}`);
    claim.jwt = jwt.trim();
  } else {
    if (typeof userId !== "string" || userId.trim() === "" || userId.length > MAX_USER_ID) {
      throw fail(`userId must be a non-blank string of up to ${MAX_USER_ID} characters, ${got(userId)}`);
    }
    if (typeof signature !== "string" || !HMAC_HEX.test(signature.trim())) {
      throw fail(
        `signature must be the 64-hex HMAC-SHA256 of userId, made by your server, ${got(signature)}`,
      );
    }
    claim.userId = userId;
    claim.signature = signature.trim().toLowerCase();
  }
  if (profile !== undefined) {
    if (typeof profile !== "object" || profile === null) throw fail(`profile must be { name?, email? }`);
    claim.profile = profile;
  }
  if (carryConversations !== undefined) claim.carryConversations = carryConversations === true;
  return claim as IdentifyClaim;
}
