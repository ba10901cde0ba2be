import type { StoredName, WidgetStorage } from "./types.ts";

/** The part of the DOM `Storage` the widget uses. */
export type StorageBackend = Pick<Storage, "getItem" | "setItem" | "removeItem" | "key" | "length">;

/** Every key the widget writes starts with this, so `shutdown` can find them all. */
export function storagePrefix(appId: string): string {
  return `relaydesk:${appId}:`;
}

// Reading `window.localStorage` itself throws a SecurityError when the browser blocks storage.
function browserStorage(): StorageBackend | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Per-app storage over localStorage. Each access is guarded: where storage is blocked or full the
 * widget still works, it only forgets the visitor on reload.
 */
export function createWidgetStorage(
  appId: string,
  backend: () => StorageBackend | null = browserStorage,
): WidgetStorage {
  const prefix = storagePrefix(appId);
  const attempt = <T>(action: (storage: StorageBackend) => T, fallback: T): T => {
    try {
      const storage = backend();
      return storage ? action(storage) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    get: (name: StoredName) => attempt((storage) => storage.getItem(prefix + name), null),
    set: (name: StoredName, value: string) =>
      attempt((storage) => storage.setItem(prefix + name, value), undefined),
    clear: () =>
      attempt((storage) => {
        const keys: string[] = [];
        for (let index = 0; index < storage.length; index++) {
          const key = storage.key(index);
          if (key?.startsWith(prefix)) keys.push(key);
        }
        for (const key of keys) storage.removeItem(key);
      }, undefined),
  } satisfies WidgetStorage;
}

/**
 * A list kept as JSON under `name`; anything unreadable loads as empty. It fits the client's
 * `outboxStore` (which checks each entry itself).
 */
export function storedList<T>(storage: WidgetStorage, name: StoredName) {
  return {
    load(): T[] {
      try {
        const list = JSON.parse(storage.get(name) ?? "[]");
        return Array.isArray(list) ? list : [];
      } catch {
        return [];
      }
    },
    save: (list: T[]) => storage.set(name, JSON.stringify(list)),
  };
}
