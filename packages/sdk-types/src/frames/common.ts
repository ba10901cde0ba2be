import * as v from "valibot";
import { LIMITS, PROTOCOL_VERSION } from "../limits.ts";
import { ATTACHMENT_TYPES } from "../upload-limits.ts";

/** Opaque identifier: printable ASCII without spaces, at most `LIMITS.maxIdChars` long. */
export const IdSchema = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.maxIdChars),
  v.regex(/^[A-Za-z0-9._:~-]+$/, "ids use only A-Z a-z 0-9 . _ : ~ -"),
);

/** Request id chosen by the client; echoed back as `replyTo`. */
export const RequestIdSchema = IdSchema;

/** Milliseconds since the Unix epoch. */
export const TimestampSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Largest priority, either way: the range routing's `byPriority` keys can be written in. */
export const MAX_PRIORITY = 999_999_999;

/**
 * A conversation's priority: a whole number, higher served first (0 unless a queue or rule sets
 * one). Queues, rules and `set-priority` all take the same values.
 */
export const PrioritySchema = v.pipe(
  v.number("priority must be a number"),
  v.integer("priority must be a whole number"),
  v.minValue(-MAX_PRIORITY, `priority must be at least -${MAX_PRIORITY}`),
  v.maxValue(MAX_PRIORITY, `priority must be at most ${MAX_PRIORITY}`),
);

/** Per-conversation sequence number: 1, 2, 3 ... without gaps. 0 means "nothing seen yet". */
export const SeqSchema = v.pipe(v.number(), v.integer(), v.minValue(0));

export const ProtocolSchema = v.literal(PROTOCOL_VERSION);

export const RoleSchema = v.picklist(["visitor", "agent"]);

export const AuthorKindSchema = v.picklist(["visitor", "agent", "bot", "system"]);

export const AuthorSchema = v.object({
  kind: AuthorKindSchema,
  id: IdSchema,
  /** Display name; absent for anonymous visitors. */
  name: v.optional(v.string()),
});

export const MessageBodySchema = v.pipe(
  v.string(),
  v.minLength(1, "body must not be empty"),
  v.maxLength(LIMITS.maxBodyChars, `body must be at most ${LIMITS.maxBodyChars} characters`),
);

/** Sniffed from the file's bytes by the relay; the only types it accepts (see the README, uploads). */
export const AttachmentTypeSchema = v.picklist(ATTACHMENT_TYPES);

