import * as v from "valibot";
import { LIMITS, MAX_ATTACHMENTS } from "../limits.ts";
import { ListQueuesSchema, ListVisitorConversationsSchema } from "./agent-context-frames.ts";
import { IdSchema, ProtocolSchema, RequestIdSchema, ResumeSchema, SeqSchema } from "./common.ts";
import { PrechatAnswersSchema, RateConversationSchema } from "./extras-frames.ts";
import {
  AcceptOfferSchema,
  AddNoteSchema,
  ClaimSchema,
  DeclineOfferSchema,
  LeaveEmailSchema,
  ListCannedSchema,
  ListNotesSchema,
  ListPresenceSchema,
  ReopenConversationSchema,
  SetPresenceSchema,
  SetPrioritySchema,
  SetTagsSchema,
  TransferSchema,
} from "./routing-frames.ts";

export const PageSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(2048)),
  title: v.optional(v.pipe(v.string(), v.maxLength(512))),
  /**
   * The visitor's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`), so agents
   * see their local time. The relay keeps it only when it names a zone it knows.
   */
  timeZone: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

/** First frame of a visitor connection. The app id is also in the URL; both must agree. */
export const VisitorHelloSchema = v.object({
  type: v.literal("hello"),
  protocol: ProtocolSchema,
  role: v.literal("visitor"),
  appId: IdSchema,
  /** Token from an earlier `welcome`; omit on the first visit to be issued one. */
  visitorToken: v.optional(IdSchema),
  /** Last seq seen per conversation; the relay replays what is missing, then `sync-complete`. */
  resume: v.optional(ResumeSchema),
  page: v.optional(PageSchema),
});

/** First frame of an agent connection. */
export const AgentHelloSchema = v.object({
  type: v.literal("hello"),
  protocol: ProtocolSchema,
  role: v.literal("agent"),
  agentToken: IdSchema,
  resume: v.optional(ResumeSchema),
});

export const HelloSchema = v.variant("role", [VisitorHelloSchema, AgentHelloSchema]);

/**
 * Visitor: without `clientConversationId`, the visitor's active conversation, created if there is
 * none (asking twice never opens two). With it, a new conversation even while another is active;
 * asking again with the same key returns that same conversation (whatever its status), never a
 * second one, so a retry after a lost reply is safe.
 */
export const StartConversationSchema = v.object({
  type: v.literal("start-conversation"),
  id: RequestIdSchema,
  /** Idempotency key chosen by the client for one new conversation; unique per visitor. */
  clientConversationId: v.optional(IdSchema),
  /**
   * Answers to the app's pre-chat form (`welcome.prechat`), by field id. Checked (`checkPrechat`)
   * and stored on the conversation when this opens one; a new conversation of an app with a form
   * is refused `prechat-invalid` without valid answers. Ignored when an existing one is returned.
   */
  prechat: v.optional(PrechatAnswersSchema),
});

