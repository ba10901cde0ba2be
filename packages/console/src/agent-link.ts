import type { RelaydeskClient, RelaydeskErrorShape } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Conversation } from "@relaydesk/sdk-types";

/**
 * What the console's agent-work modules (offers, presence, notes, conversation actions, canned
 * replies) need from the store: they keep their own signals and requests, and hand conversations
 * and errors back to the one place that shows them. Kept small so each module is testable alone.
 */
export interface AgentLink {
  /** A conversation came back from a request: show its newest state. */
  upsertConversation(conversation: Conversation): void;
  /** Open a conversation in the main pane (loads its history, focuses the reply box). */
  openConversation(conversationId: string): void;
  /** The conversation open in the main pane, if any. */
  selectedId(): string | null;
  /** Show an error in the console's banner. */
  fail(text: string): void;
  /** The signed-in agent's display name, once the relay said it. */
  selfName(): string | null;
  /** The signed-in agent's id, once the relay said it. */
  selfId(): string | null;
}

/**
 * One module's share of a connection: `attach` subscribes to the client's events and keeps the
 * connection's agent requests; it returns what to call to unsubscribe. `reset` forgets everything
 * (sign-out, another agent). Answers that arrive for a replaced connection are dropped.
 */
export interface AgentModule {
  attach(client: RelaydeskClient, actions: AgentActions): Array<() => void>;
  reset(): void;
}

/** The relay's words for a failed request (`RelaydeskError` message), or the code. */
export function describeError(cause: unknown): string {
  const e = cause as Partial<RelaydeskErrorShape> | null;
  return e?.message || (e?.code ? String(e.code) : String(cause));
}

/** The `code` of a failed request, when it has one. */
export function errorCode(cause: unknown): string | null {
  const code = (cause as Partial<RelaydeskErrorShape> | null)?.code;
  return typeof code === "string" ? code : null;
}
