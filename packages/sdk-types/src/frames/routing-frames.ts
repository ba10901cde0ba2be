import * as v from "valibot";
import {
  AuthorSchema,
  ConversationSchema,
  IdSchema,
  MessageBodySchema,
  PrioritySchema,
  RequestIdSchema,
  TimestampSchema,
} from "./common.ts";

// Routing and agent work: offers, presence, transfers, internal notes, tags, canned replies.
// Kept apart from the messaging frames; client-frames.ts and server-frames.ts list them in their
// unions.

/** What an agent can set itself to; `offline` is what having no socket open means. */
export const SetPresenceStatusSchema = v.picklist(["online", "away"]);
export const PresenceStatusSchema = v.picklist(["online", "away", "offline"]);

/** A tag agents put on a conversation: 1–40 characters, no control characters. */
export const TagSchema = v.pipe(
  v.string(),
  v.minLength(1, "a tag must not be empty"),
  v.maxLength(40, "a tag must be at most 40 characters"),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  v.regex(/^[^\u0000-\u001f\u007f]+$/, "a tag must not contain control characters"),
);

/**
 * An internal note: written by an agent, seen by the agents of the conversation's app only. Not a
 * `Message`: messages share one gap-free seq sequence with the visitor, and a note taking a seq
 * would leave the visitor a hole it could never fill.
 */
export const NoteSchema = v.object({
  id: IdSchema,
  conversationId: IdSchema,
  author: AuthorSchema,
  kind: v.literal("note"),
  body: v.string(),
  createdAt: TimestampSchema,
});

export const CannedReplySchema = v.object({
  id: IdSchema,
  /** What the agent types to find it, e.g. `refund`. */
  shortcut: v.string(),
  /** The text, with placeholders such as `{visitor.name}` (see `renderCanned`). */
  text: v.string(),
});

export const AgentPresenceSchema = v.object({
  id: IdSchema,
  name: v.string(),
  status: PresenceStatusSchema,
});

const conversationRequest = <T extends string>(type: T) =>
  v.object({ type: v.literal(type), id: RequestIdSchema, conversationId: IdSchema });

/** Agent: take the conversation offered to you. */
export const AcceptOfferSchema = conversationRequest("accept-offer");
/** Agent: pass on the conversation offered to you; it is offered to the next agent at once. */
export const DeclineOfferSchema = conversationRequest("decline-offer");
/** Agent: take a waiting conversation of a `manual` queue you are a member of. First come wins. */
export const ClaimSchema = conversationRequest("claim");
/** Agent: open a closed conversation again; it is assigned to you. */
export const ReopenConversationSchema = conversationRequest("reopen-conversation");
/** Agent: the internal notes of a conversation, oldest first. */
export const ListNotesSchema = conversationRequest("list-notes");

