import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Conversation, ConversationStatus } from "@relaydesk/sdk-types";
import Database from "better-sqlite3";
import { RelaydeskError } from "../errors.ts";
import { createGroupCommit, type GroupCommitWindow } from "./group-commit.ts";
import { createSqliteAppend } from "./sqlite-append.ts";
import { createSqliteRetention } from "./sqlite-retention.ts";
import {
  CONVERSATION_SELECT,
  type ConversationAccessRow,
  type ConversationRow,
  toAgent,
  toApp,
  toCanned,
  toConversation,
  toMessage,
  toNote,
  toVisitor,
  toVisitorContext,
  type VisitorRow,
} from "./sqlite-rows.ts";
import { migrateSqlite } from "./sqlite-schema.ts";
import { prepareStatements } from "./sqlite-statements.ts";
import { createSqliteUploads, UPLOAD_PRUNE_STEP } from "./sqlite-uploads.ts";
import { createSqliteWebhooks } from "./sqlite-webhooks.ts";
import type {
  ConversationAccess,
  ConversationFilter,
  ConversationPatch,
  NewAgent,
  NewMessage,
  NewVisitor,
  Storage,
} from "./types.ts";
import { createWalSync } from "./wal-sync.ts";

export interface SqliteStorageOptions {
  /** Database file; parent folders are created. `:memory:` gives a throwaway database (tests only). */
  path: string;
  /** How long a write waits for another process's lock (e.g. the CLI beside a running relay). */
  busyTimeoutMs?: number;
  /** Most appends committed in one transaction; a full batch commits without waiting. */
  groupCommitMaxBatch?: number;
  /** How long appends gather before they commit together (see `GroupCommitWindow`). */
  groupCommitWindow?: GroupCommitWindow;
  /**
   * Where an append batch's WAL flush happens. `commit`: inside the commit (`synchronous = FULL`),
   * on the event loop. `background`: the batch commits with `synchronous = NORMAL` and its appends
   * resolve once an fdatasync of the WAL on libuv's thread pool has finished (`WalSync`), so the
   * relay keeps working during the flush. Acks wait for the flush either way. The default is
   * `background`: under the bench's load it routed 20-65 % more messages per second than `commit`.
   */
  walFlush?: "commit" | "background";
}

export const DEFAULTS = {
  busyTimeoutMs: 5_000,
  groupCommitMaxBatch: 256,
  groupCommitWindow: "immediate",
  walFlush: "background",
} as const satisfies Omit<SqliteStorageOptions, "path">;

/** The connection settings as SQLite reports them, for checks and diagnostics. */
export interface SqliteSettings {
  journalMode: string;
  synchronous: "off" | "normal" | "full" | "extra";
  foreignKeys: boolean;
  busyTimeoutMs: number;
  schemaVersion: number;
}

export interface SqliteStorage extends Storage {
  readonly path: string;
  settings(): SqliteSettings;
}

const SYNCHRONOUS_NAMES = ["off", "normal", "full", "extra"] as const;

const STATUSES: ReadonlySet<string> = new Set<ConversationStatus>(["open", "pending", "assigned", "closed"]);

const FILTER_COLUMNS = [
  ["appId", "app_id"],
  ["visitorId", "visitor_id"],
  ["assigneeId", "assignee_id"],
  ["clientConversationId", "client_conversation_id"],
] as const satisfies readonly (readonly [keyof ConversationFilter, string])[];

/**
 * Storage in one SQLite file (WAL), the zero-setup default of a single relay node.
 *
 * @example
 * const storage = createSqliteStorage({ path: "./data/relaydesk.sqlite" });
 * await storage.putApp({ appId: "demo", name: "Demo", allowedOrigins: [], createdAt: Date.now() });
 */