/** A file uploaded with `POST /v1/uploads` and attached to a message. */
export const AttachmentSchema = v.object({
  /** `upl_…`; download with `GET /v1/uploads/<id>`. */
  id: IdSchema,
  /** Display name as sanitised by the relay; never a path. */
  name: v.string(),
  type: AttachmentTypeSchema,
  /** Bytes. */
  size: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const MessageSchema = v.object({
  id: IdSchema,
  conversationId: IdSchema,
  seq: v.pipe(SeqSchema, v.minValue(1)),
  author: AuthorSchema,
  kind: v.picklist(["text"]),
  body: v.string(),
  /** The id the sender chose; unique within the conversation forever. */
  clientMsgId: IdSchema,
  createdAt: TimestampSchema,
  /** Files sent with the message, in the order the sender listed them; absent when none. */
  attachments: v.optional(v.array(AttachmentSchema)),
});

/** One answer of a pre-chat form as stored on the conversation: the field's id and label then. */
export const PrechatEntrySchema = v.object({ id: v.string(), label: v.string(), value: v.string() });

/** The visitor's rating of a closed conversation (`rate-conversation`); given once. */
export const ConversationRatingSchema = v.object({
  /** 1 (bad) to 5 (great). */
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.optional(v.string()),
  ratedAt: TimestampSchema,
});

export const ConversationStatusSchema = v.picklist(["open", "pending", "assigned", "closed"]);

/**
 * Who the visitor of a conversation is, as agents see it. `userId` is always verified (`identify`
 * checks a signature over it); `name` and `email` are verified only when `verified` is true (they
 * came as signed JWT claims). An HMAC `identify` signs only the user id, so the profile sent beside
 * it is display-only and `verified` is false. Anonymous visitors have only `verified: false`.
 */
export const VisitorContextSchema = v.object({
  userId: v.optional(v.string()),
  name: v.optional(v.string()),
  email: v.optional(v.string()),
  verified: v.boolean(),
});

export const ConversationSchema = v.object({
  id: IdSchema,
  appId: IdSchema,
  visitorId: IdSchema,
  status: ConversationStatusSchema,
  /** The agent the conversation is assigned to, or null while it waits. */
  assignee: v.nullable(v.object({ id: IdSchema, name: v.string() })),
  /** Seq of the newest message (0 when empty). */
  lastSeq: SeqSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  /** Context captured at creation: page URL and title, user agent. */
  attributes: v.record(v.string(), v.string()),
  /**
   * Routing state, sent to agents only (a visitor's copy leaves them out): the queue the
   * conversation waits or waited in, its priority (higher is served first), since when it waits
   * (kept when it is re-queued, so it keeps its place), and the agents' tags.
   */
  queueId: v.optional(v.nullable(IdSchema)),
  priority: v.optional(v.pipe(v.number(), v.integer())),
  waitingSince: v.optional(TimestampSchema),
  tags: v.optional(v.array(v.string())),
  /**
   * Agents only: the visitor's identity as it is now (its id is `visitorId`). Never sent to
   * visitors, whose view of a conversation holds nothing about visitors.
   */
  visitor: v.optional(VisitorContextSchema),
  /**
   * Agents only: the SLA clock running on the conversation (its queue's `sla` targets).
   * `first-response` runs from the start to the first agent message, `next-response` from a
   * visitor message after an agent's to the next agent message; `breachedAt` is set once `dueAt`
   * passed unanswered; `startedAt` is when the awaited wait began (the targets depend on the queue
   * and priority, and a change of either measures the clock again from it). Absent: no clock runs
   * (answered, or the queue has no targets).
   */
  sla: v.optional(
    v.object({
      kind: v.picklist(["first-response", "next-response"]),
      startedAt: v.optional(TimestampSchema),
      dueAt: TimestampSchema,
      breachedAt: v.optional(TimestampSchema),
    }),
  ),
  /** Agents only: how many SLA clocks of the conversation were breached (absent: none). */
  slaBreaches: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Agents only: when an agent first wrote in the conversation. */
  firstResponseAt: v.optional(TimestampSchema),
  /** Agents only: the email the visitor left (`leave-email`) to be answered by when nobody was there. */
  offlineEmail: v.optional(v.string()),
  /** The visitor's answers to the app's pre-chat form, in the form's order (absent: none asked). */
  prechat: v.optional(v.array(PrechatEntrySchema)),
  /** The visitor's rating once the conversation was closed (absent: not rated). */
  rating: v.optional(ConversationRatingSchema),
});

/** Last seq the client holds per conversation id. */
export const ResumeSchema = v.record(IdSchema, SeqSchema);

export type Role = v.InferOutput<typeof RoleSchema>;
export type Author = v.InferOutput<typeof AuthorSchema>;
export type AuthorKind = v.InferOutput<typeof AuthorKindSchema>;
export type Message = v.InferOutput<typeof MessageSchema>;
export type Attachment = v.InferOutput<typeof AttachmentSchema>;
export type AttachmentType = v.InferOutput<typeof AttachmentTypeSchema>;
export type Conversation = v.InferOutput<typeof ConversationSchema>;
export type SlaState = NonNullable<Conversation["sla"]>;
export type ConversationStatus = v.InferOutput<typeof ConversationStatusSchema>;
export type VisitorContext = v.InferOutput<typeof VisitorContextSchema>;
export type PrechatEntry = v.InferOutput<typeof PrechatEntrySchema>;
export type ConversationRating = v.InferOutput<typeof ConversationRatingSchema>;
export type Resume = v.InferOutput<typeof ResumeSchema>;
