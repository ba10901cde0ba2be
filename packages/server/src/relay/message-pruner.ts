import type { Logger } from "../logger.ts";
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

export interface MessagePruner {
  /** Prune now (also what the timer runs); resolves with the number of messages deleted. */
  run(): Promise<number>;
  /** Stop the timer and wait for a run in progress, so storage can be closed after it. */
  stop(): Promise<void>;
}

/**
 * The operator's message retention, applied periodically. Deleting is the whole job: what clients
 * see of it (`not-recovered` on resume and history) follows from what storage holds, so a prune
 * may run at any moment, also in the middle of a replay.
 */
export function startMessagePruner(options: MessagePrunerOptions): MessagePruner {
  const { storage, retentionMs, logger, now } = options;
  let running: Promise<number> | null = null;
  let stopped = false;

  const run = (): Promise<number> => {
    // Runs never overlap: a slow prune (a large first run) is not started again behind itself.
    running ??= storage
      .pruneMessages(now() - retentionMs)
      .then(
        (deleted) => {
          if (deleted > 0) logger.info("messages pruned", { deleted, retentionMs });
          return deleted;
        },
        (error: unknown) => {
          if (!stopped) logger.error("prune failed", { error });
          return 0;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void run(), options.intervalMs);
  timer.unref();
  void run();

  return {
    run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  } satisfies MessagePruner;
}