export function createSqliteStorage(options: SqliteStorageOptions): SqliteStorage {
  const { path, busyTimeoutMs, groupCommitMaxBatch, groupCommitWindow, walFlush } = {
    ...DEFAULTS,
    ...options,
  };
  if (path !== ":memory:" && path !== "") {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (cause) {
      throw new RelaydeskError("invalid-option", `Cannot create the folder of ${path}.`, { cause });
    }
  }
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.pragma("journal_mode = WAL");
    // The relay acknowledges a message once appendMessage resolves; in WAL mode NORMAL commits
    // without an fsync and can lose that acknowledged message on power loss, FULL fsyncs the WAL
    // on every commit. With `walFlush: "background"`, appends commit with NORMAL and flush the WAL
    // themselves before they resolve (see `WalSync`).
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = prepareStatements(db);
  // One statement per filter shape (which fields are set, how many statuses), prepared on first
  // use: a fixed "(? IS NULL OR col = ?)" query would keep SQLite from using the indexes.
  const listConversationsByShape = new Map<
    string,
    Database.Statement<Record<string, unknown>, ConversationRow>
  >();

  // Conversations carry their visitor's identity as it is now. Looked up by primary key when rows
  // are returned rather than joined, so the statements that return rows (RETURNING) stay as they are;
  // one lookup per distinct visitor of a call.
  function withVisitors(rows: readonly ConversationRow[]): Conversation[] {
    const visitors = new Map<string, VisitorRow | undefined>();
    return rows.map((row) => {
      if (!visitors.has(row.visitor_id)) visitors.set(row.visitor_id, sql.getVisitor.get(row.visitor_id));
      return { ...toConversation(row), visitor: toVisitorContext(visitors.get(row.visitor_id)) };
    });
  }
  const withVisitor = (row: ConversationRow | undefined): Conversation | null =>
    row ? (withVisitors([row])[0] ?? null) : null;

  const retention = createSqliteRetention(db);
  const uploads = createSqliteUploads(db);
  const webhooks = createSqliteWebhooks(db);

  // The agent and its apps in one transaction: an agent without its apps would see nothing.
  const createAgent = db.transaction((input: NewAgent) => {
    sql.createAgent.run(input.id, input.name, input.tokenHash, input.role, input.createdAt);
    for (const appId of input.appIds) sql.grantAgentApp.run(input.id, appId);
  });

  const createVisitor = db.transaction((input: NewVisitor) => {
    const row = sql.createVisitor.get({
      id: input.id,
      appId: input.appId,
      createdAt: input.createdAt,
      userId: input.userId ?? null,
      profile: input.profile ? JSON.stringify(input.profile) : null,
    })!;
    sql.addToken.run({
      appId: input.appId,
      tokenHash: input.tokenHash,
      visitorId: input.id,
      createdAt: input.createdAt,
    });
    return toVisitor(row);
  });

  const moveConversations = db.transaction((from: string, to: string): Conversation[] => {
    const source = sql.getVisitor.get(from);
    const target = sql.getVisitor.get(to);
    if (!source || !target || source.app_id !== target.app_id) {
      throw new RelaydeskError("not-found", "Conversations move only between two visitors of one app.");
    }
    if (from === to) return [];
    sql.dropCollidingKeys.run({ from, to });
    return withVisitors(sql.moveConversations.all({ from, to })).sort(
      (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    );
  });

  // Precondition and write in one transaction: two agents claiming at once, exactly one wins.
  const updateConversation = db.transaction((id: string, patch: ConversationPatch) => {
    if (patch.expect) {
      const current = sql.getConversation.get(id);
      if (!current) return undefined;
      const { status, assigneeId, unrated } = patch.expect;
      if (
        (status !== undefined && !status.includes(current.status)) ||
        (unrated && current.rating !== null) ||
        (assigneeId !== undefined && current.assignee_id !== assigneeId)
      ) {
        throw new RelaydeskError("conflict", `Conversation ${id} changed meanwhile (${current.status}).`);
      }
    }
    return sql.updateConversation.get({
      id,
      status: patch.status ?? null,
      setAssignee: patch.assignee === undefined ? 0 : 1,
      assigneeId: patch.assignee?.id ?? null,
      assigneeName: patch.assignee?.name ?? null,
      setQueue: patch.queueId === undefined ? 0 : 1,
      queueId: patch.queueId ?? null,
      priority: patch.priority ?? null,
      waitingSince: patch.waitingSince ?? null,
      tags: patch.tags === undefined ? null : JSON.stringify(patch.tags),
      setSla: patch.sla === undefined ? 0 : 1,
      sla: patch.sla == null ? null : JSON.stringify(patch.sla),
      slaDueAt: patch.sla == null || patch.sla.breachedAt !== undefined ? null : patch.sla.dueAt,
      firstResponseAt: patch.firstResponseAt ?? null,
      offlineEmail: patch.offlineEmail ?? null,
      attributes: patch.attributes === undefined ? null : JSON.stringify(patch.attributes),
      countBreach: patch.countBreach ? 1 : 0,
      rating: patch.rating === undefined ? null : JSON.stringify(patch.rating),
      updatedAt: patch.updatedAt ?? null,
    });
  });

  // A throwaway database (no file) has nothing to flush.
  const wal =
    walFlush === "background" && path !== ":memory:" && path !== "" ? createWalSync(`${path}-wal`) : null;
  const appendBatch = createSqliteAppend(db, sql, uploads);
  const relaxed = db.prepare("PRAGMA synchronous = NORMAL");
  const strict = db.prepare("PRAGMA synchronous = FULL");
  const appends = createGroupCommit({
    run: wal
      ? (items: readonly NewMessage[]) => {
          relaxed.run();
          try {
            return appendBatch(items);
          } finally {
            strict.run();
            wal.committed();
          }
        }
      : appendBatch,
    maxBatch: groupCommitMaxBatch,
    window: groupCommitWindow,
  });

  let closed = false;
  const closedError = () => new RelaydeskError("storage-closed", `Storage ${path} is closed.`);
  function call<T>(work: () => T): Promise<T> {
    if (closed) return Promise.reject(closedError());
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(translateError(error));
    }
  }

  function listConversations(filter: ConversationFilter): Conversation[] {
    const limit = filter.limit === undefined ? -1 : checkCount("limit", filter.limit);
    // Written into the SQL as literals (they are from a fixed set), so that SQLite can use a partial
    // index on them (conversations_closed_by_app); a status outside the set matches nothing.
    const statuses =
      filter.status === undefined
        ? undefined
        : [...new Set(filter.status)].filter((status) => STATUSES.has(status)).sort();
    const appIds = filter.appIds === undefined ? undefined : [...new Set(filter.appIds)];
    if (statuses?.length === 0 || appIds?.length === 0 || limit === 0) return [];
    const where: string[] = [];
    const params: Record<string, unknown> = { limit };
    for (const [field, column] of FILTER_COLUMNS) {
      const value = filter[field];
      if (value === undefined) continue;
      where.push(`${column} = @${field}`);
      params[field] = value;
    }
    if (statuses) {
      where.push(
        statuses.length === 1 ? `status = '${statuses[0]}'` : `status IN ('${statuses.join("', '")}')`,
      );
    }
    if (filter.slaDueBy !== undefined) {
      where.push("sla_due_at <= @slaDueBy");
      params.slaDueBy = filter.slaDueBy;
    }
    if (appIds) {
      where.push(`app_id IN (${appIds.map((_, i) => `@app${i}`).join(", ")})`);
      appIds.forEach((appId, i) => {
        params[`app${i}`] = appId;
      });
    }
    const order = filter.order === "oldest" ? "created_at ASC, rowid ASC" : "updated_at DESC, id DESC";
    const shape = `${where.join(" AND ")} ORDER BY ${order}`;
    let statement = listConversationsByShape.get(shape);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, ConversationRow>(
        `SELECT ${CONVERSATION_SELECT} FROM conversations ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY ${order} LIMIT @limit`,
      );
      listConversationsByShape.set(shape, statement);
    }
    return withVisitors(statement.all(params));
  }

  return {
    path,
    putApp: (app) =>
      call(() => {
        sql.putApp.run({
          appId: app.appId,
          name: app.name,
          allowedOrigins: JSON.stringify(app.allowedOrigins),
          createdAt: app.createdAt,
          identitySecrets: app.identitySecrets === undefined ? null : JSON.stringify(app.identitySecrets),
          requireIdentity: app.requireIdentity === undefined ? null : app.requireIdentity ? 1 : 0,
        });
      }),
    getApp: (appId) => call(() => mapOrNull(sql.getApp.get(appId), toApp)),
    listApps: () => call(() => sql.listApps.all().map(toApp)),
    setPrechatForm: (appId, form) =>
      call(() => sql.setPrechatForm.run(form === null ? null : JSON.stringify(form), appId).changes === 1),
    setAppWebhook: (appId, webhook) =>
      call(
        () =>
          sql.setAppWebhook.run(
            webhook === null ? null : JSON.stringify({ url: webhook.url, secret: webhook.secret }),
            appId,
          ).changes === 1,
      ),
    createAgent: (input) =>
      call(() => {
        if (input.appIds.length === 0) {
          throw new RelaydeskError("invalid-option", `Agent ${input.id} needs at least one app.`);
        }
        createAgent(input);
        return toAgent(sql.getAgent.get(input.id)!);
      }),
    findAgentByTokenHash: (tokenHash) => call(() => mapOrNull(sql.findAgent.get(tokenHash), toAgent)),
    getAgent: (id) => call(() => mapOrNull(sql.getAgent.get(id), toAgent)),
    rotateAgentToken: (id, tokenHash) =>
      call(() => {
        if (sql.rotateAgentToken.run(tokenHash, id).changes === 0) return null;
        return mapOrNull(sql.getAgent.get(id), toAgent);
      }),
    listAgents: () => call(() => sql.listAgents.all().map(toAgent)),
    createVisitor: (input) => call(() => createVisitor(input)),
    findVisitorByTokenHash: (appId, tokenHash) =>
      call(() => mapOrNull(sql.findVisitor.get({ appId, tokenHash }), toVisitor)),
    findVisitorByUserId: (appId, userId) =>
      call(() => mapOrNull(sql.findVisitorByUser.get(appId, userId), toVisitor)),
    addVisitorToken: (input) =>
      call(() => {
        sql.addToken.run(input);
      }),
    revokeVisitorToken: (appId, tokenHash) => call(() => sql.revokeToken.run(appId, tokenHash).changes > 0),
    updateVisitorProfile: (visitorId, profile) =>
      call(() =>
        mapOrNull(
          sql.updateVisitorProfile.get(profile === null ? null : JSON.stringify(profile), visitorId),
          toVisitor,
        ),
      ),
    moveConversations: (from, to) => call(() => moveConversations(from, to)),
    createConversation: (input) =>
      call(
        () =>
          withVisitor(
            sql.createConversation.get({
              id: input.id,
              appId: input.appId,
              visitorId: input.visitorId,
              status: input.status,
              createdAt: input.createdAt,
              attributes: JSON.stringify(input.attributes),
              clientConversationId: input.clientConversationId ?? null,
              prechat: input.prechat === undefined ? null : JSON.stringify(input.prechat),
            }),
          )!,
      ),
    getConversation: (id) => call(() => withVisitor(sql.getConversation.get(id))),
    getConversationAccess: (id) => call(() => mapOrNull(sql.getConversationAccess.get(id), toAccess)),
    listConversations: (filter) => call(() => listConversations(filter)),
    updateConversation: (id, patch) => call(() => withVisitor(updateConversation(id, patch))),
    // Group commit: appends of one event-loop turn share a transaction and its fsync; each
    // promise still resolves only once the transaction holding its message has committed.
    // ...and, from a file, only once the WAL holding it is flushed: the ack promises durability.
    appendMessage: (input) =>
      closed
        ? Promise.reject(closedError())
        : appends.submit(input).then(
            async (result) => {
              await wal?.durable();
              return result;
            },
            (error: unknown) => Promise.reject(translateError(error)),
          ),
    listMessages: (conversationId, afterSeq, limit) =>
      call(() => {
        checkCount("afterSeq", afterSeq);
        checkCount("limit", limit);
        return sql.listMessages.all(conversationId, afterSeq, limit).map(toMessage);
        // Returned once durable, like the acks: nobody is shown a message a power cut could still take.
      }).then(async (messages) => {
        await wal?.durable();
        return messages;
      }),
    pruneMessages: async (createdBefore) => {
      if (closed) throw closedError();
      checkCount("createdBefore", createdBefore);
      try {
        const queue = retention.targets(createdBefore);
        let deleted = 0;
        while (queue.length > 0) {
          if (closed) throw closedError();
          deleted += retention.step(queue);
          // A large first prune runs in bounded steps; appends (same thread) get their turn between.
          if (queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
        }
        return deleted;
      } catch (error) {
        throw translateError(error);
      }
    },
    firstSeq: (conversationId) => call(() => retention.firstSeq(conversationId)),
    createUpload: (input) => call(() => uploads.create(input)),
    getUpload: (id) => call(() => uploads.get(id)),
    countUploads: (filter) => call(() => uploads.count(filter)),
    pruneUploads: async (unattachedBefore) => {
      if (closed) throw closedError();
      checkCount("unattachedBefore", unattachedBefore);
      const deleted: string[] = [];
      try {
        for (;;) {
          if (closed) throw closedError();
          const step = uploads.pruneStep(unattachedBefore);
          deleted.push(...step);
          if (step.length < UPLOAD_PRUNE_STEP) return deleted;
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        throw translateError(error);
      }
    },
    updateAgent: (id, patch) =>
      call(() => {
        if (patch.capacity != null && !(Number.isInteger(patch.capacity) && patch.capacity >= 1)) {
          throw new RelaydeskError("invalid-option", `capacity must be a whole number of at least 1.`);
        }
        sql.updateAgent.run({
          id,
          setCapacity: patch.capacity === undefined ? 0 : 1,
          capacity: patch.capacity ?? null,
          skills: patch.skills === undefined ? null : JSON.stringify([...new Set(patch.skills)].sort()),
        });
        return mapOrNull(sql.getAgent.get(id), toAgent);
      }),
    getRoutingConfig: (appId) =>
      call(() => {
        const row = sql.getRoutingConfig.get(appId);
        return row === undefined ? null : (JSON.parse(row.config) as unknown);
      }),
    putRoutingConfig: (appId, config, updatedAt) =>
      call(() => {
        sql.putRoutingConfig.run(appId, JSON.stringify(config), updatedAt);
      }),
    addNote: (input) =>
      call(() =>
        toNote(
          sql.insertNote.get({
            id: input.id,
            conversationId: input.conversationId,
            authorKind: input.author.kind,
            authorId: input.author.id,
            authorName: input.author.name ?? null,
            body: input.body,
            createdAt: input.createdAt,
          })!,
        ),
      ),
    listNotes: (conversationId) => call(() => sql.listNotes.all(conversationId).map(toNote)),
    addCannedReply: (input) =>
      call(() =>
        toCanned(sql.insertCanned.get(input.id, input.appId, input.shortcut, input.text, input.createdAt)!),
      ),
    listCannedReplies: (appId) => call(() => sql.listCanned.all(appId).map(toCanned)),
    addWebhookDelivery: (delivery) => call(() => webhooks.addWebhookDelivery(delivery)),
    listDueWebhookDeliveries: (now, limit) =>
      call(() => webhooks.listDueWebhookDeliveries(now, checkCount("limit", limit))),
    nextWebhookAttemptAt: () => call(() => webhooks.nextWebhookAttemptAt()),
    rescheduleWebhookDelivery: (id, attempts, nextAttemptAt) =>
      call(() => webhooks.rescheduleWebhookDelivery(id, attempts, nextAttemptAt)),
    deleteWebhookDelivery: (id) => call(() => webhooks.deleteWebhookDelivery(id)),
    settings: () => {
      if (closed) throw closedError();
      return {
        journalMode: db.pragma("journal_mode", { simple: true }) as string,
        synchronous: SYNCHRONOUS_NAMES[db.pragma("synchronous", { simple: true }) as number] ?? "off",
        foreignKeys: db.pragma("foreign_keys", { simple: true }) === 1,
        busyTimeoutMs: db.pragma("busy_timeout", { simple: true }) as number,
        schemaVersion: db.pragma("user_version", { simple: true }) as number,
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // Appends queued before close were promised an answer; they commit now, before the file closes.
      appends.flush();
      wal?.close();
      db.close();
    },
  } satisfies SqliteStorage;
}

function toAccess(row: ConversationAccessRow): ConversationAccess {
  return {
    id: row.id,
    appId: row.app_id,
    visitorId: row.visitor_id,
    status: row.status,
    lastSeq: row.last_seq,
    assigneeId: row.assignee_id,
  };
}

function mapOrNull<R, T>(row: R | undefined, map: (row: R) => T): T | null {
  return row === undefined ? null : map(row);
}

function checkCount(name: string, value: number): number {
  if (Number.isInteger(value) && value >= 0) return value;
  throw new RelaydeskError("invalid-option", `${name} must be a non-negative integer, got ${value}.`);
}

/** SQLite constraint failures become the contract's codes; anything else passes through. */
function translateError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    return new RelaydeskError("conflict", `Already exists: ${(error as Error).message}`, { cause: error });
  }
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
    return new RelaydeskError("not-found", "A referenced app, visitor or conversation does not exist.", {
      cause: error,
    });
  }
  return error;
}
