import type { Conversation, Message, Resume } from "@relaydesk/sdk-types";
import type { Storage } from "../storage/types.ts";
import type { Identity } from "./identity.ts";
import type { Outbound } from "./outbound.ts";
import { maySee } from "./request-scope.ts";

const PAGE = 100;

/**
 * The resume replay after `welcome`: every message the client has not seen, as `message-created`,
 * in seq order per conversation, read from storage page by page. Visitors get all their
 * conversations (a new tab knows nothing yet and must see the whole thread); agents only the
 * conversations they name in `hello.resume` that belong to their apps (they load others on demand
 * with `get-history`).
 *
 * Returns `sync-complete.lastSeq`: the newest seq per replayed conversation. It is what storage
 * holds, not what the client claimed: a client claiming more than exists (a restored database)
 * learns the real number, and live messages after it are not mistaken for duplicates.
 *
 * Past retention: storage keeps each conversation's messages from some seq on, without holes, so
 * a first message above `claimed + 1` means the ones between were deleted. The client is told
 * `not-recovered` before the retained messages, so it starts over instead of holding a silent gap.
 * Reading the gap from the messages themselves stays right even when a prune runs mid-replay.
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
        if (message.seq > (newest ?? claimed) + 1 && !(await notRecovered(outbound, message))) return lastSeq;
        if (!(await outbound.sendPaced({ type: "message-created", message }))) return lastSeq;
        newest = message.seq;
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = last.seq;
    }
    if (newest === null && claimed < conversation.lastSeq) {
      // Nothing after the claim is left, yet the conversation went further: all of it was deleted.
      const firstSeq = (await storage.firstSeq(conversation.id)) ?? conversation.lastSeq + 1;
      if (firstSeq > claimed + 1) {
        const sent = await outbound.sendPaced({
          type: "not-recovered",
          conversationId: conversation.id,
          firstSeq,
        });
        if (!sent) return lastSeq;
        newest = firstSeq - 1;
      }
    }
    const seq = newest ?? Math.min(claimed, conversation.lastSeq);
    outbound.markSent(conversation.id, seq);
    lastSeq[conversation.id] = seq;
  }
  return lastSeq;
}

function notRecovered(outbound: Outbound, first: Message): Promise<boolean> {
  return outbound.sendPaced({
    type: "not-recovered",
    conversationId: first.conversationId,
    firstSeq: first.seq,
  });
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
    // Another app's conversation is skipped exactly like a missing one: resume must not be a way
    // around the per-request check (nor tell which ids exist).
    if (conversation && maySee(identity, conversation)) found.push(conversation);
  }
  return found;
}
