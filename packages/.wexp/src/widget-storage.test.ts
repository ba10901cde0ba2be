import { describe, expect, it } from "vitest";
import { createWidgetStorage, type StorageBackend } from "./widget-storage.ts";

function throwingBackend(): StorageBackend {
  const fail = () => {
    throw new DOMException("blocked", "SecurityError");
  };
  return {
    getItem: fail,
    setItem: fail,
    removeItem: fail,
    key: fail,
    get length(): number {
      return fail();
    },
  };
}

describe("createWidgetStorage", () => {
  it("works as if empty where storage throws (privacy modes) or is missing", () => {
    for (const backend of [
      throwingBackend,
      () => null,
      () => {
        throw new Error("no localStorage");
      },
    ]) {
      const storage = createWidgetStorage("acme", backend);
      expect(() => storage.set("visitor", "t")).not.toThrow();
      expect(storage.get("visitor")).toBeNull();
      expect(() => storage.clear()).not.toThrow();
    }
  });

  it("falls back to the global localStorage, absent in Node, without throwing", () => {
    const storage = createWidgetStorage("acme");
    expect(storage.get("visitor")).toBeNull();
  });
});
