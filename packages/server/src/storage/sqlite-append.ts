import type { Message } from "@relaydesk/sdk-types";
import type Database from "better-sqlite3";
import { RelaydeskError } from "../errors.ts";
import type { Settled } from "./group-commit.ts";
import { toMessage } from "./sqlite-rows.ts";
import type { prepareStatements } from "./sqlite-statements.ts";
import type { SqliteUploads } from "./sqlite-uploads.ts";
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
  uploads: SqliteUploads,
): (items: readonly NewMessage[]) => Settled<AppendResult>[] {
  // Called inside the batch transaction, better-sqlite3 runs this one as a savepoint.
  const appendOne = db.transaction((input: NewMessage): AppendResult => {
    const existing = sql.findMessage.get(input.conversationId, input.clientMsgId);
    if (existing) return { message: toMessage(existing), duplicate: true };
    const next = sql.nextSeq.get(input.createdAt, input.conversationId);
    if (!next) {
      // Checked in the same transaction as the write, so a close cannot slip in between; and
      // after the clientMsgId lookup, so a retry of a message stored before the close still gets
      // its original ack rather than an error that would make the sender try elsewhere.
      if (sql.getConversation.get(input.conversationId)) {
        throw new RelaydeskError("conversation-closed", `Conversation ${input.conversationId} is closed.`);
      }
      throw new RelaydeskError("not-found", `Conversation ${input.conversationId} does not exist.`);
    }
    const { author } = input;
    // After the seq: a send to a closed conversation says so, whatever it tried to attach.
    const attachments =
      input.attachments && input.attachments.length > 0
        ? uploads.attach(input.attachments, input.conversationId, author, input.id)
        : undefined;
    sql.insertMessage.run({
      id: input.id,
      conversationId: input.conversationId,
      seq: next.last_seq,
      clientMsgId: input.clientMsgId,
      authorKind: author.kind,
      authorId: author.id,
      authorName: author.name ?? null,
      kind: input.kind,
      body: input.body,
      createdAt: input.createdAt,
      attachments: attachments ? JSON.stringify(attachments) : null,
    });
    // The row holds exactly these values (STRICT columns store what they are given), so the
    // message is built here rather than read back; new objects, so the caller's input stays theirs.
    const message: Message = {
      id: input.id,
      conversationId: input.conversationId,
      seq: next.last_seq,
      author:
        author.name === undefined
          ? { kind: author.kind, id: author.id }
          : { kind: author.kind, id: author.id, name: author.name },
      kind: input.kind,
      body: input.body,
      clientMsgId: input.clientMsgId,
      createdAt: input.createdAt,
    };
    if (attachments) message.attachments = attachments;
    return { message, duplicate: false };
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
