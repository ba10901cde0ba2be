import type {
  AttachmentType,
  Author,
  CannedReply,
  Conversation,
  ConversationRating,
  ConversationStatus,
  Message,
  Note,
  PrechatEntry,
  PrechatForm,
  SlaState,
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
 * - give every conversation they return its `visitor`: the visitor's user id and profile as they are
 *   at the time of the read (`{ verified: false }` for an anonymous visitor), so agents see who
 *   they talk to without another lookup;
 * - reject with a `RelaydeskError` (`../errors.ts`): code `conflict` when an id or token hash is
 *   already taken, `not-found` when a referenced app, visitor or conversation does not exist
 *   (a conversation's visitor must belong to the conversation's app), `storage-closed` after
 *   `close()` (which itself may be called again and then just resolves).
 */
/** The few fields of a conversation that access checks and signals need (see `getConversationAccess`). */
export type ConversationAccess = Pick<Conversation, "id" | "appId" | "visitorId" | "status" | "lastSeq"> & {
  assigneeId: string | null;
};

export interface Storage {
  /**
   * Create or replace an app (upsert by appId). `identitySecrets` and `requireIdentity` replace the
   * stored ones when given; when omitted, an existing app keeps its own and a new one gets none
   * and `false` (so re-registering origins never drops a secret).
   */
  putApp(app: AppInput): Promise<void>;
  getApp(appId: string): Promise<App | null>;
  /** Every app, ordered by appId. */
  listApps(): Promise<App[]>;
  /**
   * Set (or with `null` remove) an app's pre-chat form, already validated by its writer. Resolves
   * false when the app does not exist. `putApp` leaves the form as it is.
   */
  setPrechatForm(appId: string, form: PrechatForm | null): Promise<boolean>;
  /**
   * Set (or with `null` remove) the app's own webhook endpoint, already validated by its writer.
   * Resolves false when the app does not exist. `putApp` leaves it as it is.
   */
  setAppWebhook(appId: string, webhook: AppWebhook | null): Promise<boolean>;

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
  /** One agent by id (with its apps, capacity and skills), or null. */
  getAgent(id: string): Promise<Agent | null>;

  /**
   * Create a visitor with its first token. With `userId`, an identified visitor: rejects with
   * `conflict` when the app already has a visitor with that user id (or the token hash is taken).
   */
  createVisitor(input: NewVisitor): Promise<Visitor>;
  /**
   * The visitor a token belongs to. Only a visitor of this app: a token of another app's visitor
   * finds nothing, and neither does a revoked one.
   */
  findVisitorByTokenHash(appId: string, tokenHash: string): Promise<Visitor | null>;
  /** The identified visitor of this app with that user id. */
  findVisitorByUserId(appId: string, userId: string): Promise<Visitor | null>;
  /**
   * Give a visitor one more token (one per browser of an identified user). Rejects with `conflict`
   * when the hash is taken in this app, `not-found` when the visitor is not one of this app's.
   */
  addVisitorToken(input: {
    appId: string;
    visitorId: string;
    tokenHash: string;
    createdAt: number;
  }): Promise<void>;
  /** Make a token stop working. Resolves false when no such token existed in this app. */
  revokeVisitorToken(appId: string, tokenHash: string): Promise<boolean>;
  /** Replace the visitor's profile (`null` clears it). Null when the visitor does not exist. */
  updateVisitorProfile(visitorId: string, profile: VisitorProfile | null): Promise<Visitor | null>;
  /**
   * Move every conversation of one visitor to another of the same app, atomically (all or none),
   * and resolve with the moved conversations as they are now. Rejects with `not-found` when either
   * visitor is missing or they belong to different apps. A moved conversation whose
   * `clientConversationId` the target already uses loses its key (keys are unique per visitor).
   */
  moveConversations(fromVisitorId: string, toVisitorId: string): Promise<Conversation[]>;

  createConversation(input: NewConversation): Promise<Conversation>;
  getConversation(id: string): Promise<Conversation | null>;
  /**
   * Who may see a conversation and where it stands, without the rest (attributes, tags, SLA, the
   * visitor's identity): the per-request access check of the message path reads only this.
   */
  getConversationAccess(id: string): Promise<ConversationAccess | null>;
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
   * Record an uploaded file (its bytes are already on disk). Rejects with `not-found` when the
   * conversation (or app) does not exist and `conflict` when the id is taken.
   */
  createUpload(input: NewUpload): Promise<Upload>;
  getUpload(id: string): Promise<Upload | null>;
  /** How many uploads match every given field; `createdSince` counts those created at or after it. */
  countUploads(filter: UploadFilter): Promise<number>;
  /**
   * Retention of uploads: delete every upload that is unattached and created before
   * `unattachedBefore`, and every attached one whose message no longer exists (pruned). Resolves
   * with the deleted ids, so the caller removes their files; a row is gone before its file, so an
   * upload is never attached to a message after its bytes were deleted.
   */
  pruneUploads(unattachedBefore: number): Promise<string[]>;

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

  /**
   * The webhook outbox: events waiting to be POSTed to the vendor, kept durably so a restart
   * does not lose one. `conflict` for an id already queued.
   */
  addWebhookDelivery(delivery: WebhookDelivery): Promise<void>;
  /** Deliveries whose `nextAttemptAt` is at or before `now`, earliest first, at most `limit`. */
  listDueWebhookDeliveries(now: number, limit: number): Promise<WebhookDelivery[]>;
  /** The earliest `nextAttemptAt` in the outbox; null when it is empty. */
  nextWebhookAttemptAt(): Promise<number | null>;
  /** Record a failed attempt: how many so far and when to try next. False when it is not queued. */
  rescheduleWebhookDelivery(id: string, attempts: number, nextAttemptAt: number): Promise<boolean>;
  /** Take a delivery out of the outbox (delivered or given up). False when it was not queued. */
  deleteWebhookDelivery(id: string): Promise<boolean>;

  /** Flush and release resources. Later calls reject. */
  close(): Promise<void>;
}

/** One event in the webhook outbox. `body` is the exact JSON that is signed and sent. */
export interface WebhookDelivery {
  id: string;
  /** The app whose event it is: sent to that app's endpoint when it has one. Null: relay-wide. */
  appId: string | null;
  type: string;
  body: string;
  /** Failed attempts so far. */
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

/** Who uploaded a file: the message author it may later be attached by. */
export interface Uploader {
  kind: "visitor" | "agent";
  id: string;
}

export interface NewUpload {
  /** `upl_…` with at least 128 random bits; the file on disk is named after it. */
  id: string;
  appId: string;
  conversationId: string;
  uploader: Uploader;
  /** Sanitised display name. */
  name: string;
  /** Sniffed from the bytes. */
  type: AttachmentType;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  createdAt: number;
}

export interface Upload extends NewUpload {
  /** The message it is attached to; null until a `send-message` attaches it. */
  messageId: string | null;
}

export interface UploadFilter {
  conversationId?: string;
  uploader?: Uploader;
  createdSince?: number;
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
  /**
   * Keys that verify `identify` (HMAC signatures and HS256 JWTs). Kept in clear, since verifying
   * needs them: protect the database like the secrets themselves. Rotation appends a new one and
   * gives the older ones an `expiresAt`, so both verify during the overlap.
   */
  identitySecrets: IdentitySecret[];
  /** Visitors must `identify` before any other request (answered `identity-required`). */
  requireIdentity: boolean;
  /** The fields asked before a new conversation (`setPrechatForm`); null: no form. */
  prechat: PrechatForm | null;
  /** Where this app's events are POSTed (`setAppWebhook`); null: the relay-wide endpoint, if any. */
  webhook: AppWebhook | null;
}

/**
 * An app's own webhook endpoint. The secret is kept in clear, since signing needs it: protect the
 * database like the secret itself.
 */
export interface AppWebhook {
  /** An `http:` or `https:` URL. */
  url: string;
  /** Signs the app's requests (see `signWebhook`). */
  secret: string;
}

/** What `putApp` takes: an app whose identity settings may be left out (see `putApp`). */
export type AppInput = Omit<App, "identitySecrets" | "requireIdentity" | "prechat" | "webhook"> &
  Partial<Pick<App, "identitySecrets" | "requireIdentity">>;

export interface IdentitySecret {
  /** 32 random bytes, base64url; used as the HMAC key as it is (the string's UTF-8 bytes). */
  secret: string;
  createdAt: number;
  /** When it stops verifying (ms since epoch); null: until rotated. */
  expiresAt: number | null;
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
  /** The vendor's id for the signed-in user; absent for anonymous visitors. Unique per app. */
  userId?: string;
  /** Shown to agents; absent until an `identify` gave one. */
  profile?: VisitorProfile;
}

/**
 * Display details of an identified visitor. `verified` when they came from signed JWT claims; an
 * HMAC `identify` signs only the user id, so a profile sent beside it is display-only.
 */
export interface VisitorProfile {
  name?: string;
  email?: string;
  verified: boolean;
}

export interface NewVisitor {
  id: string;
  appId: string;
  /** The first token's hash; more are added with `addVisitorToken`. */
  tokenHash: string;
  createdAt: number;
  userId?: string;
  profile?: VisitorProfile;
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
  /** The visitor's checked answers to the app's pre-chat form. */
  prechat?: PrechatEntry[];
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
  /** Only conversations whose SLA clock is due at or before this time and not yet breached. */
  slaDueBy?: number;
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
  /** The SLA clock; `null` stops it. A clock without `breachedAt` is found by `slaDueBy`. */
  sla?: SlaState | null;
  /** Set once: later values are ignored (the first agent message is the first response). */
  firstResponseAt?: number;
  offlineEmail?: string;
  /** Merged into `attributes`: these keys set, the others kept (the visitor's current page). */
  attributes?: Record<string, string>;
  /** Add one to `slaBreaches` (the record that stays after the breached clock is answered). */
  countBreach?: boolean;
  /** The visitor's rating; set once (a later one is ignored: use `expect.unrated` to refuse it). */
  rating?: ConversationRating;
  /** Absent: `updatedAt` stays (a change that is not activity, such as the visitor's current page). */
  updatedAt?: number;
  /** Precondition, checked atomically with the write; a mismatch rejects with `conflict`. */
  expect?: { status?: ConversationStatus[]; assigneeId?: string | null; unrated?: true };
}

export interface NewMessage {
  id: string;
  conversationId: string;
  clientMsgId: string;
  author: Author;
  kind: Message["kind"];
  body: string;
  createdAt: number;
  /**
   * Upload ids to attach, in order. Each MUST be an upload of this conversation, by this author
   * (same kind and id), not attached yet; otherwise the append rejects with `invalid-attachment`
   * and stores nothing. A repeated clientMsgId returns the original message without this check.
   */
  attachments?: readonly string[];
}
