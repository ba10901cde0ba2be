import type { Conversation, Resume } from "@relaydesk/sdk-types";
import type { Storage } from "../storage/types.ts";
import type { Identity } from "./identity.ts";
import type { Outbound } from "./outbound.ts";

const PAGE = 100;

/**
 * The resume replay after `welcome`: every message the client has not seen, as `message-created`,
 * in seq order per conversation, read from storage page by page. Visitors get all their
 * conversations (a new tab knows nothing yet and must see the whole thread); agents only the
 * conversations they name in `hello.resume` (they load others on demand with `get-history`).
 *
 * Returns `sync-complete.lastSeq`: the newest seq per replayed conversation. It is what storage
 * holds, not what the client claimed: a client claiming more than exists (a restored database)
 * learns the real number, and live messages after it are not mistaken for duplicates.
 */
export async function replay(
  storage: Storage,
  identity: Identity,
  resume: Resume | undefined,
  outbound: Outbound,
): Promise<Record<string, number>> {
  const conversations = await conversationsToReplay(storage, identity, resume);
  const lastSeq: Record<string, number> = {};
  for (const conversation of conversations) {
    const claimed = resume?.[conversation.id] ?? 0;
    let after = claimed;
    let newest: number | null = null;
    for (;;) {
      const page = await storage.listMessages(conversation.id, after, PAGE);
      for (const message of page) {
        if (!(await outbound.sendPaced({ type: "message-created", message }))) return lastSeq;
        newest = message.seq;
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.seq;
    }
    const seq = newest ?? Math.min(claimed, conversation.lastSeq);
    outbound.markSent(conversation.id, seq);
    lastSeq[conversation.id] = seq;
  }
  return lastSeq;
}

async function conversationsToReplay(
  storage: Storage,
  identity: Identity,
  resume: Resume | undefined,
): Promise<Conversation[]> {
  if (identity.role === "visitor") {
    const own = await storage.listConversations({ appId: identity.appId, visitorId: identity.visitorId });
    // Oldest first, so a client rendering as frames arrive builds threads in a stable order.
    return own.sort((a, b) => a.createdAt - b.createdAt);
  }
  const found: Conversation[] = [];
  for (const id of Object.keys(resume ?? {})) {
    const conversation = await storage.getConversation(id);
    if (conversation) found.push(conversation);
  }
  return found;
}
