import type BetterSqlite3 from "better-sqlite3";
import { RelaydeskError } from "../errors.ts";

/**
 * Schema changes in order: `MIGRATIONS[n]` takes a database from `user_version` n to n + 1.
 * Append to this list; never edit an entry that has shipped, since databases in the field
 * already ran it.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE apps (
    app_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    allowed_origins TEXT NOT NULL, -- JSON array of strings
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE visitors (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps (app_id),
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (app_id, token_hash),
    -- Target of the conversations foreign key that pins a conversation's visitor to its app.
    UNIQUE (id, app_id)
  ) STRICT;

  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps (app_id),
    visitor_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'assigned', 'closed')),
    assignee_id TEXT,
    assignee_name TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    attributes TEXT NOT NULL, -- JSON object of strings
    FOREIGN KEY (visitor_id, app_id) REFERENCES visitors (id, app_id)
  ) STRICT;
  CREATE INDEX conversations_by_app ON conversations (app_id, updated_at DESC);
  CREATE INDEX conversations_by_visitor ON conversations (visitor_id, updated_at DESC);
  CREATE INDEX conversations_by_assignee ON conversations (assignee_id, updated_at DESC);
  CREATE INDEX conversations_by_updated ON conversations (updated_at DESC);

  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    client_msg_id TEXT NOT NULL,
    author_kind TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (conversation_id, seq),
    UNIQUE (conversation_id, client_msg_id)
  ) STRICT;
  `,
  // 1 -> 2: message retention and several conversations per visitor.
  `
  -- Lowest seq still stored; retention deletes a prefix of each conversation's messages.
  ALTER TABLE conversations ADD COLUMN first_seq INTEGER NOT NULL DEFAULT 1;
  -- The visitor's idempotency key of a start-conversation that asked for a new conversation.
  ALTER TABLE conversations ADD COLUMN client_conversation_id TEXT;
  CREATE UNIQUE INDEX conversations_by_client_id ON conversations (visitor_id, client_conversation_id)
    WHERE client_conversation_id IS NOT NULL;
  CREATE INDEX messages_by_created ON messages (created_at);
  `,
  // 2 -> 3: agents belong to apps and have a role.
  `
  ALTER TABLE agents ADD COLUMN role TEXT NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'admin'));
  CREATE TABLE agent_apps (
    agent_id TEXT NOT NULL REFERENCES agents (id),
    app_id TEXT NOT NULL REFERENCES apps (app_id),
    PRIMARY KEY (agent_id, app_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX agent_apps_by_app ON agent_apps (app_id);
  -- Until now every agent saw every app; an upgrade keeps that, so nobody loses their queue.
  INSERT INTO agent_apps (agent_id, app_id) SELECT agents.id, apps.app_id FROM agents CROSS JOIN apps;
  `,
  // 3 -> 4: identified visitors (identity secrets, user ids, one token per browser).
  `
  ALTER TABLE apps ADD COLUMN identity_secrets TEXT NOT NULL DEFAULT '[]'; -- JSON [{secret, createdAt, expiresAt}]
  ALTER TABLE apps ADD COLUMN require_identity INTEGER NOT NULL DEFAULT 0 CHECK (require_identity IN (0, 1));
  ALTER TABLE visitors ADD COLUMN user_id TEXT;
  ALTER TABLE visitors ADD COLUMN profile TEXT; -- JSON {name?, email?, verified}
  CREATE UNIQUE INDEX visitors_by_user ON visitors (app_id, user_id) WHERE user_id IS NOT NULL;

  -- An identified visitor has a token in each browser; an anonymous one has one.
  CREATE TABLE visitor_tokens (
    app_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (app_id, token_hash),
    FOREIGN KEY (visitor_id, app_id) REFERENCES visitors (id, app_id)
  ) STRICT;
  CREATE INDEX visitor_tokens_by_visitor ON visitor_tokens (visitor_id);
  INSERT INTO visitor_tokens (app_id, token_hash, visitor_id, created_at)
    SELECT app_id, token_hash, id, created_at FROM visitors;
  -- visitors.token_hash is a legacy column from here on: nothing reads it. Dropping its NOT NULL
  -- and UNIQUE would mean rebuilding the table under the conversations' foreign key, so rows keep
  -- a unique placeholder instead ('legacy:' || id), and no token hash lingers there once revoked.
  UPDATE visitors SET token_hash = 'legacy:' || id;
  `,
  // 4 -> 5: file uploads and message attachments.
  `
  -- Bytes live on disk under the upload id; this row is what the relay knows about them.
  -- message_id has no foreign key: retention deletes messages, and the upload pruner then finds
  -- the uploads whose message is gone (and unattached ones past their time) and deletes them.
  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps (app_id),
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    uploader_kind TEXT NOT NULL,
    uploader_id TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 1),
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    message_id TEXT
  ) STRICT;
  CREATE INDEX uploads_by_conversation ON uploads (conversation_id);
  CREATE INDEX uploads_by_uploader ON uploads (uploader_kind, uploader_id, created_at);
  CREATE INDEX uploads_by_message ON uploads (message_id) WHERE message_id IS NOT NULL;
  CREATE INDEX uploads_unattached ON uploads (created_at) WHERE message_id IS NULL;
  -- The message's attachments as sent ([{ id, name, type, size }]); uploads never change, so a
  -- copy here makes reading a message one row, as before.
  ALTER TABLE messages ADD COLUMN attachments TEXT;
  `,
  // 5 -> 6: routing — queues and rules per app, agent capacity and skills, a conversation's queue,
  // priority, waiting time and tags, internal notes, canned replies.
  `
  -- NULL: the relay's default capacity.
  ALTER TABLE agents ADD COLUMN capacity INTEGER CHECK (capacity IS NULL OR capacity >= 1);
  ALTER TABLE agents ADD COLUMN skills TEXT NOT NULL DEFAULT '[]'; -- JSON array of strings
  ALTER TABLE conversations ADD COLUMN queue_id TEXT;
  ALTER TABLE conversations ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
  -- NULL: since created_at. Kept when a conversation is re-queued, so it keeps its place.
  ALTER TABLE conversations ADD COLUMN waiting_since INTEGER;
  ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'; -- JSON array of strings
  CREATE INDEX conversations_waiting ON conversations (app_id, status) WHERE status = 'open';

  CREATE TABLE routing_configs (
    app_id TEXT PRIMARY KEY REFERENCES apps (app_id),
    config TEXT NOT NULL, -- JSON document, validated by the routing module before it is stored
    updated_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations (id),
    author_kind TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX notes_by_conversation ON notes (conversation_id, created_at);

  CREATE TABLE canned_replies (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL REFERENCES apps (app_id),
    shortcut TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (app_id, shortcut)
  ) STRICT;
  `,
  // 6 -> 7: business hours and SLA clocks (routing issue items 6 and 7).
  `
  ALTER TABLE conversations ADD COLUMN sla TEXT; -- JSON { kind, dueAt, breachedAt? } or NULL
  ALTER TABLE conversations ADD COLUMN sla_due_at INTEGER; -- dueAt of a clock not yet breached, for the sweep
  ALTER TABLE conversations ADD COLUMN first_response_at INTEGER;
  ALTER TABLE conversations ADD COLUMN offline_email TEXT;
  ALTER TABLE conversations ADD COLUMN sla_breaches INTEGER NOT NULL DEFAULT 0; -- clocks ever breached
  CREATE INDEX conversations_sla_due ON conversations (sla_due_at) WHERE sla_due_at IS NOT NULL;
  `,
  // 7 -> 8: the webhook outbox (events waiting to be POSTed to the vendor, retried with backoff).
  `
  CREATE TABLE webhook_outbox (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    body TEXT NOT NULL, -- the exact JSON that is signed and sent
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at);
  `,
  // 8 -> 9: conversation extras — an app's pre-chat form, the answers and the visitor's rating.
  `
  ALTER TABLE apps ADD COLUMN prechat TEXT; -- JSON array of fields, or NULL for no form
  ALTER TABLE conversations ADD COLUMN prechat TEXT; -- JSON [{ id, label, value }] or NULL
  ALTER TABLE conversations ADD COLUMN rating TEXT; -- JSON { score, comment?, ratedAt } or NULL
  `,
  // 9 -> 10: per-app webhooks — an app's own endpoint and secret, and the app of each delivery
  // (NULL for deliveries queued before: they go to the relay-wide endpoint).
  `
  ALTER TABLE apps ADD COLUMN webhook TEXT; -- JSON { url, secret }, or NULL: the relay-wide endpoint
  ALTER TABLE webhook_outbox ADD COLUMN app_id TEXT;
  `,
  // 10 -> 11: no index holds updated_at of a conversation that is not closed. Every message moves
  // its conversation's updated_at, and four indexes on it made each append rewrite four index
  // entries (a third of an append's time). Lists of active conversations are read whole and
  // sorted (they are few); only closed ones, which take no messages, need the index to page the
  // most recent ones.
  `
  DROP INDEX conversations_by_app;
  DROP INDEX conversations_by_visitor;
  DROP INDEX conversations_by_assignee;
  DROP INDEX conversations_by_updated;
  DROP INDEX conversations_waiting; -- the new conversations_by_app covers it
  CREATE INDEX conversations_by_app ON conversations (app_id, status);
  CREATE INDEX conversations_by_visitor ON conversations (visitor_id);
  CREATE INDEX conversations_by_assignee ON conversations (assignee_id, status);
  CREATE INDEX conversations_closed_by_app ON conversations (app_id, updated_at DESC) WHERE status = 'closed';
  `,
];

/** The `user_version` a database has once every migration this build knows has run. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Bring the database up to `SCHEMA_VERSION` (or `target`, for tests that need a database as an
 * older release left it), one transaction per step so that a crash mid-way leaves the database at
 * a version it can resume from.
 */
export function migrateSqlite(db: BetterSqlite3.Database, target = SCHEMA_VERSION): void {
  // Each step re-reads the version inside its write lock, so a CLI command and the server
  // opening the same new file at once do not both run the same migration.
  const step = db.transaction((): boolean => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new RelaydeskError(
        "unsupported-schema",
        `The database ${db.name} has schema version ${version}, newer than the ${SCHEMA_VERSION} this Relaydesk knows; upgrade Relaydesk.`,
      );
    }
    if (version >= target) return false;
    db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction, until none is left
  }
}
