import { describe, expect, it } from "vitest";
import { isTyping, neighbour, SHORTCUTS, type ShortcutKey, shortcutAction } from "./keyboard-shortcuts.ts";

const press = (key: string, patch: Partial<ShortcutKey> = {}): ShortcutKey => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target: { tagName: "BUTTON" } as unknown as EventTarget,
  ...patch,
});
const on = (tagName: string, more: Record<string, unknown> = {}) =>
  ({ tagName, ...more }) as unknown as EventTarget;

describe("shortcutAction", () => {
  it("maps the letters, either case, and ? and Alt+arrows", () => {
    expect(["j", "k", "r", "n", "e", "t", "?"].map((k) => shortcutAction(press(k)))).toEqual([
      "next",
      "previous",
      "reply",
      "note",
      "close",
      "transfer",
      "help",
    ]);
    expect(shortcutAction(press("J"))).toBe("next");
    expect(shortcutAction(press("ArrowDown", { altKey: true }))).toBe("next");
    expect(shortcutAction(press("ArrowUp", { altKey: true }))).toBe("previous");
    expect(shortcutAction(press("x"))).toBeNull();
    expect(shortcutAction(press("ArrowDown"))).toBeNull();
  });

  it("never fires while typing: text inputs, textareas, selects, editable elements", () => {
    for (const target of [
      on("TEXTAREA"),
      on("INPUT"),
      on("INPUT", { type: "search" }),
      on("SELECT"),
      on("DIV", { isContentEditable: true }),
    ]) {
      expect(shortcutAction(press("e", { target }))).toBeNull();
      expect(shortcutAction(press("ArrowDown", { altKey: true, target }))).toBeNull();
      expect(shortcutAction(press("?", { target }))).toBeNull();
    }
    expect(shortcutAction(press("e", { target: on("INPUT", { type: "checkbox" }) }))).toBe("close");
    expect(shortcutAction(press("e", { target: null }))).toBe("close");
  });

  it("leaves the browser's and the components' keys alone", () => {
    expect(shortcutAction(press("r", { ctrlKey: true }))).toBeNull();
    expect(shortcutAction(press("t", { metaKey: true }))).toBeNull();
    expect(shortcutAction(press("e", { altKey: true }))).toBeNull();
    expect(shortcutAction(press("e", { defaultPrevented: true }))).toBeNull();
    expect(shortcutAction(press("e", { isComposing: true }))).toBeNull();
  });

  it("lists every action in the help", () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(7);
  });
});

describe("isTyping", () => {
  it("is false for buttons, links and nothing", () => {
    expect(isTyping(on("BUTTON"))).toBe(false);
    expect(isTyping(on("A"))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe("neighbour", () => {
  const ids = ["a", "b", "c"];
  it("steps through the view and stops at its ends", () => {
    expect(neighbour(ids, "a", 1)).toBe("b");
    expect(neighbour(ids, "b", -1)).toBe("a");
    expect(neighbour(ids, "c", 1)).toBeNull();
    expect(neighbour(ids, "a", -1)).toBeNull();
  });

  it("starts at the first (or last) when the open one is not in the view", () => {
    expect(neighbour(ids, null, 1)).toBe("a");
    expect(neighbour(ids, "zz", -1)).toBe("c");
    expect(neighbour([], null, 1)).toBeNull();
  });
});
