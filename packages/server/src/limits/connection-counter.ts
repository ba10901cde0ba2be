/** Open connections per key (a client address), refusing past a maximum. */
export interface ConnectionCounter {
  readonly max: number;
  /** Count one more for `key`; false (and nothing counted) when `key` already has `max`. */
  open(key: string): boolean;
  /** One of `key`'s connections ended. Call exactly once per successful `open`. */
  close(key: string): void;
  count(key: string): number;
  /** Keys with at least one open connection: the map never outgrows the sockets themselves. */
  readonly size: number;
}

export function createConnectionCounter(max: number): ConnectionCounter {
  const open = new Map<string, number>();
  return {
    max,
    open(key) {
      const count = open.get(key) ?? 0;
      if (count >= max) return false;
      open.set(key, count + 1);
      return true;
    },
    close(key) {
      const count = open.get(key) ?? 0;
      if (count <= 1) open.delete(key);
      else open.set(key, count - 1);
    },
    count: (key) => open.get(key) ?? 0,
    get size() {
      return open.size;
    },
  } satisfies ConnectionCounter;
}
