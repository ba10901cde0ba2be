import { LIMITS } from "@relaydesk/sdk-types";
import { hashToken } from "../auth/tokens.ts";
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
  if (appId !== null) {
    const visitor = await storage.findVisitorByTokenHash(appId, hashToken(token));
    if (!visitor) return null;
    return {
      role: "visitor",
      self: { kind: "visitor", id: visitor.id },
      visitorId: visitor.id,
      appId: visitor.appId,
    };
  }
  const agent = await storage.findAgentByTokenHash(hashToken(token));
  if (!agent) return null;
  return {
    role: "agent",
    self: { kind: "agent", id: agent.id, name: agent.name },
    agentId: agent.id,
    name: agent.name,
  };
}
