import type { Conversation } from "@relaydesk/sdk-types";
import { APP_ID, type Harness, type TestSocket } from "./relay-harness.ts";

/** Store a routing document for the harness app, as `relaydesk routing set` does. */
export async function setRouting(harness: Harness, document: unknown): Promise<void> {
  await harness.storage.putRoutingConfig(APP_ID, document, Date.now());
}

/** The next `conversation-updated` for this conversation that matches. */
export async function updated(
  socket: TestSocket,
  conversationId: string,
  match: (conversation: Conversation) => boolean = () => true,
  timeoutMs?: number,
): Promise<Conversation> {
  const frame = await socket.next(
    "conversation-updated",
    (f) => f.conversation.id === conversationId && match(f.conversation),
    timeoutMs,
  );
  return frame.conversation;
}

export function offersTo(socket: TestSocket): string[] {
  return socket.frames.flatMap((f) => (f.type === "offer" ? [f.conversation.id] : []));
}
