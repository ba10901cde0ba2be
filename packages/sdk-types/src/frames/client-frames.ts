import * as v from "valibot";
import { LIMITS } from "../limits.ts";
import {
  IdSchema,
  MessageBodySchema,
  ProtocolSchema,
  RequestIdSchema,
  ResumeSchema,
  SeqSchema,
} from "./common.ts";
import {
  AcceptOfferSchema,
  AddNoteSchema,
  ClaimSchema,
  DeclineOfferSchema,
  ListCannedSchema,
  ListNotesSchema,
  ListPresenceSchema,
  ReopenConversationSchema,
  SetPresenceSchema,
  SetTagsSchema,
  TransferSchema,
} from "./routing-frames.ts";

const PageSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(2048)),
  title: v.optional(v.pipe(v.string(), v.maxLength(512))),
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
});

export const SendMessageSchema = v.object({
  type: v.literal("send-message"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  /** Chosen by the sender; resending the same one returns the original `ack`. */
  clientMsgId: IdSchema,
  body: MessageBodySchema,
});

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
  t: v.optional(v.number()),
});

export const CloseConversationSchema = v.object({
  type: v.literal("close-conversation"),
  id: RequestIdSchema,
  conversationId: IdSchema,
});

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
  ReopenConversationSchema,
  ListCannedSchema,
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
export type Ping = v.InferOutput<typeof PingSchema>;
export type CloseConversation = v.InferOutput<typeof CloseConversationSchema>;
export type VisitorRequest = v.InferOutput<typeof VisitorRequestSchema>;
export type AgentRequest = v.InferOutput<typeof AgentRequestSchema>;
/** Any frame a client sends. */
export type ClientFrame = Hello | VisitorRequest | AgentRequest;
/** Client frames that carry an `id` and get exactly one reply. */
export type ClientRequest = Extract<ClientFrame, { id: string }>;
