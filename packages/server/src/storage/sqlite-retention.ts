import type Database from "better-sqlite3";

/** Most messages deleted in one transaction, so appends (same thread) wait at most one step. */
const STEP = 2_000;

export interface SqliteRetention {
  /** One step of a prune: at most `STEP` deletions in one transaction. See `prune`. */
  step(queue: PruneTarget[]): number;
  /** Every conversation with a message created before `createdBefore`, and its newest such seq. */
  targets(createdBefore: number): PruneTarget[];
  firstSeq(conversationId: string): number | null;
}

export interface PruneTarget {
  conversationId: string;
  /** Delete every message of the conversation up to and including this seq. */
  throughSeq: number;
}

/**
 * Retention on SQLite. A conversation loses a prefix of its seqs, never a message in the middle:
 * everything up to the newest message older than the cutoff goes (a message with a lower seq but a
 * later `createdAt`, possible when clocks or batches disagree by milliseconds, goes with it), and
 * `first_seq` moves past it in the same transaction. Readers (resume, history) rely on that: what
 * is stored is always `first_seq..last_seq` without holes.
 */
export function createSqliteRetention(db: Database.Database): SqliteRetention {
  const targets = db.prepare<[number], PruneTarget>(
    `SELECT conversation_id AS conversationId, max(seq) AS throughSeq FROM messages
     WHERE created_at < ? GROUP BY conversation_id`,
  );
  const firstSeq = db.prepare<[string], { first_seq: number }>(
    "SELECT first_seq FROM conversations WHERE id = ?",
  );
  const moveFirst = db.prepare<[number, string]>(
    "UPDATE conversations SET first_seq = max(first_seq, ?) WHERE id = ?",
  );
  const remove = db.prepare<[string, number]>("DELETE FROM messages WHERE conversation_id = ? AND seq <= ?");

  const step = db.transaction((queue: PruneTarget[]): number => {
    let deleted = 0;
    while (queue.length > 0 && deleted < STEP) {
      const target = queue[0]!;
      const first = firstSeq.get(target.conversationId)?.first_seq ?? target.throughSeq + 1;
      // Delete in slices of the step's remaining budget; first_seq moves with each slice.
      const upTo = Math.min(target.throughSeq, first - 1 + (STEP - deleted));
      if (upTo >= first) {
        moveFirst.run(upTo + 1, target.conversationId);
        deleted += remove.run(target.conversationId, upTo).changes;
      }
      if (upTo >= target.throughSeq) queue.shift();
    }
    return deleted;
  });

  return {
    step: (queue) => step.immediate(queue),
    targets: (createdBefore) => targets.all(createdBefore),
    firstSeq: (conversationId) => firstSeq.get(conversationId)?.first_seq ?? null,
  } satisfies SqliteRetention;
}
