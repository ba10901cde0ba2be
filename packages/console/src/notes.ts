import { batch, type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Note } from "@relaydesk/sdk-types";
import { type AgentLink, type AgentModule, describeError } from "./agent-link.ts";

export interface NotesOptions {
  link: AgentLink;
}

export interface Notes extends AgentModule {
  /** Internal notes per conversation, oldest first, once loaded or received. */
  readonly byConversation: ReadonlySignal<ReadonlyMap<string, readonly Note[]>>;
  /** Conversations whose note is on its way to the relay. */
  readonly adding: ReadonlySignal<ReadonlySet<string>>;
  /** Fetch a conversation's notes (when it opens). */
  load(conversationId: string): void;
  /** Add an internal note; resolves false when there was nothing to add or the relay refused. */
  add(conversationId: string, body: string): Promise<boolean>;
}

/**
 * Internal notes: for the agents of the conversation's app only (`list-notes`, `add-note`,
 * `note-created`). The relay never sends them to a visitor; the console shows them apart from
 * the messages, marked as not visible to the visitor.
 *
 * @example
 * notes.load("cnv_1");
 * await notes.add("cnv_1", "Customer is on the legacy plan");
 */
export function createNotes(options: NotesOptions): Notes {
  const { link } = options;
  const byConversation = signal<ReadonlyMap<string, readonly Note[]>>(new Map());
  const adding = signal<ReadonlySet<string>>(new Set());
  let actions: AgentActions | null = null;

  function insert(notes: readonly Note[]): void {
    const next = new Map(byConversation.value);
    for (const note of notes) {
      const list = next.get(note.conversationId) ?? [];
      if (list.some((n) => n.id === note.id)) continue;
      next.set(
        note.conversationId,
        [...list, note].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
      );
    }
    byConversation.value = next;
  }

  function load(conversationId: string): void {
    const a = actions;
    if (!a) return;
    a.listNotes(conversationId).then(
      (notes) => {
        if (actions === a) insert(notes);
      },
      (cause: unknown) => {
        if (actions === a) link.fail(`Could not load the internal notes: ${describeError(cause)}`);
      },
    );
  }

  const setAdding = (conversationId: string, on: boolean) => {
    const next = new Set(adding.value);
    if (on) next.add(conversationId);
    else next.delete(conversationId);
    adding.value = next;
  };

  return {
    byConversation,
    adding,
    attach(client: RelaydeskClient, agent: AgentActions) {
      actions = agent;
      return [
        client.on("note-created", (event) => insert([event.note])),
        // Notes added while the socket was down came as no event.
        client.on("welcome", () => {
          const open = link.selectedId();
          if (open !== null) load(open);
        }),
      ];
    },
    reset() {
      actions = null;
      batch(() => {
        byConversation.value = new Map();
        adding.value = new Set();
      });
    },
    load,
    async add(conversationId, body) {
      const a = actions;
      const text = body.trim();
      if (!a || !text || adding.value.has(conversationId)) return false;
      setAdding(conversationId, true);
      try {
        const note = await a.addNote(conversationId, text);
        if (actions === a) insert([note]);
        return actions === a;
      } catch (cause) {
        if (actions === a) link.fail(`Could not add the note: ${describeError(cause)}`);
        return false;
      } finally {
        if (actions === a) setAdding(conversationId, false);
      }
    },
  } satisfies Notes;
}
