import type {
  Ack,
  AgentPresenceEntry,
  Availability,
  CannedReply,
  Claimable,
  ClientRequest,
  Conversation,
  DeliveredEvent,
  ErrorCode,
  ErrorFrame,
  HttpErrorCode,
  Identified,
  Message,
  Note,
  NoteCreated,
  OfferEvent,
  OfferRevoked,
  PresenceChanged,
  QueueInfo,
  QueuePosition,
  ReadEvent,
  ReplyFrame,
  SyncComplete,
  TypingEvent,
  VisitorConversationsReply,
  Welcome,
} from "@relaydesk/sdk-types";

/** Credentials sent in `hello`; never put in the URL (only the public app id is). */
export type ClientAuth =
  | {
      role: "visitor";
      appId: string;
      /** Token from an earlier session; omit to be issued a new visitor. */
      visitorToken?: string | undefined;
      /** Page context recorded on new conversations; `timeZone` is the visitor's IANA zone. */
      page?: { url: string; title?: string; timeZone?: string | undefined } | undefined;
    }
  | { role: "agent"; agentToken: string };

/**
 * An event handler slot. Declared with method syntax (checked bivariantly) so that both the DOM
 * `WebSocket` and Node's `ws` fit: their event classes differ, and a plain function type would
 * reject one or the other.
 */
type HandlerSlot<E> = { handle(event: E): void }["handle"] | null;

/** The subset of the WHATWG WebSocket the client needs (browsers' global, or `ws` in Node). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount?: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: HandlerSlot<unknown>;
  onmessage: HandlerSlot<{ data: unknown }>;
  onclose: HandlerSlot<{ code: number; reason: string }>;
  onerror: HandlerSlot<unknown>;
}

export type WebSocketFactory = new (url: string) => WebSocketLike;

export interface ClientOptions {
  /** Relay base URL, e.g. `wss://support.example.com` or `http://localhost:8787`. `/v1/ws` is appended. */
  url: string;
  auth: ClientAuth;
  /** WebSocket constructor; defaults to `globalThis.WebSocket`. Pass `ws` on Node < 22. */
  WebSocket?: WebSocketFactory;
  /** First reconnect delay in ms. */
  reconnectInitialDelayMs?: number;
  /** Longest reconnect delay in ms. */
  reconnectMaxDelayMs?: number;
  /** Growth factor between reconnect attempts. */
  reconnectGrowFactor?: number;
  /** How long a request waits for its reply before it is retried (outbox) or rejected (others), ms. */
  requestTimeoutMs?: number;
  /** Close and reconnect when nothing arrives from the relay for this long, ms. */
  heartbeatTimeoutMs?: number;
  /** Connect as soon as the client is created (default true). */
  autoConnect?: boolean;
  /** Source of reconnect jitter, returning [0, 1); defaults to `Math.random`. Tests pass a fixed one. */
  random?: () => number;
  /**
   * Keeps the outbox across page loads (or process restarts). Entries it loads are queued before
   * any `sendMessage` call and sent after the first `welcome`, in order, under their original
   * clientMsgId, so a message that was stored before the reload is acknowledged, not stored twice.
   * Their outcome arrives as `ack` and `send-failed` events (the promise of the call that queued
   * them is gone).
   */
  outboxStore?: OutboxStore | undefined;
}

/**
 * Where the outbox lives between runs. Synchronous, so that `localStorage` fits and nothing typed
 * before a reload can be lost to a write still on its way. A `load` or `save` that throws is
 * ignored (the outbox then lives in memory only).
 *
 * @example
 * const outboxStore: OutboxStore = {
 *   load: () => JSON.parse(localStorage.getItem("my-outbox") ?? "[]"),
 *   save: (entries) => localStorage.setItem("my-outbox", JSON.stringify(entries)),
 * };
 */
