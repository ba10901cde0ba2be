import * as v from "valibot";
import { ERROR_CODES } from "../codes.ts";
import {
  type QueuesReply,
  QueuesReplySchema,
  type VisitorConversationsReply,
  VisitorConversationsReplySchema,
} from "./agent-context-frames.ts";
import {
  AuthorSchema,
  ConversationSchema,
  IdSchema,
  MessageSchema,
  ProtocolSchema,
  RequestIdSchema,
  RoleSchema,
  SeqSchema,
  TimestampSchema,
} from "./common.ts";
import { PrechatFormSchema } from "./extras-frames.ts";
import {
  AvailabilitySchema,
  type CannedReplies,
  CannedRepliesSchema,
  ClaimableSchema,
  NoteCreatedSchema,
  type NoteReply,
  NoteReplySchema,
  type NotesReply,
  NotesReplySchema,
  OfferEventSchema,
  OfferRevokedSchema,
  PresenceChangedSchema,
  type PresenceReply,
  PresenceReplySchema,
  QueuePositionSchema,
} from "./routing-frames.ts";

/**
 * A rate limit: at most `count` at once, refilled evenly over `windowMs` (a token bucket). Past
 * it, requests are answered `rate-limited` with `retryAfterMs`.
 */
export const RateSchema = v.object({
  count: v.pipe(v.number(), v.integer(), v.minValue(1)),
  windowMs: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/** The relay's answer to a valid `hello`. */
export const WelcomeSchema = v.object({
  type: v.literal("welcome"),
  protocol: ProtocolSchema,
  role: RoleSchema,
  sessionId: IdSchema,
  /** Who this connection speaks for. */
  self: AuthorSchema,
  /** Set for visitors: keep it and send it in the next `hello` to continue as the same visitor. */
  visitorToken: v.optional(IdSchema),
  serverTime: TimestampSchema,
  /** Visitors of an app with a pre-chat form: the fields to ask before a new conversation. */
  prechat: v.optional(PrechatFormSchema),
  limits: v.object({
    maxFrameBytes: v.number(),
    maxBodyChars: v.number(),
    /** The client should send `ping` at least this often (ms) when otherwise idle. */
    heartbeatIntervalMs: v.number(),
    /** The rate limits that apply to this connection, so a client can pace itself. */
    rates: v.optional(
      v.object({
        /** Every frame after `hello`. */
        framesPerConnection: RateSchema,
        /** `send-message` on this connection. */
        messagesPerConnection: RateSchema,
        /** `typing` on this connection; more are dropped without an answer. */
        typingPerConnection: RateSchema,
        /** Visitors: `send-message` over all of this visitor's connections. */
        messagesPerVisitor: v.optional(RateSchema),
        /** Visitors: new conversations from one network address. */
        conversationsPerIp: v.optional(RateSchema),
      }),
    ),
  }),
});

/** A message was stored (sent live, and replayed on resume). */
export const MessageCreatedSchema = v.object({
  type: v.literal("message-created"),
  message: MessageSchema,
});

export const ConversationCreatedSchema = v.object({
  type: v.literal("conversation-created"),
  conversation: ConversationSchema,
});

export const ConversationUpdatedSchema = v.object({
  type: v.literal("conversation-updated"),
  conversation: ConversationSchema,
});

/** Someone else in the conversation started or stopped typing. */
export const TypingEventSchema = v.object({
  type: v.literal("typing"),
  conversationId: IdSchema,
  author: AuthorSchema,
  active: v.boolean(),
});

/** Someone else in the conversation read up to `seq`. */
export const ReadEventSchema = v.object({
  type: v.literal("read"),
  conversationId: IdSchema,
  reader: AuthorSchema,
  seq: SeqSchema,
});

/** Someone else's client in the conversation has received everything up to `seq`. */
export const DeliveredEventSchema = v.object({
  type: v.literal("delivered"),
  conversationId: IdSchema,
  recipient: AuthorSchema,
  seq: SeqSchema,
});

/** Resume replay is finished: every message after the `hello.resume` seqs has been sent. */
export const SyncCompleteSchema = v.object({
  type: v.literal("sync-complete"),
  /** Newest seq per conversation visible to this connection at the end of the replay. */
  lastSeq: v.record(IdSchema, SeqSchema),
});

/**
 * Messages of a conversation the client asked for (resume replay, `get-history`) were deleted under
 * the relay's retention, so the client can no longer have a gap-free thread: it should drop what it
 * holds of this conversation. The retained messages, from `firstSeq` on, follow (in the replay, or
 * in the `history` reply this frame precedes).
 */
export const NotRecoveredSchema = v.object({
  type: v.literal("not-recovered"),
  conversationId: IdSchema,
  /** Lowest seq still stored; every seq before it was deleted (lastSeq + 1 when none is left). */
  firstSeq: v.pipe(SeqSchema, v.minValue(1)),
});

export const AckSchema = v.object({
  type: v.literal("ack"),
  replyTo: RequestIdSchema,
  messageId: IdSchema,
  conversationId: IdSchema,
  seq: v.pipe(SeqSchema, v.minValue(1)),
  createdAt: TimestampSchema,
  clientMsgId: IdSchema,
  /** True when this clientMsgId was already stored and this is the original ack again. */
  duplicate: v.boolean(),
});

export const ConversationReplySchema = v.object({
  type: v.literal("conversation"),
  replyTo: RequestIdSchema,
  conversation: ConversationSchema,
});

export const ConversationsReplySchema = v.object({
  type: v.literal("conversations"),
  replyTo: RequestIdSchema,
  conversations: v.array(ConversationSchema),
  /** Agents only: the ids among them the agent can `claim` now (see `claimable`). */
  claimable: v.optional(v.array(IdSchema)),
});

export const HistoryReplySchema = v.object({
  type: v.literal("history"),
  replyTo: RequestIdSchema,
  conversationId: IdSchema,
  messages: v.array(MessageSchema),
  /** More messages exist after the last one returned. */
  hasMore: v.boolean(),
});

export const PongSchema = v.object({
  type: v.literal("pong"),
  replyTo: v.optional(RequestIdSchema),
  t: v.optional(v.number()),
  serverTime: TimestampSchema,
});

/** Reply to `identify`: this connection now speaks for the identified user's visitor. */
export const IdentifiedSchema = v.object({
  type: v.literal("identified"),
  replyTo: RequestIdSchema,
  visitorId: IdSchema,
  /**
   * A fresh token for the identified visitor: keep it instead of the previous one and send it in
   * every later `hello`. The token this connection started with no longer works.
   */
  visitorToken: IdSchema,
  userId: v.string(),
  /** Who this connection speaks for from now on (like `welcome.self`). */
  self: AuthorSchema,
  /** Ids of the anonymous visitor's conversations that moved to the identified user. */
  carried: v.array(IdSchema),
});

export const ErrorFrameSchema = v.object({
  type: v.literal("error"),
  /** The request this answers; absent when the frame had no readable id. */
  replyTo: v.optional(RequestIdSchema),
  code: v.picklist(ERROR_CODES),
  message: v.string(),
  retry: v.boolean(),
  /** With `rate-limited`: how long to wait (ms) before the same request can succeed. */
  retryAfterMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

/** Every frame the relay sends. */
export const ServerFrameSchema = v.variant("type", [
  WelcomeSchema,
  MessageCreatedSchema,
  ConversationCreatedSchema,
  ConversationUpdatedSchema,
  TypingEventSchema,
  ReadEventSchema,
  DeliveredEventSchema,
  SyncCompleteSchema,
  NotRecoveredSchema,
  AckSchema,
  ConversationReplySchema,
  ConversationsReplySchema,
  HistoryReplySchema,
  PongSchema,
  ErrorFrameSchema,
  IdentifiedSchema,
  OfferEventSchema,
  OfferRevokedSchema,
  QueuePositionSchema,
  PresenceChangedSchema,
  NoteCreatedSchema,
  PresenceReplySchema,
  NoteReplySchema,
  NotesReplySchema,
  CannedRepliesSchema,
  AvailabilitySchema,
  QueuesReplySchema,
  VisitorConversationsReplySchema,
  ClaimableSchema,
]);

export type Rate = v.InferOutput<typeof RateSchema>;
export type Welcome = v.InferOutput<typeof WelcomeSchema>;
export type MessageCreated = v.InferOutput<typeof MessageCreatedSchema>;
export type ConversationCreated = v.InferOutput<typeof ConversationCreatedSchema>;
export type ConversationUpdated = v.InferOutput<typeof ConversationUpdatedSchema>;
export type TypingEvent = v.InferOutput<typeof TypingEventSchema>;
export type ReadEvent = v.InferOutput<typeof ReadEventSchema>;
export type DeliveredEvent = v.InferOutput<typeof DeliveredEventSchema>;
export type SyncComplete = v.InferOutput<typeof SyncCompleteSchema>;
export type NotRecovered = v.InferOutput<typeof NotRecoveredSchema>;
export type Ack = v.InferOutput<typeof AckSchema>;
export type ConversationReply = v.InferOutput<typeof ConversationReplySchema>;
export type ConversationsReply = v.InferOutput<typeof ConversationsReplySchema>;
export type HistoryReply = v.InferOutput<typeof HistoryReplySchema>;
export type Pong = v.InferOutput<typeof PongSchema>;
export type ErrorFrame = v.InferOutput<typeof ErrorFrameSchema>;
export type Identified = v.InferOutput<typeof IdentifiedSchema>;
export type ServerFrame = v.InferOutput<typeof ServerFrameSchema>;
/** Frames that answer a request (they carry `replyTo`). */
export type ReplyFrame =
  | Ack
  | ConversationReply
  | ConversationsReply
  | HistoryReply
  | Pong
  | ErrorFrame
  | Identified
  | PresenceReply
  | NoteReply
  | NotesReply
  | CannedReplies
  | QueuesReply
  | VisitorConversationsReply;
/** Frames the relay sends on its own (facts, past tense). */
export type EventFrame = Exclude<ServerFrame, ReplyFrame | Welcome>;