export const SendMessageSchema = v.pipe(
  v.object({
    type: v.literal("send-message"),
    id: RequestIdSchema,
    conversationId: IdSchema,
    /** Chosen by the sender; resending the same one returns the original `ack`. */
    clientMsgId: IdSchema,
    /** May be empty when `attachments` are given. */
    body: v.pipe(
      v.string(),
      v.maxLength(LIMITS.maxBodyChars, `body must be at most ${LIMITS.maxBodyChars} characters`),
    ),
    /** Ids of the sender's own unattached uploads in this conversation (`POST /v1/uploads`). */
    attachments: v.optional(
      v.pipe(
        v.array(IdSchema),
        v.minLength(1, "attachments must not be empty; leave it out instead"),
        v.maxLength(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} attachments per message`),
        v.check((ids) => new Set(ids).size === ids.length, "attachments must not repeat an id"),
      ),
    ),
  }),
  v.forward(
    v.partialCheck(
      [["body"], ["attachments"]],
      (frame) => frame.body.length > 0 || (frame.attachments?.length ?? 0) > 0,
      "body must not be empty",
    ),
    ["body"],
  ),
);

export const ListConversationsSchema = v.object({
  type: v.literal("list-conversations"),
  id: RequestIdSchema,
});

export const GetHistorySchema = v.object({
  type: v.literal("get-history"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  /** Return messages with seq greater than this (default 0). */
  afterSeq: v.optional(SeqSchema),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.maxHistoryPage))),
});

export const TypingSchema = v.object({
  type: v.literal("typing"),
  conversationId: IdSchema,
  active: v.boolean(),
});

export const ReadSchema = v.object({
  type: v.literal("read"),
  conversationId: IdSchema,
  /** Everything up to and including this seq has been read. */
  seq: SeqSchema,
});

/**
 * Visitor: the page they are on now (a single-page app navigated, the vendor called `update`).
 * Like `typing`, no reply: the relay records it on the visitor's open conversations as
 * `currentPageUrl` / `currentPageTitle`, which agents get in `conversation-updated`; conversations
 * started later take it as their page. A `hello` with a `page` says the same after a page load.
 */
export const PageViewSchema = v.object({
  type: v.literal("page-view"),
  page: PageSchema,
});

/** Everything up to and including `seq` has reached this client (shown before it is read). */
export const DeliveredSchema = v.object({
  type: v.literal("delivered"),
  conversationId: IdSchema,
  seq: SeqSchema,
});

export const PingSchema = v.object({
  type: v.literal("ping"),
  id: v.optional(RequestIdSchema),
  /** Client clock, echoed in `pong` to measure round trips. */
  t: v.optional(v.pipe(v.number(), v.finite())),
});

export const CloseConversationSchema = v.object({
  type: v.literal("close-conversation"),
  id: RequestIdSchema,
  conversationId: IdSchema,
});

/**
 * Limits of `identify`, apart from `LIMITS` because the widget bundles that object and has no use
 * for these.
 */
export const IDENTIFY_LIMITS = {
  /** Longest user id (the vendor's own id for its user), in characters. */
  maxUserIdChars: 256,
  /** Longest JWT, in characters. */
  maxJwtChars: 8192,
} as const;

/**
 * The vendor's id for its signed-in user: any text without control characters, 1 to
 * `IDENTIFY_LIMITS.maxUserIdChars` long (emails and ids like `auth0|123` are fine).
 */
export const UserIdSchema = v.pipe(
  v.string("userId must be a string"),
  v.minLength(1, "userId must not be empty"),
  v.maxLength(
    IDENTIFY_LIMITS.maxUserIdChars,
    `userId must be at most ${IDENTIFY_LIMITS.maxUserIdChars} characters`,
  ),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  v.regex(/^[^\u0000-\u001f\u007f]+$/, "userId must not contain control characters"),
);

/** Display details of an identified user, shown to agents; not verified in the HMAC mode. */
export const VisitorProfileSchema = v.object({
  name: v.optional(v.pipe(v.string(), v.maxLength(120, "profile.name must be at most 120 characters"))),
  email: v.optional(v.pipe(v.string(), v.maxLength(254, "profile.email must be at most 254 characters"))),
});

const IDENTIFY_SHAPE = "identify needs either { userId, signature } or { jwt }";

const identifyOptions = {
  /**
   * Display-only name and email for agents. In the JWT mode the token's `name` and `email` claims
   * are used instead (they are signed).
   */
  profile: v.optional(VisitorProfileSchema),
  /**
   * Whether an anonymous connection's conversations move to the identified user (default true).
   * Ignored when the connection was already identified: switching users carries nothing.
   */
  carryConversations: v.optional(v.boolean()),
};

/**
 * Visitor: become the vendor's signed-in user `userId`, proven by `signature`, the lowercase hex
 * HMAC-SHA256 of `userId` under the app's identity secret (computed on the vendor's server).
 */
export const IdentifyHmacSchema = v.object(
  {
    type: v.literal("identify"),
    id: RequestIdSchema,
    userId: v.pipe(v.string("userId must be a string"), UserIdSchema),
    signature: v.pipe(
      v.string("signature must be a string: the hex HMAC-SHA256 of userId under the app's identity secret"),
      v.minLength(1, "signature must not be empty"),
      v.maxLength(256, "signature must be at most 256 characters"),
    ),
    ...identifyOptions,
  },
  IDENTIFY_SHAPE,
);

/**
 * Visitor: become the user of a short-lived HS256 JWT signed with the app's identity secret
 * (`sub` = user id, `aud` = app id, `exp` at most 24 h ahead; optional `name`, `email`).
 */
export const IdentifyJwtSchema = v.object(
  {
    type: v.literal("identify"),
    id: RequestIdSchema,
    jwt: v.pipe(
      v.string("jwt must be a string"),
      v.minLength(1, "jwt must not be empty"),
      v.maxLength(
        IDENTIFY_LIMITS.maxJwtChars,
        `jwt must be at most ${IDENTIFY_LIMITS.maxJwtChars} characters`,
      ),
    ),
    ...identifyOptions,
  },
  IDENTIFY_SHAPE,
);

/** Every frame a visitor may send after `hello`. */
export const VisitorRequestSchema = v.variant("type", [
  StartConversationSchema,
  SendMessageSchema,
  ListConversationsSchema,
  GetHistorySchema,
  TypingSchema,
  ReadSchema,
  DeliveredSchema,
  PingSchema,
  IdentifyHmacSchema,
  IdentifyJwtSchema,
  LeaveEmailSchema,
  RateConversationSchema,
  PageViewSchema,
]);

/** Every frame an agent may send after `hello`. */
export const AgentRequestSchema = v.variant("type", [
  SendMessageSchema,
  ListConversationsSchema,
  GetHistorySchema,
  TypingSchema,
  ReadSchema,
  DeliveredSchema,
  PingSchema,
  CloseConversationSchema,
  AcceptOfferSchema,
  DeclineOfferSchema,
  ClaimSchema,
  TransferSchema,
  SetPresenceSchema,
  ListPresenceSchema,
  AddNoteSchema,
  ListNotesSchema,
  SetTagsSchema,
  SetPrioritySchema,
  ReopenConversationSchema,
  ListCannedSchema,
  ListQueuesSchema,
  ListVisitorConversationsSchema,
]);

export type VisitorHello = v.InferOutput<typeof VisitorHelloSchema>;
export type AgentHello = v.InferOutput<typeof AgentHelloSchema>;
export type Hello = v.InferOutput<typeof HelloSchema>;
export type StartConversation = v.InferOutput<typeof StartConversationSchema>;
export type SendMessage = v.InferOutput<typeof SendMessageSchema>;
export type ListConversations = v.InferOutput<typeof ListConversationsSchema>;
export type GetHistory = v.InferOutput<typeof GetHistorySchema>;
export type Typing = v.InferOutput<typeof TypingSchema>;
export type Read = v.InferOutput<typeof ReadSchema>;
export type Delivered = v.InferOutput<typeof DeliveredSchema>;
export type PageView = v.InferOutput<typeof PageViewSchema>;
export type Page = v.InferOutput<typeof PageSchema>;
export type Ping = v.InferOutput<typeof PingSchema>;
export type CloseConversation = v.InferOutput<typeof CloseConversationSchema>;
export type VisitorProfile = v.InferOutput<typeof VisitorProfileSchema>;
export type IdentifyHmac = v.InferOutput<typeof IdentifyHmacSchema>;
export type IdentifyJwt = v.InferOutput<typeof IdentifyJwtSchema>;
export type Identify = IdentifyHmac | IdentifyJwt;
export type VisitorRequest = v.InferOutput<typeof VisitorRequestSchema>;
export type AgentRequest = v.InferOutput<typeof AgentRequestSchema>;
/** Any frame a client sends. */
export type ClientFrame = Hello | VisitorRequest | AgentRequest;
/** Client frames that carry an `id` and get exactly one reply. */
export type ClientRequest = Extract<ClientFrame, { id: string }>;
