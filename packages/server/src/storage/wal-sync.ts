import { closeSync, fdatasync, fdatasyncSync, openSync } from "node:fs";

/** Flushes a file to disk (`fs.fdatasync`; replaceable in tests). */
export type SyncFile = (fd: number, done: (error: Error | null) => void) => void;

/**
 * The fsync of SQLite's write-ahead log, off the event loop. Group-committed appends commit with
 * `synchronous = NORMAL` (the WAL is written, not flushed) and then wait here: `durable()`
 * resolves once an fdatasync of the WAL file that started after the call has finished, which is
 * what `synchronous = FULL` does inside every commit, on the main thread. The relay's thread
 * meanwhile parses, commits and sends the next batch; concurrent waiters share one flush.
 *
 * A failed flush fails every waiter and every later call: after an fsync error the kernel may
 * have dropped the dirty pages, so nothing written since can be promised durable again (the
 * relay answers `internal`; a restart recovers from what is on disk).
 */
export interface WalSync {
  /** A transaction committed without flushing; call right after the commit returns. */
  committed(): void;
  /** Resolves once everything committed before this call is on disk. */
  durable(): Promise<void>;
  /**
   * Before the database closes: flush what is not flushed yet (synchronously, so waiters are
   * answered before the file goes), then close the WAL file handle.
   */
  close(): void;
}

interface Waiter {
  upTo: number;
  resolve(): void;
  reject(error: unknown): void;
}

export function createWalSync(walPath: string, syncFile: SyncFile = fdatasync): WalSync {
  /** Commits so far, and how many of them the last finished flush covers. */
  let commits = 0;
  let flushed = 0;
  let flushing = false;
  let failure: unknown = null;
  let fd: number | null = null;
  let waiters: Waiter[] = [];

  const fail = (error: unknown) => {
    failure = error;
    for (const waiter of waiters) waiter.reject(error);
    waiters = [];
  };

  const flush = () => {
    const upTo = commits;
    flushing = true;
    try {
      // Opened at the first flush: the WAL file exists once a transaction has committed.
      fd ??= openSync(walPath, "r");
    } catch (error) {
      flushing = false;
      fail(error);
      return;
    }
    syncFile(fd, (error) => {
      flushing = false;
      if (error) {
        fail(error);
        return;
      }
      flushed = Math.max(flushed, upTo);
      const still: Waiter[] = [];
      for (const waiter of waiters) {
        if (waiter.upTo <= flushed) waiter.resolve();
        else still.push(waiter);
      }
      waiters = still;
      if (waiters.length > 0) flush();
    });
  };

  return {
    committed() {
      commits += 1;
    },
    durable() {
      if (failure) return Promise.reject(failure);
      const upTo = commits;
      if (flushed >= upTo) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ upTo, resolve, reject });
        if (!flushing) flush();
      });
    },
    close() {
      if (!failure && flushed < commits) {
        try {
          fd ??= openSync(walPath, "r");
          fdatasyncSync(fd);
          flushed = commits;
          for (const waiter of waiters) waiter.resolve();
          waiters = [];
        } catch (error) {
          fail(error);
        }
      }
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  } satisfies WalSync;
}
