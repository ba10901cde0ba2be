/** What a console shortcut does. */
export type ShortcutAction = "next" | "previous" | "reply" | "note" | "close" | "transfer" | "help";

/** The shortcuts as the help overlay ("?") lists them, in its order. */
export const SHORTCUTS: ReadonlyArray<{ keys: readonly string[]; action: ShortcutAction; does: string }> = [
  { keys: ["J", "Alt+↓"], action: "next", does: "Next conversation in the view" },
  { keys: ["K", "Alt+↑"], action: "previous", does: "Previous conversation in the view" },
  { keys: ["R"], action: "reply", does: "Write a reply" },
  { keys: ["N"], action: "note", does: "Write an internal note" },
  { keys: ["E"], action: "close", does: "Close the conversation" },
  { keys: ["T"], action: "transfer", does: "Transfer the conversation" },
  { keys: ["?"], action: "help", does: "Show these shortcuts" },
];

const LETTERS: Readonly<Record<string, ShortcutAction>> = {
  j: "next",
  k: "previous",
  r: "reply",
  n: "note",
  e: "close",
  t: "transfer",
};

/** The parts of a `KeyboardEvent` a shortcut depends on. */
export interface ShortcutKey {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/**
 * The action a key press asks for, or null. Never while the agent types (the focus is in a text
 * field, a select or an editable element: there the letters are text), never with Ctrl or Cmd
 * (the browser's shortcuts), never for a key a component already handled.
 */
export function shortcutAction(event: ShortcutKey): ShortcutAction | null {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey) return null;
  if (isTyping(event.target)) return null;
  if (event.altKey) {
    if (event.key === "ArrowDown") return "next";
    if (event.key === "ArrowUp") return "previous";
    return null;
  }
  if (event.key === "?") return "help";
  return LETTERS[event.key.toLowerCase()] ?? null;
}

/** Whether key presses on this element are text: inputs that take text, textareas, selects, editables. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as { tagName?: string; type?: string; isContentEditable?: boolean } | null;
  if (!element?.tagName) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && !NOT_TEXT_INPUTS.has((element.type ?? "text").toLowerCase());
}

const NOT_TEXT_INPUTS = new Set([
  "button",
  "checkbox",
  "radio",
  "submit",
  "reset",
  "file",
  "image",
  "range",
  "color",
]);

/**
 * The conversation `step` places after (1) or before (-1) the open one in a view's order; the first
 * (or last) when none of the view is open; null at either end or for an empty view.
 */
export function neighbour(ids: readonly string[], selectedId: string | null, step: 1 | -1): string | null {
  const at = selectedId === null ? -1 : ids.indexOf(selectedId);
  if (at < 0) return (step === 1 ? ids[0] : ids[ids.length - 1]) ?? null;
  return ids[at + step] ?? null;
}
