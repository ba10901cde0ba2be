import type { Hello } from "@relaydesk/sdk-types";
import { hashToken, newToken } from "../auth/tokens.ts";
import { newId } from "../ids.ts";
import type { Agent, Storage, Visitor } from "../storage/types.ts";
import type { ClosingCode } from "./close-socket.ts";
import type { AgentIdentity, Identity, VisitorIdentity } from "./identity.ts";

export type AuthResult = { ok: true; identity: Identity } | { ok: false; code: ClosingCode; reason: string };

/**
 * Turn a valid `hello` into an identity. Visitors never fail on their token: an unknown or
 * foreign one (another app's, a wiped database) just starts a new anonymous visitor, which is
 * what the widget needs to recover on its own. Agents must present a known token.
 *
 * `urlAppId` is the app id from the socket URL, already checked against the app's origins at
 * upgrade; a visitor hello must name the same app, or the origin check would not cover it, and an
 * agent hello must come on a socket without one (checked against the agents' origins instead).
 */
export async function authenticate(
  storage: Storage,
  hello: Hello,
  urlAppId: string | null,
  now: number,
): Promise<AuthResult> {
  if (hello.role === "agent") {
    // `?appId=` sockets passed the app's origin check, not the agents' one: an agent hello there
    // would let any page of any app's allowed origins open an agent socket.
    if (urlAppId !== null) return { ok: false, code: "bad-hello", reason: "agent hello on a visitor socket" };
    const agent = await storage.findAgentByTokenHash(hashToken(hello.agentToken));
    if (!agent) return { ok: false, code: "unauthorized", reason: "unknown agent token" };
    return { ok: true, identity: agentIdentity(agent) };
  }
  if (urlAppId === null) return { ok: false, code: "bad-hello", reason: "visitor socket without ?appId" };
  if (hello.appId !== urlAppId)
    return { ok: false, code: "bad-hello", reason: "hello appId differs from URL" };

  if (hello.visitorToken !== undefined) {
    const tokenHash = hashToken(hello.visitorToken);
    const visitor = await storage.findVisitorByTokenHash(hello.appId, tokenHash);
    if (visitor) return { ok: true, identity: visitorIdentity(visitor, tokenHash) };
  }
  const token = newToken("rdv");
  const tokenHash = hashToken(token);
  const visitor = await storage.createVisitor({
    id: newId("vis"),
    appId: hello.appId,
    tokenHash,
    createdAt: now,
  });
  return { ok: true, identity: { ...visitorIdentity(visitor, tokenHash), issuedToken: token } };
}

/** The identity of a connection (or HTTP request) speaking for `agent`. */
export function agentIdentity(agent: Agent): AgentIdentity {
  return {
    role: "agent",
    self: { kind: "agent", id: agent.id, name: agent.name },
    agentId: agent.id,
    name: agent.name,
    agentRole: agent.role,
    appIds: agent.appIds,
  };
}

/**
 * The identity of a connection speaking for `visitor` with the token hashed as `tokenHash`. An
 * identified visitor's messages carry its profile name (display-only unless it came from a JWT).
 */
export function visitorIdentity(visitor: Visitor, tokenHash: string): VisitorIdentity {
  const name = visitor.profile?.name;
  return {
    role: "visitor",
    self: { kind: "visitor", id: visitor.id, ...(name ? { name } : {}) },
    visitorId: visitor.id,
    appId: visitor.appId,
    tokenHash,
    ...(visitor.userId !== undefined ? { userId: visitor.userId } : {}),
  };
}