export interface OutboxStore {
  /** The entries of the last `save`, in send order. Called once, by `createClient`. */
  load(): PendingMessage[];
  /** The whole outbox, after every change: a message queued, acknowledged or refused for good. */
  save(entries: PendingMessage[]): void;
}

export type ConnectionState =
  /** Not connected and not trying (before `connect()`, after `close()`, or after a non-retryable close). */
  | "idle"
  /** Socket opening or `hello` sent, waiting for `welcome`. */
  | "connecting"
  /** `welcome` received; requests flow. */
  | "open"
  /** Lost the connection; a reconnect is scheduled. */
  | "reconnecting";

/** A message the client sent that the relay has not acknowledged yet. */
export interface PendingMessage {
  conversationId: string;
  clientMsgId: string;
  body: string;
  /** Upload ids sent with the message (see `uploadFile`); undefined when none. */
  attachments?: string[] | undefined;
  /** When `sendMessage` was called (ms since epoch). */
  queuedAt: number;
}

/** A message the relay refused for good (`conversation-closed`, `not-found`, …); it left the outbox. */
export interface SendFailure {
  message: PendingMessage;
  error: RelaydeskErrorShape;
}

/** Why the client stopped: a close code the client must not retry after. */
export interface ClientFailure {
  code: ErrorCode | null;
  closeCode: number;
  reason: string;
}

export interface ClientEvents {
  state: ConnectionState;
  welcome: Welcome;
  /** A message of any visible conversation, once per message id, in seq order per conversation. */
  message: Message;
  /** A conversation was created or changed (status, assignee). */
  conversation: Conversation;
  typing: TypingEvent;
  read: ReadEvent;
  /** Someone else's client received the conversation's messages up to `seq`. */
  delivered: DeliveredEvent;
  /** Resume replay finished after (re)connecting. */
  sync: SyncComplete;
  /**
   * Messages of this conversation that the client never delivered were deleted under the relay's
   * retention (`not-recovered`), so the thread shown cannot be gap-free: clear what is shown of this
   * conversation. The retained messages, from `firstSeq` on, follow as `message` events in order.
   */
  reset: { conversationId: string; firstSeq: number };
  /**
   * One of this client's messages is stored: once per clientMsgId, just before its `sendMessage`
   * promise resolves, and also for messages restored by `outboxStore`, which have no promise.
   */
  ack: Ack;
  /** One of this client's messages was refused for good (its promise, if any, rejects too). */
  "send-failed": SendFailure;
  /** An error frame that answered no pending request (unsolicited). */
  error: ErrorFrame;
  /** The relay closed with a non-retryable code; the client stays idle. */
  failed: ClientFailure;
  /**
   * `identify` succeeded: the connection speaks for the user's visitor now. `visitorToken`
   * replaces the previous token (which the relay revoked) and is used for every later reconnect:
   * persist it where the old one was kept.
   */
  identified: Identified;
  /** Agent: a conversation is offered to you until `expiresAt`; `acceptOffer` or `declineOffer`. */
  offer: OfferEvent;
  /** Agent: an offer to you is gone (expired, withdrawn); stop showing it. */
  "offer-revoked": OfferRevoked;
  /** Visitor: where a waiting conversation stands in its queue, and the expected wait. */
  "queue-position": QueuePosition;
  /**
   * Visitor: the queue of a waiting conversation cannot serve it now (outside business hours, or
   * nobody online), with the next opening when known; `open: true` once it can again.
   */
  availability: Availability;
  /**
   * Agent: the waiting conversations of `appId` you can `claim` now (replaces the previous set for
   * that app); sent when it changes. `agentActions(client).listConversations()` gives the set at once.
   */
  claimable: Claimable;
  /** Agent: a teammate's presence changed. */
  "presence-changed": PresenceChanged;
  /** Agent: an internal note was added to a conversation of your apps. */
  "note-created": NoteCreated;
}

