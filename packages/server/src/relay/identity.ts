import type { Author } from "@relaydesk/sdk-types";

/** Who a connection speaks for, settled by `hello` and fixed for the connection's life. */
export type Identity = VisitorIdentity | AgentIdentity;

export interface VisitorIdentity {
  role: "visitor";
  self: Author;
  visitorId: string;
  appId: string;
  /** Set when this hello created the visitor: the raw token, sent once in `welcome`. */
  issuedToken?: string;
}

export interface AgentIdentity {
  role: "agent";
  self: Author;
  agentId: string;
  name: string;
}
