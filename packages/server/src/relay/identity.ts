import type { Author } from "@relaydesk/sdk-types";
import type { AgentRole } from "../storage/types.ts";

/**
 * Who a connection speaks for, settled by `hello`. A visitor connection's identity changes once
 * more on each accepted `identify` (see requests/identify.ts); an agent's is fixed.
 */
export type Identity = VisitorIdentity | AgentIdentity;

export interface VisitorIdentity {
  role: "visitor";
  self: Author;
  visitorId: string;
  appId: string;
  /** Set when this hello created the visitor: the raw token, sent once in `welcome`. */
  issuedToken?: string;
  /** Hash of the token this connection authenticated with; `identify` revokes it. */
  tokenHash: string;
  /** The vendor's user id once identified (by `identify`, or a token `identified` issued). */
  userId?: string;
}

export interface AgentIdentity {
  role: "agent";
  self: Author;
  agentId: string;
  name: string;
  /** Reserved for admin routes; the socket protocol has no admin-only frame (see README). */
  agentRole: AgentRole;
  /**
   * The apps this agent serves, read at hello: every request checks a conversation's app against
   * it. A change to an agent's apps takes effect on its next connection.
   */
  appIds: readonly string[];
}
