import type {
  Author,
  CannedReply,
  Conversation,
  ConversationStatus,
  Message,
  Note,
} from "@relaydesk/sdk-types";

/**
 * Durable state of the relay. Every method is asynchronous so that networked implementations
 * (PostgreSQL) satisfy the same contract as the embedded SQLite one; the contract suite in
 * `storage-contract.ts` is the definition of correct behaviour for all of them.
 *
 * Implementations MUST:
 * - make every write durable before its promise resolves (the relay acknowledges after it);
 * - assign message seqs per conversation as 1, 2, 3 ... without gaps, also under concurrent appends;
 * - treat (conversationId, clientMsgId) as unique forever: appending it again returns the
 *   originally stored message with `duplicate: true` and stores nothing (for as long as the message
 *   is kept: `pruneMessages` deletes it, and its clientMsgId with it);
 * - store tokens only as the hashes they are given (they never see raw tokens);
 * - return copies: mutating a returned object MUST NOT change stored state;
 * - reject with a `RelaydeskError` (`../errors.ts`): code `conflict` when an id or token hash is
 *   already taken, `not-found` when a referenced app, visitor or conversation does not exist
 *   (a conversation's visitor must belong to the conversation's app), `storage-closed` after
 *   `close()` (which itself may be called again and then just resolves).
 */
export interface Storage {
  /** Create or replace an app (upsert by appId). */
  putApp(app: App): Promise<void>;
  getApp(appId: string): Promise<App | null>;
  /** Every app, ordered by appId. */
  listApps(): Promise<App[]>;

  /**
   * Create an agent serving `appIds` (at least one; duplicates are ignored). Rejects with
   * `invalid-option` for an empty list and `not-found` when one of the apps does not exist.
   */
  createAgent(input: NewAgent): Promise<Agent>;
  findAgentByTokenHash(tokenHash: string): Promise<Agent | null>;
  /**
   * Replace an agent's token hash, so its previous token stops working. Null when the agent does
   * not exist; rejects with code `conflict` when another agent already has this hash.
   */
  rotateAgentToken(id: string, tokenHash: string): Promise<Agent | null>;
  /** Every agent, oldest first. */
  listAgents(): Promise<Agent[]>;

  createVisitor(input: { id: string; appId: string; tokenHash: string; createdAt: number }): Promise<Visitor>;
  /** Only a visitor of this app: a token of another app's visitor finds nothing. */
  findVisitorByTokenHash(appId: string, tokenHash: string): Promise<Visitor | null>;

  createConversation(input: NewConversation): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  /**
   * Conversations matching every given field: by default newest `updatedAt` first; with
   * `order: "oldest"`, oldest `createdAt` first and, within one millisecond, in creation order.
   */
  listConversations(filter: ConversationFilter): Promise<Conversation[]>;
  /**
   * Change status, assignee and/or routing fields; bumps `updatedAt`. Null when the conversation
   * does not exist. With `patch.expect`, the change is made only if the stored conversation still
   * matches it, checked atomically with the write; otherwise it rejects with `conflict` and
   * changes nothing (two agents claiming at once: exactly one wins).
   */
  updateConversation(id: string, patch: ConversationPatch): Promise<Conversation | null>;

  /**
   * Store a message with the next seq of its conversation, or return the stored one when its
   * clientMsgId was seen before in that conversation. Also sets the conversation's `lastSeq` and
   * `updatedAt`. Rejects with code `not-found` when the conversation is missing and with
   * `conversation-closed` when it is closed — but a clientMsgId stored before the close is still
   * returned as a duplicate.
   */
  appendMessage(input: NewMessage): Promise<{ message: Message; duplicate: boolean }>;
  /** Messages with seq > afterSeq in ascending seq order, at most `limit`. */
  listMessages(conversationId: string, afterSeq: number, limit: number): Promise<Message[]>;

  /**
   * Retention: in every conversation, delete each message up to and including the newest one
   * created before `createdBefore` (so a message with a lower seq goes even if its clock said
   * later), and move the conversation's `firstSeq` past it. What is kept of a conversation MUST
   * always be `firstSeq..lastSeq` without holes: readers tell "deleted" from "missing" by that.
   * Conversations, their `lastSeq` and the next seq are untouched. Resolves with the number of
   * messages deleted. May work in several transactions; each leaves that invariant true.
   */
  pruneMessages(createdBefore: number): Promise<number>;
  /**
   * The lowest seq `listMessages` can still return: 1 if nothing was pruned, `lastSeq + 1` when
   * every message was. Null when the conversation does not exist.
   */
  firstSeq(conversationId: string): Promise<number | null>;