/** An agent's `list-conversations` answer in full. */
export interface AgentConversationList {
  /** As `client.listConversations()` gives them. */
  conversations: Conversation[];
  /** The ids among them you can `claim` now (the `claimable` event keeps it current per app). */
  claimable: string[];
}

/** Agent-only requests (routing and agent work); each rejects with `forbidden` for a visitor. */
export interface AgentActions {
  /** The conversations of your apps, with the ids among them you can claim now. */
  listConversations(): Promise<AgentConversationList>;
  /** Take the conversation offered to you; rejects `offer-expired` once the offer is gone. */
  acceptOffer(conversationId: string): Promise<Conversation>;
  /** Pass on an offer: it goes to the next agent at once. */
  declineOffer(conversationId: string): Promise<Conversation>;
  /** Take a conversation waiting in a manual queue; rejects `already-assigned` when someone was faster. */
  claim(conversationId: string): Promise<Conversation>;
  /** Hand over to an agent or a queue; the note is internal, never shown to the visitor. */
  transfer(
    conversationId: string,
    to: { agentId: string } | { queueId: string },
    note?: string,
  ): Promise<Conversation>;
  /** Replace the conversation's tags (agents only ever see them). */
  setTags(conversationId: string, tags: string[]): Promise<Conversation>;
  /**
   * Change the conversation's priority (a whole number, higher served first): a waiting one moves
   * in its queue, and its SLA clock follows the queue's targets for it.
   */
  setPriority(conversationId: string, priority: number): Promise<Conversation>;
  /** Close the conversation: the visitor sees it closed, and may rate it. */
  closeConversation(conversationId: string): Promise<Conversation>;
  /** Open a closed conversation again, assigned to you. */
  reopenConversation(conversationId: string): Promise<Conversation>;
  /** Show as online (offers come) or away (no offers); resolves with your apps' agents' presence. */
  setPresence(status: "online" | "away"): Promise<AgentPresenceEntry[]>;
  listPresence(): Promise<AgentPresenceEntry[]>;
  /** An internal note: the agents of the app see it, the visitor never does. */
  addNote(conversationId: string, body: string): Promise<Note>;
  listNotes(conversationId: string): Promise<Note[]>;
  /** Canned replies of your apps, placeholders unfilled (fill them with `renderCanned`). */
  listCanned(): Promise<CannedReply[]>;
  /** The queues you are a member of, in every app you serve. */
  listQueues(): Promise<QueueInfo[]>;
  /** The other conversations of this conversation's visitor, newest first, with a preview each. */
  listVisitorConversations(conversationId: string): Promise<VisitorConversationsReply>;
}

export type ClientEventName = keyof ClientEvents;

export interface SendMessageOptions {
  /** Idempotency key; generated when omitted. */
  clientMsgId?: string;
  /** Ids of your uploads in the conversation (`uploadFile`), at most 10; the body may then be empty. */
  attachments?: string[];
}

export interface StartConversationOptions {
  /** Open a new conversation instead of returning the active one. */
  new?: boolean;
  /** Idempotency key for the new conversation (implies `new`); 1-128 of A-Z a-z 0-9 . _ : ~ - */
  clientConversationId?: string | undefined;
  /**
   * Answers to the app's pre-chat form (`session.prechat`) by field id, used when a conversation
   * is opened (check them with `checkPrechat` first; the relay refuses `prechat-invalid`).
   */
  prechat?: Record<string, string> | undefined;
}

/** Visitor-only requests beside chatting (see `visitorActions`). */
export interface VisitorActions {
  /** While nobody can answer (`availability`): the address to be answered at by mail. */
  leaveEmail(conversationId: string, email: string): Promise<Conversation>;
  /**
   * Rate a closed conversation 1-5, with an optional comment; once per conversation (a second
   * rating rejects with `already-rated`, an open conversation with `not-closed`).
   */
  rateConversation(conversationId: string, score: number, comment?: string): Promise<Conversation>;
}

