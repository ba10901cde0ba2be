import { LIMITS } from "@relaydesk/sdk-types";
import { hashToken } from "../auth/tokens.ts";
import { agentIdentity, visitorIdentity } from "../relay/authenticate.ts";
import type { Identity } from "../relay/identity.ts";
import type { Storage } from "../storage/types.ts";

/**
 * Who an HTTP request speaks for, from `Authorization: Bearer <token>`. With an app id (the
 * `appId` query parameter, as on the visitor socket URL) the token must be a visitor token of that
 * app; without one, an agent token. Null for a missing, malformed or unknown token: unlike a
 * socket `hello`, an HTTP request never creates a visitor.
 */
export async function authenticateBearer(
  storage: Storage,
  authorization: string | undefined,
  appId: string | null,
): Promise<Identity | null> {
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(authorization ?? "");
  const token = match?.[1];
  if (!token || token.length > LIMITS.maxIdChars) return null;
  const tokenHash = hashToken(token);
  if (appId !== null) {
    const visitor = await storage.findVisitorByTokenHash(appId, tokenHash);
    return visitor ? visitorIdentity(visitor, tokenHash) : null;
  }
  const agent = await storage.findAgentByTokenHash(tokenHash);
  return agent ? agentIdentity(agent) : null;
}