  /**
   * Set an agent's routing fields (capacity, skills). Null when the agent does not exist; rejects
   * with `invalid-option` for a capacity below 1.
   */
  updateAgent(id: string, patch: AgentPatch): Promise<Agent | null>;

  /**
   * An app's routing document as last stored (already validated by its writer), or null when the
   * app has none. Storage does not interpret it.
   */
  getRoutingConfig(appId: string): Promise<unknown>;
  /** Store (replace) an app's routing document; `not-found` when the app does not exist. */
  putRoutingConfig(appId: string, config: unknown, updatedAt: number): Promise<void>;

  /** Store an internal note; `not-found` when the conversation does not exist. */
  addNote(input: NewNote): Promise<Note>;
  /** A conversation's notes, oldest first. */
  listNotes(conversationId: string): Promise<Note[]>;

  /** Store a canned reply; `conflict` when the app has one with this shortcut already. */
  addCannedReply(input: NewCannedReply): Promise<CannedReply>;
  /** An app's canned replies, by shortcut. */
  listCannedReplies(appId: string): Promise<CannedReply[]>;

  /** Flush and release resources. Later calls reject. */
  close(): Promise<void>;
}

export interface AgentPatch {
  /** Most conversations assigned at once; null = the relay's default. */
  capacity?: number | null;
  /** Replaces the skills (deduplicated, sorted). */
  skills?: string[];
}

export interface NewNote {
  id: string;
  conversationId: string;
  author: Author;
  body: string;
  createdAt: number;
}

export interface NewCannedReply {
  id: string;
  appId: string;
  shortcut: string;
  text: string;
  createdAt: number;
}

export interface App {
  appId: string;
  name: string;
  /**
   * Exact origins allowed to open visitor sockets, e.g. `https://app.example.com`. An entry may
   * use `*` for the port only (`http://localhost:*`), which the demo app uses.
   */
  allowedOrigins: string[];
  createdAt: number;
}

/**
 * `agent` answers conversations of its apps. `admin` is reserved for admin routes (there are none
 * on the socket protocol yet: admin actions are the operator's CLI); on a socket an admin is
 * scoped to its apps exactly like an agent.
 */
export type AgentRole = "agent" | "admin";

export interface Agent {
  id: string;
  name: string;
  role: AgentRole;
  /** The apps whose conversations this agent may see and answer, ordered by appId; never empty. */
  appIds: string[];
  createdAt: number;
  /** Most conversations assigned to it at once; null = the relay's default capacity. */
  capacity: number | null;
  /** What it can handle (languages, products); a queue or rule may require some. Sorted. */
  skills: string[];
}

export interface NewAgent {
  id: string;
  name: string;
  tokenHash: string;
  role: AgentRole;
  appIds: string[];
  createdAt: number;
}

export interface Visitor {
  id: string;
  appId: string;
  createdAt: number;
}

export interface NewConversation {
  id: string;
  appId: string;
  visitorId: string;
  status: ConversationStatus;
  createdAt: number;
  attributes: Record<string, string>;
  /**
   * The visitor's idempotency key for a conversation it asked to open (`start-conversation` with
   * `clientConversationId`). Unique per visitor: a second conversation of the same visitor with the
   * same key is rejected with `conflict`.
   */
  clientConversationId?: string;
}

export interface ConversationFilter {
  appId?: string;
  /** Any of these apps (an agent's apps); an empty list matches nothing. */
  appIds?: string[];
  visitorId?: string;
  /** Any of these statuses. */
  status?: ConversationStatus[];
  assigneeId?: string;
  /** The conversation opened under this key (see `NewConversation.clientConversationId`). */
  clientConversationId?: string;
  /** `"recent"` (default): newest activity first. `"oldest"`: the order a queue serves them in. */
  order?: "recent" | "oldest";
  limit?: number;
}

export interface ConversationPatch {
  status?: ConversationStatus;
  /** `null` unassigns. */
  assignee?: { id: string; name: string } | null;
  queueId?: string | null;
  priority?: number;
  waitingSince?: number;
  tags?: string[];
  updatedAt: number;
  /** Precondition, checked atomically with the write; a mismatch rejects with `conflict`. */
  expect?: { status?: ConversationStatus[]; assigneeId?: string | null };
}

export interface NewMessage {
  id: string;
  conversationId: string;
  clientMsgId: string;
  author: Author;
  kind: Message["kind"];
  body: string;
  createdAt: number;
}
