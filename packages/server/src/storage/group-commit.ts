/** The outcome of one item of a batch: each caller learns its own, whatever happened to the others. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** When a batch that has room left runs. */
export type GroupCommitWindow = "immediate" | "microtask";

export interface GroupCommitOptions<I, O> {
  /**
   * Does the work of one batch, synchronously, and answers one `Settled` per item in the same
   * order. Throwing fails every item of the batch with that error (the transaction as a whole
   * did not commit).
   */
  run(items: readonly I[]): Settled<O>[];
  /** A batch holding this many items runs at once, without waiting for its window. */
  maxBatch?: number;
  /**
   * `immediate` (setImmediate): gathers everything submitted during one turn of the event loop,
   * i.e. from every socket that had data in that turn; `microtask`: only what was submitted in
   * the current callback and its promise chain.
   */
  window?: GroupCommitWindow;
}

export const DEFAULTS = { maxBatch: 256, window: "immediate" } as const satisfies Omit<
  GroupCommitOptions<unknown, unknown>,
  "run"
>;

export interface GroupCommit<I, O> {
  /** Queue an item; resolves or rejects with its own outcome once the batch holding it has run. */
  submit(item: I): Promise<O>;
  /** Run whatever is queued now (before closing the resource behind `run`). */
  flush(): void;
  /** Items queued and not yet run. */
  readonly pending: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit: many small writes share one transaction, so one fsync makes all of them durable.
 * Writes arriving close together are queued and run as one batch after a short window; every
 * caller's promise settles only after `run` returned, i.e. after the transaction holding its item
 * committed. The cost is the wait for the window, which is far less than an fsync per write.
 *
 * @example
 * const appends = createGroupCommit({ run: (items) => db.transaction(() => items.map(one)).immediate() });
 * const stored = await appends.submit(message);
 */
export function createGroupCommit<I, O>(options: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  const { run, maxBatch, window } = { ...DEFAULTS, ...options };
  if (!Number.isInteger(maxBatch) || maxBatch < 1) {
    throw new RangeError(`maxBatch must be a positive integer, got ${maxBatch}.`);
  }
  let queue: Waiting<I, O>[] = [];
  let scheduled = false;

  const schedule =
    window === "immediate" ? () => setImmediate(flushScheduled) : () => queueMicrotask(flushScheduled);

  function flushScheduled(): void {
    scheduled = false;
    flush();
  }

  function flush(): void {
    while (queue.length > 0) {
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      runBatch(batch);
    }
  }

  function runBatch(batch: Waiting<I, O>[]): void {
    let results: Settled<O>[];
    try {
      results = run(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      const result = results[i];
      if (!result) waiting.reject(new Error(`group commit: run answered no result for item ${i}`));
      else if (result.ok) waiting.resolve(result.value);
      else waiting.reject(result.error);
    });
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= maxBatch) flush();
        else if (!scheduled) {
          scheduled = true;
          schedule();
        }
      });
    },
    flush,
    get pending() {
      return queue.length;
    },
  } satisfies GroupCommit<I, O>;
}
