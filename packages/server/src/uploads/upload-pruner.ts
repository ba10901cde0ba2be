import type { Logger } from "../logger.ts";
import { type PeriodicTask, startPeriodicTask } from "../periodic-task.ts";
import type { Storage } from "../storage/types.ts";
import type { UploadFiles } from "./upload-files.ts";

export interface UploadPrunerOptions {
  storage: Storage;
  files: UploadFiles;
  /** Unattached uploads older than this are deleted. */
  unattachedTtlMs: number;
  /** How often; the first run is right away. */
  intervalMs: number;
  logger: Logger;
  now: () => number;
}

export type UploadPruner = PeriodicTask;

/** A `.part` file this old belongs to no upload in progress (uploads are cut off far sooner). */
const PARTIAL_AGE_MS = 60 * 60 * 1000;

/**
 * Upload retention, run beside the message pruner: deletes uploads never attached within
 * `unattachedTtlMs` and uploads whose message retention deleted, rows first and then their files
 * (so no message can pick up an upload whose bytes are going), plus partial files left by a crash.
 * A crash between a row and its file leaves an unreferenced file behind, never a dangling row.
 */
export function startUploadPruner(options: UploadPrunerOptions): UploadPruner {
  const { storage, files, logger, now } = options;
  return startPeriodicTask({
    intervalMs: options.intervalMs,
    logger,
    failure: "upload prune failed",
    async task() {
      const ids = await storage.pruneUploads(now() - options.unattachedTtlMs);
      for (const id of ids) await files.remove(id);
      const partial = await files.sweepPartial(now() - PARTIAL_AGE_MS);
      if (ids.length > 0 || partial > 0) logger.info("uploads pruned", { deleted: ids.length, partial });
      return ids.length;
    },
  });
}
