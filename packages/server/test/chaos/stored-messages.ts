import type { Ack } from "@relaydesk/sdk-types";
import Database from "better-sqlite3";

export interface StoredMessage {
  id: string;
  seq: number;
  clientMsgId: string;
  authorKind: string;
  authorId: string;
  body: string;
}

export interface StoredConversation {
  /** `conversations.last_seq`: the seq the next message continues from. */
  lastSeq: number;
  /** In seq order. */
  messages: StoredMessage[];
}

/**
 * Every conversation and message in a relay's SQLite file, read straight from the tables (not
 * through the storage module under test), read-only, once the relay has stopped.
 */
export function readStoredMessages(dbPath: string): Map<string, StoredConversation> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const stored = new Map<string, StoredConversation>();
    const conversations = db.prepare("SELECT id, last_seq FROM conversations").all() as {
      id: string;
      last_seq: number;
    }[];
    for (const row of conversations) stored.set(row.id, { lastSeq: row.last_seq, messages: [] });
    const messages = db
      .prepare(
        `SELECT id, conversation_id, seq, client_msg_id, author_kind, author_id, body
         FROM messages ORDER BY conversation_id, seq`,
      )
      .all() as {
      id: string;
      conversation_id: string;
      seq: number;
      client_msg_id: string;
      author_kind: string;
      author_id: string;
      body: string;
    }[];
    for (const row of messages) {
      stored.get(row.conversation_id)?.messages.push({
        id: row.id,
        seq: row.seq,
        clientMsgId: row.client_msg_id,
        authorKind: row.author_kind,
        authorId: row.author_id,
        body: row.body,
      });
    }
    return stored;
  } finally {
    db.close();
  }
}

export interface StorageAudit {
  /** Conversations whose seqs are not exactly 1..N with `last_seq` = N. */
  gaps: number;
  /** (conversation, clientMsgId) pairs stored more than once. */
  repeatedClientMsgIds: number;
  /** Acknowledged messages missing from storage, or stored under another id or seq than acked. */
  ackedNotStored: number;
  /** Stored messages nobody holds an ack for (every send has settled, so there should be none). */
  storedNotAcked: number;
  problems: string[];
}

const MAX_PROBLEMS = 10;

/** Storage against the acks the senders hold: the durable half of the delivery promise. */
export function auditStorage(
  acked: readonly Ack[],
  stored: ReadonlyMap<string, StoredConversation>,
): StorageAudit {
  const audit: StorageAudit = {
    gaps: 0,
    repeatedClientMsgIds: 0,
    ackedNotStored: 0,
    storedNotAcked: 0,
    problems: [],
  };
  const note = (problem: string) => {
    if (audit.problems.length < MAX_PROBLEMS) audit.problems.push(problem);
  };
  const ackKeys = new Set(acked.map((ack) => `${ack.conversationId}/${ack.clientMsgId}`));
  for (const [conversationId, { lastSeq, messages }] of stored) {
    const seqs = messages.map((m) => m.seq);
    if (lastSeq !== messages.length || seqs.some((seq, i) => seq !== i + 1)) {
      audit.gaps += 1;
      note(`${conversationId}: stored seqs ${seqs.join(",")} with last_seq ${lastSeq}`);
    }
    const clientMsgIds = new Set<string>();
    for (const message of messages) {
      if (clientMsgIds.has(message.clientMsgId)) {
        audit.repeatedClientMsgIds += 1;
        note(`${conversationId}: clientMsgId ${message.clientMsgId} stored twice`);
      }
      clientMsgIds.add(message.clientMsgId);
      if (!ackKeys.has(`${conversationId}/${message.clientMsgId}`)) {
        audit.storedNotAcked += 1;
        note(`${conversationId}: ${message.clientMsgId} (seq ${message.seq}) stored but never acknowledged`);
      }
    }
  }
  for (const ack of acked) {
    const message = stored.get(ack.conversationId)?.messages.find((m) => m.clientMsgId === ack.clientMsgId);
    if (!message || message.id !== ack.messageId || message.seq !== ack.seq) {
      audit.ackedNotStored += 1;
      note(
        `${ack.conversationId}: acked ${ack.clientMsgId} as seq ${ack.seq}, stored ${JSON.stringify(message)}`,
      );
    }
  }
  return audit;
}