export const TransferSchema = v.object({
  type: v.literal("transfer"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  /** An agent of the conversation's app (assigned at once), or a queue (waits there to be offered). */
  to: v.union([v.object({ agentId: IdSchema }), v.object({ queueId: IdSchema })]),
  /** Kept as an internal note: never shown to the visitor. */
  note: v.optional(MessageBodySchema),
});

export const SetPresenceSchema = v.object({
  type: v.literal("set-presence"),
  id: RequestIdSchema,
  status: SetPresenceStatusSchema,
});

export const ListPresenceSchema = v.object({ type: v.literal("list-presence"), id: RequestIdSchema });

export const AddNoteSchema = v.object({
  type: v.literal("add-note"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  body: MessageBodySchema,
});

export const SetTagsSchema = v.object({
  type: v.literal("set-tags"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  /** The whole set (replaces the previous one); duplicates are dropped. */
  tags: v.pipe(v.array(TagSchema), v.maxLength(20, "at most 20 tags")),
});

/**
 * Agent: change a conversation's priority (higher is served first). A waiting conversation moves
 * to its new place in its queue at once; a running SLA clock is measured again against the
 * queue's targets for the new priority. A bad value is refused `bad-frame`.
 */
export const SetPrioritySchema = v.object({
  type: v.literal("set-priority"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  priority: PrioritySchema,
});

export const ListCannedSchema = v.object({ type: v.literal("list-canned"), id: RequestIdSchema });

/** Longest email `leave-email` takes (RFC 5321's path limit). */
export const MAX_EMAIL_CHARS = 254;

/**
 * Visitor: the address to answer at while nobody is there (after `availability` said so). Stored
 * on the conversation for agents (`offlineEmail`); the conversation keeps waiting.
 */
export const LeaveEmailSchema = v.object({
  type: v.literal("leave-email"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  email: v.pipe(
    v.string("email must be a string"),
    v.trim(),
    v.maxLength(MAX_EMAIL_CHARS, `email must be at most ${MAX_EMAIL_CHARS} characters`),
    v.email("email must be an address like name@example.com"),
  ),
});

/**
 * To the visitor of a waiting conversation whose queue cannot serve it now: outside business hours
 * (`closed`, with the next opening when there is one) or with no agent of the queue online
 * (`nobody-online`). Sent when this changes; `open: true` once the queue can serve it again.
 */
export const AvailabilitySchema = v.object({
  type: v.literal("availability"),
  conversationId: IdSchema,
  open: v.boolean(),
  reason: v.optional(v.picklist(["closed", "nobody-online"])),
  nextOpeningAt: v.optional(TimestampSchema),
});

/** To one agent: a conversation is offered to you until `expiresAt`; accept or decline. */
export const OfferEventSchema = v.object({
  type: v.literal("offer"),
  conversation: ConversationSchema,
  expiresAt: TimestampSchema,
});

/** To the agent an offer was made to: it is no longer yours to accept. */
export const OfferRevokedSchema = v.object({
  type: v.literal("offer-revoked"),
  conversationId: IdSchema,
  reason: v.picklist(["expired", "declined", "accepted", "withdrawn"]),
});

/** To the visitor of a waiting conversation: where it stands in its queue. */
export const QueuePositionSchema = v.object({
  type: v.literal("queue-position"),
  conversationId: IdSchema,
  /** 1 = next to be offered. */
  position: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** An estimate from recent waits in the queue and the agents online; 0 = any moment. */
  expectedWaitMs: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/**
 * To one agent: the waiting conversations of `appId` it can `claim` now (manual queue, member,
 * every skill needed, room under its capacity), oldest first. Replaces the previous list for that
 * app; sent when it changes. `list-conversations` answers the current list as `claimable`.
 */
export const ClaimableSchema = v.object({
  type: v.literal("claimable"),
  appId: IdSchema,
  conversationIds: v.array(IdSchema),
});

/** To the agents of the agent's apps: a teammate's presence changed. */
export const PresenceChangedSchema = v.object({
  type: v.literal("presence-changed"),
  agent: v.object({ id: IdSchema, name: v.string() }),
  status: PresenceStatusSchema,
});

/** To the agents of the conversation's app only: an internal note was added. */
export const NoteCreatedSchema = v.object({ type: v.literal("note-created"), note: NoteSchema });

export const PresenceReplySchema = v.object({
  type: v.literal("presence"),
  replyTo: RequestIdSchema,
  /** The agents of your apps and their presence, you included. */
  agents: v.array(AgentPresenceSchema),
});

export const NoteReplySchema = v.object({
  type: v.literal("note"),
  replyTo: RequestIdSchema,
  note: NoteSchema,
});

export const NotesReplySchema = v.object({
  type: v.literal("notes"),
  replyTo: RequestIdSchema,
  conversationId: IdSchema,
  notes: v.array(NoteSchema),
});

export const CannedRepliesSchema = v.object({
  type: v.literal("canned"),
  replyTo: RequestIdSchema,
  replies: v.array(CannedReplySchema),
});

export type LeaveEmail = v.InferOutput<typeof LeaveEmailSchema>;
export type Availability = v.InferOutput<typeof AvailabilitySchema>;
export type PresenceStatus = v.InferOutput<typeof PresenceStatusSchema>;
export type AgentPresenceEntry = v.InferOutput<typeof AgentPresenceSchema>;
export type Note = v.InferOutput<typeof NoteSchema>;
export type CannedReply = v.InferOutput<typeof CannedReplySchema>;
export type AcceptOffer = v.InferOutput<typeof AcceptOfferSchema>;
export type DeclineOffer = v.InferOutput<typeof DeclineOfferSchema>;
export type Claim = v.InferOutput<typeof ClaimSchema>;
export type ReopenConversation = v.InferOutput<typeof ReopenConversationSchema>;
export type ListNotes = v.InferOutput<typeof ListNotesSchema>;
export type Transfer = v.InferOutput<typeof TransferSchema>;
export type SetPresence = v.InferOutput<typeof SetPresenceSchema>;
export type ListPresence = v.InferOutput<typeof ListPresenceSchema>;
export type AddNote = v.InferOutput<typeof AddNoteSchema>;
export type SetTags = v.InferOutput<typeof SetTagsSchema>;
export type SetPriority = v.InferOutput<typeof SetPrioritySchema>;
export type ListCanned = v.InferOutput<typeof ListCannedSchema>;
export type OfferEvent = v.InferOutput<typeof OfferEventSchema>;
export type OfferRevoked = v.InferOutput<typeof OfferRevokedSchema>;
export type QueuePosition = v.InferOutput<typeof QueuePositionSchema>;
export type PresenceChanged = v.InferOutput<typeof PresenceChangedSchema>;
export type Claimable = v.InferOutput<typeof ClaimableSchema>;
export type NoteCreated = v.InferOutput<typeof NoteCreatedSchema>;
export type PresenceReply = v.InferOutput<typeof PresenceReplySchema>;
export type NoteReply = v.InferOutput<typeof NoteReplySchema>;
export type NotesReply = v.InferOutput<typeof NotesReplySchema>;
export type CannedReplies = v.InferOutput<typeof CannedRepliesSchema>;
