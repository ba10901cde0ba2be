import * as v from "valibot";
import { ConversationSchema, IdSchema, MessageSchema, RequestIdSchema } from "./common.ts";

// What the console shows around a conversation: the agent's queues (the "My queues" view) and the
// visitor's earlier conversations. Agent-only; client-frames.ts and server-frames.ts list them in
// their unions.

/** Agent: the queues you are a member of, in every app you serve (for the "My queues" view). */
export const ListQueuesSchema = v.object({
  type: v.literal("list-queues"),
  id: RequestIdSchema,
});

/** A queue as the console names it. Queue ids are per app: two apps may each have a `default`. */
export const QueueInfoSchema = v.object({
  appId: IdSchema,
  id: IdSchema,
  name: v.string(),
});

export const QueuesReplySchema = v.object({
  type: v.literal("queues"),
  replyTo: RequestIdSchema,
  queues: v.array(QueueInfoSchema),
});

/**
 * Agent: the other conversations of this conversation's visitor (same app), newest activity
 * first, at most `VISITOR_HISTORY_LIMIT`, each with its last message for a preview.
 */
export const ListVisitorConversationsSchema = v.object({
  type: v.literal("list-visitor-conversations"),
  id: RequestIdSchema,
  conversationId: IdSchema,
});

/** How many earlier conversations `list-visitor-conversations` returns at most. */
export const VISITOR_HISTORY_LIMIT = 20;

export const VisitorConversationsReplySchema = v.object({
  type: v.literal("visitor-conversations"),
  replyTo: RequestIdSchema,
  /** The conversation asked about (not among `conversations`). */
  conversationId: IdSchema,
  conversations: v.array(
    v.object({
      conversation: ConversationSchema,
      /** Absent when it has no messages (or they were pruned). */
      lastMessage: v.optional(MessageSchema),
    }),
  ),
  /** How many there are in all, when more than were listed. */
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export type ListQueues = v.InferOutput<typeof ListQueuesSchema>;
export type QueueInfo = v.InferOutput<typeof QueueInfoSchema>;
export type QueuesReply = v.InferOutput<typeof QueuesReplySchema>;
export type ListVisitorConversations = v.InferOutput<typeof ListVisitorConversationsSchema>;
export type VisitorConversationsReply = v.InferOutput<typeof VisitorConversationsReplySchema>;
export type VisitorConversationEntry = VisitorConversationsReply["conversations"][number];
