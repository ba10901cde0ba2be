import type Database from "better-sqlite3";
import {
  AGENT_COLUMNS,
  type AgentRow,
  APP_COLUMNS,
  APP_SELECT,
  type AppRow,
  type CannedRow,
  CONVERSATION_COLUMNS,
  CONVERSATION_SELECT,
  type ConversationAccessRow,
  type ConversationRow,
  MESSAGE_COLUMNS,
  type MessageRow,
  NOTE_COLUMNS,
  type NoteRow,
  VISITOR_COLUMNS,
  type VisitorRow,
} from "./sqlite-rows.ts";

/**
 * Every fixed statement of the SQLite storage, prepared once when the storage opens (compiling
 * SQL per call would cost more than most of these queries take to run).
 */
export function prepareStatements(db: Database.Database) {
  return {
    // Identity settings given as NULL keep the stored ones (see `Storage.putApp`).
    putApp: db.prepare(
      `INSERT INTO apps (${APP_COLUMNS}) VALUES (@appId, @name, @allowedOrigins, @createdAt,
       coalesce(@identitySecrets, '[]'), coalesce(@requireIdentity, 0))
     ON CONFLICT (app_id) DO UPDATE SET
       name = excluded.name, allowed_origins = excluded.allowed_origins, created_at = excluded.created_at,
       identity_secrets = coalesce(@identitySecrets, identity_secrets),
       require_identity = coalesce(@requireIdentity, require_identity)`,
    ),
    getApp: db.prepare<[string], AppRow>(`SELECT ${APP_SELECT} FROM apps WHERE app_id = ?`),
    listApps: db.prepare<[], AppRow>(`SELECT ${APP_SELECT} FROM apps ORDER BY app_id`),
    setPrechatForm: db.prepare<[string | null, string]>("UPDATE apps SET prechat = ? WHERE app_id = ?"),
    setAppWebhook: db.prepare<[string | null, string]>("UPDATE apps SET webhook = ? WHERE app_id = ?"),
    createAgent: db.prepare<[string, string, string, string, number]>(
      "INSERT INTO agents (id, name, token_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
    ),
    grantAgentApp: db.prepare<[string, string]>(
      "INSERT OR IGNORE INTO agent_apps (agent_id, app_id) VALUES (?, ?)",
    ),
    getAgent: db.prepare<[string], AgentRow>(`SELECT ${AGENT_COLUMNS} FROM agents AS a WHERE a.id = ?`),
    findAgent: db.prepare<[string], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agents AS a WHERE a.token_hash = ?`,
    ),
    rotateAgentToken: db.prepare<[string, string]>("UPDATE agents SET token_hash = ? WHERE id = ?"),
    listAgents: db.prepare<[], AgentRow>(
      `SELECT ${AGENT_COLUMNS} FROM agents AS a ORDER BY a.created_at, a.id`,
    ),
    // token_hash is the legacy column (see migration 4): a unique placeholder, never read.
    createVisitor: db.prepare<Record<string, unknown>, VisitorRow>(
      `INSERT INTO visitors (id, app_id, token_hash, created_at, user_id, profile)
     VALUES (@id, @appId, 'legacy:' || @id, @createdAt, @userId, @profile) RETURNING ${VISITOR_COLUMNS}`,
    ),
    addToken: db.prepare<Record<string, unknown>>(
      `INSERT INTO visitor_tokens (app_id, token_hash, visitor_id, created_at)
     VALUES (@appId, @tokenHash, @visitorId, @createdAt)`,
    ),
    revokeToken: db.prepare<[string, string]>(
      `DELETE FROM visitor_tokens WHERE app_id = ? AND token_hash = ?`,
    ),
    findVisitor: db.prepare<{ appId: string; tokenHash: string }, VisitorRow>(
      `SELECT ${VISITOR_COLUMNS} FROM visitors WHERE app_id = @appId AND id =
       (SELECT visitor_id FROM visitor_tokens WHERE app_id = @appId AND token_hash = @tokenHash)`,
    ),
    findVisitorByUser: db.prepare<[string, string], VisitorRow>(
      `SELECT ${VISITOR_COLUMNS} FROM visitors WHERE app_id = ? AND user_id = ?`,
    ),
    getVisitor: db.prepare<[string], VisitorRow>(`SELECT ${VISITOR_COLUMNS} FROM visitors WHERE id = ?`),
    updateVisitorProfile: db.prepare<[string | null, string], VisitorRow>(
      `UPDATE visitors SET profile = ? WHERE id = ? RETURNING ${VISITOR_COLUMNS}`,
    ),
    // Keys are unique per visitor: a moved conversation whose key the target already uses drops it.
    dropCollidingKeys: db.prepare<{ from: string; to: string }>(
      `UPDATE conversations SET client_conversation_id = NULL
     WHERE visitor_id = @from AND client_conversation_id IN
       (SELECT client_conversation_id FROM conversations
        WHERE visitor_id = @to AND client_conversation_id IS NOT NULL)`,
    ),
    moveConversations: db.prepare<{ from: string; to: string }, ConversationRow>(
      `UPDATE conversations SET visitor_id = @to WHERE visitor_id = @from RETURNING ${CONVERSATION_SELECT}`,
    ),
    createConversation: db.prepare<Record<string, unknown>, ConversationRow>(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS}, client_conversation_id, prechat)
     VALUES (@id, @appId, @visitorId, @status, NULL, NULL, 0, @createdAt, @createdAt, @attributes, @clientConversationId, @prechat)
     RETURNING ${CONVERSATION_SELECT}`,
    ),
    getConversationAccess: db.prepare<[string], ConversationAccessRow>(
      "SELECT id, app_id, visitor_id, status, last_seq, assignee_id FROM conversations WHERE id = ?",
    ),
    getConversation: db.prepare<[string], ConversationRow>(
      `SELECT ${CONVERSATION_SELECT} FROM conversations WHERE id = ?`,
    ),
    updateConversation: db.prepare<Record<string, unknown>, ConversationRow>(
      `UPDATE conversations SET
       status = coalesce(@status, status),
       assignee_id = CASE WHEN @setAssignee THEN @assigneeId ELSE assignee_id END,
       assignee_name = CASE WHEN @setAssignee THEN @assigneeName ELSE assignee_name END,
       queue_id = CASE WHEN @setQueue THEN @queueId ELSE queue_id END,
       priority = coalesce(@priority, priority),
       waiting_since = coalesce(@waitingSince, waiting_since),
       tags = coalesce(@tags, tags),
       sla = CASE WHEN @setSla THEN @sla ELSE sla END,
       sla_due_at = CASE WHEN @setSla THEN @slaDueAt ELSE sla_due_at END,
       first_response_at = coalesce(first_response_at, @firstResponseAt),
       offline_email = coalesce(@offlineEmail, offline_email),
       attributes = CASE WHEN @attributes IS NULL THEN attributes ELSE json_patch(attributes, @attributes) END,
       sla_breaches = sla_breaches + @countBreach,
       rating = coalesce(rating, @rating),
       updated_at = coalesce(@updatedAt, updated_at)
     WHERE id = @id RETURNING ${CONVERSATION_SELECT}`,
    ),
    findMessage: db.prepare<[string, string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND client_msg_id = ?`,
    ),
    // Takes the next seq and moves updated_at in one statement; the append's savepoint undoes it
    // when the insert that follows fails.
    nextSeq: db.prepare<[number, string], { last_seq: number }>(
      `UPDATE conversations SET last_seq = last_seq + 1, updated_at = max(updated_at, ?)
     WHERE id = ? AND status != 'closed' RETURNING last_seq`,
    ),
    insertMessage: db.prepare<Record<string, unknown>>(
      `INSERT INTO messages (${MESSAGE_COLUMNS})
     VALUES (@id, @conversationId, @seq, @clientMsgId, @authorKind, @authorId, @authorName, @kind, @body, @createdAt, @attachments)`,
    ),
    updateAgent: db.prepare<Record<string, unknown>>(
      `UPDATE agents SET
       capacity = CASE WHEN @setCapacity THEN @capacity ELSE capacity END,
       skills = coalesce(@skills, skills)
     WHERE id = @id`,
    ),
    getRoutingConfig: db.prepare<[string], { config: string }>(
      "SELECT config FROM routing_configs WHERE app_id = ?",
    ),
    putRoutingConfig: db.prepare<[string, string, number]>(
      `INSERT INTO routing_configs (app_id, config, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (app_id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
    ),
    insertNote: db.prepare<Record<string, unknown>, NoteRow>(
      `INSERT INTO notes (${NOTE_COLUMNS})
     VALUES (@id, @conversationId, @authorKind, @authorId, @authorName, @body, @createdAt) RETURNING ${NOTE_COLUMNS}`,
    ),
    listNotes: db.prepare<[string], NoteRow>(
      `SELECT ${NOTE_COLUMNS} FROM notes WHERE conversation_id = ? ORDER BY created_at, rowid`,
    ),
    insertCanned: db.prepare<[string, string, string, string, number], CannedRow>(
      `INSERT INTO canned_replies (id, app_id, shortcut, text, created_at) VALUES (?, ?, ?, ?, ?)
     RETURNING id, shortcut, text`,
    ),
    listCanned: db.prepare<[string], CannedRow>(
      "SELECT id, shortcut, text FROM canned_replies WHERE app_id = ? ORDER BY shortcut",
    ),
    listMessages: db.prepare<[string, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
  };
}
