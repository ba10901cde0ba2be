import type { Message } from "@relaydesk/sdk-types";

/**
 * The list with `message` in seq order, or the same list when a message with that id is already
 * there. Messages reach the console twice by design (live, then again in a history page or a
 * resume replay), so inserting must be idempotent.
 */
export function insertMessage(list: readonly Message[], message: Message): readonly Message[] {
  if (list.some((m) => m.id === message.id)) return list;
  // New messages almost always belong at the end: scan from there.
  let index = list.length;
  while (index > 0 && list[index - 1]!.seq > message.seq) index--;
  return [...list.slice(0, index), message, ...list.slice(index)];
}
