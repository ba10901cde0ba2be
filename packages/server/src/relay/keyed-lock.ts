/**
 * Runs tasks one at a time per key, in call order. Used so that two tabs of one visitor asking
 * `start-conversation` at once get the same conversation instead of one each. Node-local: across
 * nodes the same race needs a storage-level guard (a later issue).
 */
export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => {});
      tails.set(key, tail);
      // Forget the key once nothing is queued behind this task, so the map does not grow forever.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  } satisfies KeyedLock;
}
