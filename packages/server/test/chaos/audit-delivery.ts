import type { Ack, Message } from "@relaydesk/sdk-types";
import type { StoredConversation } from "./stored-messages.ts";

/** One client and the messages it emitted as `message` events, in emission order. */
export interface Participant {
  name: string;
  /**
   * The conversations it must hold in full: a visitor's own. `null` for an agent: every
   * conversation it received any message of (agents load the others on demand).
   */
  conversations: ReadonlySet<string> | null;
  received: readonly Message[];
}

export interface DeliveryAudit {
  /** Acknowledged messages of a participant's conversations that it never received. */
  lost: number;
  /** Extra receipts of a message id the participant had already received. */
  duplicates: number;
  /** Receipts whose seq is not the previous one (in that conversation) plus one, starting at 1. */
  outOfOrder: number;
  /** Receipts that differ from the stored message with that seq (id, clientMsgId, author, body). */
  mismatched: number;
  /** Messages a visitor received from a conversation that is not its own. */
  foreign: number;
  problems: string[];
}

const MAX_PROBLEMS = 10;

/** The delivery promise, checked per participant: everything acked, once each, in seq order. */
export function auditDelivery(
  acked: readonly Ack[],
  participants: readonly Participant[],
  stored: ReadonlyMap<string, StoredConversation>,
): DeliveryAudit {
  const audit: DeliveryAudit = {
    lost: 0,
    duplicates: 0,
    outOfOrder: 0,
    mismatched: 0,
    foreign: 0,
    problems: [],
  };
  const note = (problem: string) => {
    if (audit.problems.length < MAX_PROBLEMS) audit.problems.push(problem);
  };
  const ackedBy = new Map<string, Ack[]>();
  for (const ack of acked) {
    const list = ackedBy.get(ack.conversationId) ?? [];
    list.push(ack);
    ackedBy.set(ack.conversationId, list);
  }

  for (const { name, conversations, received } of participants) {
    const ids = new Set<string>();
    const lastSeq = new Map<string, number>();
    for (const message of received) {
      const { conversationId, seq } = message;
      if (conversations && !conversations.has(conversationId)) {
        audit.foreign += 1;
        note(`${name} received ${message.id} of another visitor's conversation ${conversationId}`);
        continue;
      }
      if (ids.has(message.id)) {
        audit.duplicates += 1;
        note(`${name} received ${message.id} (${conversationId} seq ${seq}) twice`);
        continue;
      }
      ids.add(message.id);
      const previous = lastSeq.get(conversationId) ?? 0;
      if (seq !== previous + 1) {
        audit.outOfOrder += 1;
        note(`${name} received ${conversationId} seq ${seq} after seq ${previous}`);
      }
      lastSeq.set(conversationId, Math.max(previous, seq));
      const original = stored.get(conversationId)?.messages[seq - 1];
      if (
        !original ||
        original.id !== message.id ||
        original.clientMsgId !== message.clientMsgId ||
        original.authorId !== message.author.id ||
        original.body !== message.body
      ) {
        audit.mismatched += 1;
        note(`${name} received ${JSON.stringify(message)}, storage holds ${JSON.stringify(original)}`);
      }
    }
    for (const conversationId of conversations ?? lastSeq.keys()) {
      for (const ack of ackedBy.get(conversationId) ?? []) {
        if (ids.has(ack.messageId)) continue;
        audit.lost += 1;
        note(`${name} never received ${conversationId} seq ${ack.seq} (${ack.clientMsgId})`);
      }
    }
  }
  return audit;
}

/**
 * Messages stored out of the order their sender sent them: per sender and conversation, each
 * acknowledged seq must be above the one sent before it. (A person who typed A then B must not see
 * B above A.)
 */
export function countReorderedSends(
  sendOrder: readonly (readonly [sender: string, conversationId: string, clientMsgId: string])[],
  acked: readonly Ack[],
): { reordered: number; problems: string[] } {
  const seqOf = new Map(acked.map((ack) => [`${ack.conversationId}/${ack.clientMsgId}`, ack.seq]));
  const previous = new Map<string, { seq: number; clientMsgId: string }>();
  const problems: string[] = [];
  let reordered = 0;
  for (const [sender, conversationId, clientMsgId] of sendOrder) {
    const seq = seqOf.get(`${conversationId}/${clientMsgId}`);
    if (seq === undefined) continue;
    const key = `${sender}/${conversationId}`;
    const before = previous.get(key);
    if (before && seq < before.seq) {
      reordered += 1;
      if (problems.length < MAX_PROBLEMS) {
        problems.push(
          `${sender} sent ${clientMsgId} after ${before.clientMsgId}, stored as seq ${seq} < ${before.seq}`,
        );
      }
    }
    if (!before || seq > before.seq) previous.set(key, { seq, clientMsgId });
  }
  return { reordered, problems };
}
