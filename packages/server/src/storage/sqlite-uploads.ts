import type { Attachment, Author } from "@relaydesk/sdk-types";
import type Database from "better-sqlite3";
import { RelaydeskError } from "../errors.ts";
import { toUpload, UPLOAD_COLUMNS, type UploadRow } from "./sqlite-rows.ts";
import type { NewUpload, Upload, UploadFilter } from "./types.ts";

/** Most upload rows deleted in one transaction, so appends (same thread) wait at most one step. */
export const UPLOAD_PRUNE_STEP = 1_000;

export interface SqliteUploads {
  create(input: NewUpload): Upload;
  get(id: string): Upload | null;
  count(filter: UploadFilter): number;
  /**
   * Inside an append's savepoint: check that every id is an unattached upload of this author in
   * this conversation, mark them attached to `messageId`, and return them as the message carries
   * them. Throws `invalid-attachment` (which rolls the savepoint back) otherwise.
   */
  attach(ids: readonly string[], conversationId: string, author: Author, messageId: string): Attachment[];
  /** One bounded step of `Storage.pruneUploads`; returns the ids deleted (fewer than a step: done). */
  pruneStep(unattachedBefore: number): string[];
}

/** The uploads table of the SQLite storage. */
export function createSqliteUploads(db: Database.Database): SqliteUploads {
  const insert = db.prepare<Record<string, unknown>, UploadRow>(
    `INSERT INTO uploads (${UPLOAD_COLUMNS})
     VALUES (@id, @appId, @conversationId, @uploaderKind, @uploaderId, @name, @type, @size, @sha256, @createdAt, NULL)
     RETURNING ${UPLOAD_COLUMNS}`,
  );
  // The conversation must belong to the upload's app; the foreign keys only say each exists.
  const conversationApp = db.prepare<[string], { app_id: string }>(
    "SELECT app_id FROM conversations WHERE id = ?",
  );
  const get = db.prepare<[string], UploadRow>(`SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE id = ?`);
  const setMessage = db.prepare<[string, string]>(
    "UPDATE uploads SET message_id = ? WHERE id = ? AND message_id IS NULL",
  );
  const prune = db.prepare<{ cutoff: number; limit: number }, { id: string }>(
    `DELETE FROM uploads WHERE id IN (
       SELECT id FROM uploads WHERE message_id IS NULL AND created_at < @cutoff
       UNION ALL
       SELECT u.id FROM uploads u WHERE u.message_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = u.message_id)
       LIMIT @limit
     ) RETURNING id`,
  );
  const counts = new Map<string, Database.Statement<Record<string, unknown>, { n: number }>>();

  return {
    create(input) {
      const owner = conversationApp.get(input.conversationId);
      if (!owner || owner.app_id !== input.appId) {
        throw new RelaydeskError(
          "not-found",
          `Conversation ${input.conversationId} does not exist in app ${input.appId}.`,
        );
      }
      return toUpload(
        insert.get({
          id: input.id,
          appId: input.appId,
          conversationId: input.conversationId,
          uploaderKind: input.uploader.kind,
          uploaderId: input.uploader.id,
          name: input.name,
          type: input.type,
          size: input.size,
          sha256: input.sha256,
          createdAt: input.createdAt,
        })!,
      );
    },
    get: (id) => {
      const row = get.get(id);
      return row ? toUpload(row) : null;
    },
    count(filter) {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.conversationId !== undefined) {
        where.push("conversation_id = @conversationId");
        params.conversationId = filter.conversationId;
      }
      if (filter.uploader !== undefined) {
        where.push("uploader_kind = @uploaderKind AND uploader_id = @uploaderId");
        params.uploaderKind = filter.uploader.kind;
        params.uploaderId = filter.uploader.id;
      }
      if (filter.createdSince !== undefined) {
        where.push("created_at >= @createdSince");
        params.createdSince = filter.createdSince;
      }
      const shape = where.join(" AND ");
      let statement = counts.get(shape);
      if (!statement) {
        statement = db.prepare(`SELECT count(*) AS n FROM uploads ${shape ? `WHERE ${shape}` : ""}`);
        counts.set(shape, statement);
      }
      return statement.get(params)?.n ?? 0;
    },
    attach(ids, conversationId, author, messageId) {
      return ids.map((id): Attachment => {
        const row = get.get(id);
        const usable =
          row !== undefined &&
          row.conversation_id === conversationId &&
          row.uploader_kind === author.kind &&
          row.uploader_id === author.id &&
          row.message_id === null;
        // One answer for every reason, so a sender learns nothing about uploads that are not its own.
        if (!usable) {
          throw new RelaydeskError(
            "invalid-attachment",
            `Attachment ${id} is not an unattached upload of yours in this conversation.`,
          );
        }
        setMessage.run(messageId, id);
        return { id: row.id, name: row.name, type: row.type, size: row.size };
      });
    },
    pruneStep: (unattachedBefore) =>
      prune.all({ cutoff: unattachedBefore, limit: UPLOAD_PRUNE_STEP }).map((row) => row.id),
  } satisfies SqliteUploads;
}
