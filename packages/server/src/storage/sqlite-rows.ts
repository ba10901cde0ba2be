import type {
  Attachment,
  Author,
  CannedReply,
  Conversation,
  ConversationRating,
  Message,
  Note,
  PrechatEntry,
  PrechatForm,
  SlaState,
  VisitorContext,
} from "@relaydesk/sdk-types";
import type { Agent, App, AppWebhook, IdentitySecret, Upload, Visitor, VisitorProfile } from "./types.ts";

// Rows as SQLite returns them (snake_case columns of `sqlite-schema.ts`), and the mapping to the
// domain objects. Every mapping builds a new object, which is what makes returned values copies.

export interface AppRow {
  app_id: string;
  name: string;
  allowed_origins: string;
  created_at: number;
  identity_secrets: string;
  require_identity: number;
  prechat: string | null;
  webhook: string | null;
}

export interface AgentRow {
  id: string;
  name: string;
  role: Agent["role"];
  /** JSON array of app ids, ordered (see `AGENT_COLUMNS`). */
  app_ids: string;
  created_at: number;
  capacity: number | null;
  /** JSON array of strings. */
  skills: string;
}

export interface VisitorRow {
  id: string;
  app_id: string;
  created_at: number;
  user_id: string | null;
  profile: string | null;
}

export interface ConversationRow {
  id: string;
  app_id: string;
  visitor_id: string;
  status: Conversation["status"];
  assignee_id: string | null;
  assignee_name: string | null;
  last_seq: number;
  created_at: number;
  updated_at: number;
  attributes: string;
  queue_id: string | null;
  priority: number;
  waiting_since: number;
  tags: string;
  sla: string | null;
  first_response_at: number | null;
  offline_email: string | null;
  sla_breaches: number;
  prechat: string | null;
  rating: string | null;
}

export type ConversationAccessRow = Pick<
  ConversationRow,
  "id" | "app_id" | "visitor_id" | "status" | "last_seq" | "assignee_id"
>;

export interface NoteRow {
  id: string;
  conversation_id: string;
  author_kind: Author["kind"];
  author_id: string;
  author_name: string | null;
  body: string;
  created_at: number;
}

export interface CannedRow {
  id: string;
  shortcut: string;
  text: string;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  client_msg_id: string;
  author_kind: Author["kind"];
  author_id: string;
  author_name: string | null;
  kind: Message["kind"];
  body: string;
  created_at: number;
  /** JSON array of attachments, or null for none. */
  attachments: string | null;
}

export interface UploadRow {
  id: string;
  app_id: string;
  conversation_id: string;
  uploader_kind: Upload["uploader"]["kind"];
  uploader_id: string;
  name: string;
  type: Upload["type"];
  size: number;
  sha256: string;
  created_at: number;
  message_id: string | null;
}

export const APP_COLUMNS = "app_id, name, allowed_origins, created_at, identity_secrets, require_identity";
/** What is read of an app: `APP_COLUMNS` (the ones `putApp` writes), its pre-chat form and webhook. */
export const APP_SELECT = `${APP_COLUMNS}, prechat, webhook`;
/** Read from `agents AS a`; the agent's apps come along as one JSON array, ordered by app id. */
export const AGENT_COLUMNS = `a.id, a.name, a.role, a.created_at, a.capacity, a.skills,
  (SELECT json_group_array(app_id) FROM (SELECT app_id FROM agent_apps WHERE agent_id = a.id ORDER BY app_id)) AS app_ids`;
export const VISITOR_COLUMNS = "id, app_id, created_at, user_id, profile";
export const CONVERSATION_COLUMNS =
  "id, app_id, visitor_id, status, assignee_id, assignee_name, last_seq, created_at, updated_at, attributes";
/** What is read of a conversation: `CONVERSATION_COLUMNS` (the insertable ones) and routing state. */
export const CONVERSATION_SELECT = `${CONVERSATION_COLUMNS}, queue_id, priority,
  coalesce(waiting_since, created_at) AS waiting_since, tags, sla, first_response_at, offline_email, sla_breaches, prechat, rating`;
