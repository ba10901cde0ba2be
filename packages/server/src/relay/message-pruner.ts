import type { Logger } from "../logger.ts";
import { type PeriodicTask, startPeriodicTask } from "../periodic-task.ts";
import type { Storage } from "../storage/types.ts";

export interface MessagePrunerOptions {
  storage: Storage;
  /** Messages older than this (by `createdAt`) are deleted. */
  retentionMs: number;
  /** How often to prune; the first run is right away, so a relay started after a pause catches up. */
  intervalMs: number;
  logger: Logger;
  now: () => number;
}

export type MessagePruner = PeriodicTask;

/**
 * The operator's message retention, applied periodically. Deleting is the whole job: what clients
 * see of it (`not-recovered` on resume and history) follows from what storage holds, so a prune
 * may run at any moment, also in the middle of a replay.
 */
export function startMessagePruner(options: MessagePrunerOptions): MessagePruner {
  const { storage, retentionMs, logger, now } = options;
  return startPeriodicTask({
    intervalMs: options.intervalMs,
    logger,
    failure: "prune failed",
    async task() {
      const deleted = await storage.pruneMessages(now() - retentionMs);
      if (deleted > 0) logger.info("messages pruned", { deleted, retentionMs });
      return deleted;
    },
  });
}
