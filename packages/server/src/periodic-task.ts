import type { Logger } from "./logger.ts";

export interface PeriodicTaskOptions {
  /** The work; resolves with a count the caller reports (e.g. rows deleted). */
  task: () => Promise<number>;
  /** How often; the first run is right away, so a relay started after a pause catches up. */
  intervalMs: number;
  logger: Logger;
  /** What the log says when a run fails (a run's failure is logged, never thrown). */
  failure: string;
}

export interface PeriodicTask {
  /** Run now (also what the timer runs); resolves with the task's count, 0 when it failed. */
  run(): Promise<number>;
  /** Stop the timer and wait for a run in progress, so storage can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Housekeeping on a timer (retention of messages and of uploads). Runs never overlap: a slow run
 * (a large first prune) is not started again behind itself, and `run()` during one joins it. The
 * timer does not keep the process alive.
 */
export function startPeriodicTask(options: PeriodicTaskOptions): PeriodicTask {
  const { task, logger } = options;
  let running: Promise<number> | null = null;
  let stopped = false;

  const run = (): Promise<number> => {
    running ??= task()
      .catch((error: unknown) => {
        if (!stopped) logger.error(options.failure, { error });
        return 0;
      })
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
  } satisfies PeriodicTask;
}