export const NOTE_COLUMNS = "id, conversation_id, author_kind, author_id, author_name, body, created_at";
export const MESSAGE_COLUMNS =
  "id, conversation_id, seq, client_msg_id, author_kind, author_id, author_name, kind, body, created_at, attachments";
export const UPLOAD_COLUMNS =
  "id, app_id, conversation_id, uploader_kind, uploader_id, name, type, size, sha256, created_at, message_id";

export function toApp(row: AppRow): App {
  return {
    appId: row.app_id,
    name: row.name,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    createdAt: row.created_at,
    identitySecrets: JSON.parse(row.identity_secrets) as IdentitySecret[],
    requireIdentity: row.require_identity === 1,
    prechat: row.prechat === null ? null : (JSON.parse(row.prechat) as PrechatForm),
    webhook: row.webhook === null ? null : (JSON.parse(row.webhook) as AppWebhook),
  };
}

export function toAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    appIds: JSON.parse(row.app_ids) as string[],
    createdAt: row.created_at,
    capacity: row.capacity,
    skills: JSON.parse(row.skills) as string[],
  };
}

export function toVisitor(row: VisitorRow): Visitor {
  const visitor: Visitor = { id: row.id, appId: row.app_id, createdAt: row.created_at };
  if (row.user_id !== null) visitor.userId = row.user_id;
  if (row.profile !== null) visitor.profile = JSON.parse(row.profile) as VisitorProfile;
  return visitor;
}

/** What agents see of a conversation's visitor (`Conversation.visitor`). */
export function toVisitorContext(row: VisitorRow | undefined): VisitorContext {
  const profile = row?.profile ? (JSON.parse(row.profile) as VisitorProfile) : undefined;
  const context: VisitorContext = { verified: profile?.verified === true };
  if (row?.user_id != null) context.userId = row.user_id;
  if (profile?.name !== undefined) context.name = profile.name;
  if (profile?.email !== undefined) context.email = profile.email;
  return context;
}

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    appId: row.app_id,
    visitorId: row.visitor_id,
    status: row.status,
    assignee: row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name ?? "" },
    lastSeq: row.last_seq,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    attributes: JSON.parse(row.attributes) as Record<string, string>,
    queueId: row.queue_id,
    priority: row.priority,
    waitingSince: row.waiting_since,
    tags: JSON.parse(row.tags) as string[],
    ...(row.sla === null ? {} : { sla: JSON.parse(row.sla) as SlaState }),
    ...(row.first_response_at === null ? {} : { firstResponseAt: row.first_response_at }),
    ...(row.offline_email === null ? {} : { offlineEmail: row.offline_email }),
    ...(row.sla_breaches === 0 ? {} : { slaBreaches: row.sla_breaches }),
    ...(row.prechat === null ? {} : { prechat: JSON.parse(row.prechat) as PrechatEntry[] }),
    ...(row.rating === null ? {} : { rating: JSON.parse(row.rating) as ConversationRating }),
  };
}

export function toNote(row: NoteRow): Note {
  const author: Author = { kind: row.author_kind, id: row.author_id };
  if (row.author_name !== null) author.name = row.author_name;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author,
    kind: "note",
    body: row.body,
    createdAt: row.created_at,
  };
}

export function toCanned(row: CannedRow): CannedReply {
  return { id: row.id, shortcut: row.shortcut, text: row.text };
}

export function toMessage(row: MessageRow): Message {
  const author: Author = { kind: row.author_kind, id: row.author_id };
  if (row.author_name !== null) author.name = row.author_name;
  const message: Message = {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    author,
    kind: row.kind,
    body: row.body,
    clientMsgId: row.client_msg_id,
    createdAt: row.created_at,
  };
  if (row.attachments !== null) message.attachments = JSON.parse(row.attachments) as Attachment[];
  return message;
}

export function toUpload(row: UploadRow): Upload {
  return {
    id: row.id,
    appId: row.app_id,
    conversationId: row.conversation_id,
    uploader: { kind: row.uploader_kind, id: row.uploader_id },
    name: row.name,
    type: row.type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
    messageId: row.message_id,
  };
}
