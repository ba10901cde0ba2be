import type Database from "better-sqlite3";
import type { Storage, WebhookDelivery } from "./types.ts";

interface WebhookRow {
  id: string;
  app_id: string | null;
  type: string;
  body: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
}

const COLUMNS = "id, app_id, type, body, attempts, next_attempt_at, created_at";

const toDelivery = (row: WebhookRow): WebhookDelivery => ({
  id: row.id,
  appId: row.app_id,
  type: row.type,
  body: row.body,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
});

type WebhookMethods = Pick<
  Storage,
  | "addWebhookDelivery"
  | "listDueWebhookDeliveries"
  | "nextWebhookAttemptAt"
  | "rescheduleWebhookDelivery"
  | "deleteWebhookDelivery"
>;

/**
 * The webhook outbox table of the SQLite storage, as synchronous functions; the storage wraps
 * each in its closed check and error translation.
 */
export function createSqliteWebhooks(db: Database.Database): {
  [K in keyof WebhookMethods]: (
    ...args: Parameters<WebhookMethods[K]>
  ) => Awaited<ReturnType<WebhookMethods[K]>>;
} {
  const insert = db.prepare(
    `INSERT INTO webhook_outbox (${COLUMNS}) VALUES (@id, @appId, @type, @body, @attempts, @nextAttemptAt, @createdAt)`,
  );
  const due = db.prepare<[number, number], WebhookRow>(
    `SELECT ${COLUMNS} FROM webhook_outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id LIMIT ?`,
  );
  const earliest = db.prepare<[], { at: number | null }>(
    "SELECT min(next_attempt_at) AS at FROM webhook_outbox",
  );
  const reschedule = db.prepare<[number, number, string]>(
    "UPDATE webhook_outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?",
  );
  const remove = db.prepare<[string]>("DELETE FROM webhook_outbox WHERE id = ?");
  return {
    addWebhookDelivery: (delivery) => void insert.run(delivery),
    listDueWebhookDeliveries: (now, limit) => due.all(now, limit).map(toDelivery),
    nextWebhookAttemptAt: () => earliest.get()?.at ?? null,
    rescheduleWebhookDelivery: (id, attempts, nextAttemptAt) =>
      reschedule.run(attempts, nextAttemptAt, id).changes > 0,
    deleteWebhookDelivery: (id) => remove.run(id).changes > 0,
  };
}