/**
 * Proof of who the visitor is, made by the vendor's server with the app's identity secret: the hex
 * HMAC-SHA256 of `userId`, or a short-lived HS256 JWT. Never compute it in the page.
 */
export type IdentifyClaim = (
  | { userId: string; signature: string; jwt?: never }
  | { jwt: string; userId?: never; signature?: never }
) & {
  /** Shown to agents; display-only with a signature (a JWT's `name` and `email` claims win). */
  profile?: { name?: string; email?: string };
  /** Move this visitor's anonymous conversations to the user (default true). */
  carryConversations?: boolean;
};

/** An `error` frame answering a request, as a rejected promise's reason. */
export interface RelaydeskErrorShape extends Error {
  readonly code: ErrorCode | HttpErrorCode | "timeout" | "closed";
  readonly retry: boolean;
}

export interface RelaydeskClient {
  readonly state: ConnectionState;
  /** The latest `welcome`, or null before the first one. */
  readonly session: Welcome | null;
  connect(): void;
  /** Stop and do not reconnect. Pending sends stay in `pending()` and go out after `connect()`. */
  close(): void;
  on<E extends ClientEventName>(event: E, handler: (payload: ClientEvents[E]) => void): () => void;
  /**
   * Visitor only. Without options: the visitor's active conversation, created if there is none.
   * With `{ new: true }`: a new conversation even while others are active (earlier ones stay
   * readable). The call carries an idempotency key (`clientConversationId`, generated unless
   * given) that is reused when the request is resent after a lost connection, so one call opens
   * at most one conversation. Pass your own key to make a retry across page loads safe too.
   *
   * @example
   * const second = await client.startConversation({ new: true });
   */
  startConversation(options?: StartConversationOptions): Promise<Conversation>;
  /**
   * Queue a message. It is sent now if connected, otherwise on reconnect, and resent with the
   * same clientMsgId until acknowledged, so it is stored exactly once.
   */
  sendMessage(conversationId: string, body: string, options?: SendMessageOptions): Promise<Ack>;
  listConversations(): Promise<Conversation[]>;
  getHistory(
    conversationId: string,
    options?: { afterSeq?: number; limit?: number },
  ): Promise<{ messages: Message[]; hasMore: boolean }>;
  typing(conversationId: string, active: boolean): void;
  /**
   * Visitor only: the page the visitor is on now (a single-page app navigated). Sent now when
   * connected (no reply; the relay records it on the visitor's open conversations for agents) and
   * in every later `hello`, as `auth.page`, which it replaces.
   */
  pageView(page: { url: string; title?: string | undefined }): void;
  markRead(conversationId: string, seq: number): void;
  /**
   * Visitor only: become the vendor's signed-in user. Resolves with the relay's `identified`
   * reply (also emitted as the `identified` event) once the connection speaks for the user; the
   * new token is used for every later reconnect. Rejects with a `RelaydeskError` whose message
   * is the relay's: `bad-frame` (a malformed claim, e.g. "signature: signature must not be
   * empty"), `identity-invalid` (why it did not verify), `identity-not-configured` (the app has no
   * identity secret), `unknown-type` (not a visitor). A refused claim changes nothing.
   *
   * @example
   * const { userId, signature } = await fetch("/relaydesk-identity").then((r) => r.json());
   * await client.identify({ userId, signature, profile: { name: "Ada" } });
   */
  identify(claim: IdentifyClaim): Promise<Identified>;
  /** Messages sent (or restored by `outboxStore`) but not yet acknowledged, in send order. */
  pending(): PendingMessage[];
  /**
   * Any request frame and its reply of type `expected` (rejecting with the relay's error), queued
   * and resent like the others. The building block of `@relaydesk/client/agent`. Always present on
   * a client from `createClient` (optional so that test doubles of the interface need not have it).
   */
  request?<T extends ReplyFrame>(frame: ClientRequest, expected: T["type"]): Promise<T>;
}
