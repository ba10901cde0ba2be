import type { Message } from "@relaydesk/sdk-types";
import type Database from "better-sqlite3";
import { RelaydeskError } from "../errors.ts";
import type { Settled } from "./group-commit.ts";
import { toMessage } from "./sqlite-rows.ts";
import type { prepareStatements } from "./sqlite-statements.ts";
import type { NewMessage } from "./types.ts";

export interface AppendResult {
  message: Message;
  duplicate: boolean;
}

/**
 * The write of a batch of appends: one immediate transaction (one fsync under
 * `synchronous = FULL`) over every item, in order, each inside its own savepoint. Items see the
 * ones before them, so a clientMsgId repeated within the batch is the duplicate of its first
 * occurrence and appends to one conversation get consecutive seqs in call order. A failing item
 * rolls back to its savepoint and fails alone; the others still commit.
 *
 * The immediate transaction takes the write lock before reading last_seq, so other processes on
 * the same file (the CLI) cannot interleave; within this process better-sqlite3 serialises
 * everything on this thread.
 */
export function createSqliteAppend(
  db: Database.Database,
  sql: ReturnType<typeof prepareStatements>,
): (items: readonly NewMessage[]) => Settled<AppendResult>[] {
  // Called inside the batch transaction, better-sqlite3 runs this one as a savepoint.
  const appendOne = db.transaction((input: NewMessage): AppendResult => {
    const existing = sql.findMessage.get(input.conversationId, input.clientMsgId);
    if (existing) return { message: toMessage(existing), duplicate: true };
    const conversation = sql.lastSeq.get(input.conversationId);
    if (!conversation) {
      throw new RelaydeskError("not-found", `Conversation ${input.conversationId} does not exist.`);
    }
    const seq = conversation.last_seq + 1;
    const row = sql.insertMessage.get({
      id: input.id,
      conversationId: input.conversationId,
      seq,
      clientMsgId: input.clientMsgId,
      authorKind: input.author.kind,
      authorId: input.author.id,
      authorName: input.author.name ?? null,
      kind: input.kind,
      body: input.body,
      createdAt: input.createdAt,
    })!;
    sql.bumpConversation.run(seq, input.createdAt, input.conversationId);
    return { message: toMessage(row), duplicate: false };
  });

  const appendAll = db.transaction((items: readonly NewMessage[]) =>
    items.map((item): Settled<AppendResult> => {
      try {
        return { ok: true, value: appendOne(item) };
      } catch (error) {
        // Some failures (disk full, I/O error) make SQLite roll back the whole transaction; going
        // on would run the remaining items outside of it, so the batch fails as a whole instead.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  return (items) => appendAll.immediate(items);
}
