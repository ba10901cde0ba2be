import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import type { ClientFailure, ClientOptions, ConnectionState, RelaydeskClient } from "@relaydesk/client";
import { type AgentActions, agentActions } from "@relaydesk/client/agent";
import { uploadFile } from "@relaydesk/client/upload-file";
import type {
  Ack,
  Attachment,
  Author,
  Conversation,
  DeliveredEvent,
  Message,
  ReadEvent,
  TypingEvent,
  Welcome,
} from "@relaydesk/sdk-types";
import { type AgentLink, describeError as describe } from "./agent-link.ts";
import { type Attachments, type AttachmentsOptions, createAttachments } from "./attachments.ts";
import { type Canned, createCanned } from "./canned.ts";
import { type Claimable, createClaimable } from "./claimable.ts";
import { type ConversationActions, createConversationActions } from "./conversation-actions.ts";
import { type InboxGroups, inboxGroups } from "./inbox-groups.ts";
import { insertMessage } from "./insert-message.ts";
import { createNotes, type Notes } from "./notes.ts";
import { createOffers, type Offers } from "./offers.ts";
import { createPresence, type Presence } from "./presence.ts";
import { createQueues, type Queues } from "./queues.ts";
import { createVisitorHistory, type VisitorHistory } from "./visitor-history.ts";

/** Where the agent token is kept so that a reload stays signed in. */
export const TOKEN_KEY = "relaydesk:console:agentToken";

export const UNAUTHORIZED_TEXT = "That token was not accepted";

/** The part of `localStorage` the console uses. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ConsoleStoreOptions {
  /** Relay base URL; the console passes `location.origin` (the socket is at `/v1/ws`). */
  url: string;
  createClient: (options: ClientOptions) => RelaydeskClient;
  /** Keeps the token across reloads; `null` keeps it in memory only. */
  storage?: TokenStorage | null;
  now?: () => number;
  /** Chooses the clientMsgId of each reply. */
  newClientMsgId?: () => string;
  /** A peer's "typing" indicator goes away after this long without a fresh event, ms. */
  typingTimeoutMs?: number;
  /** While the agent keeps typing, `typing: true` is repeated at most this often, ms. */
  typingResendMs?: number;
  /** Uploads a file (`uploadFile` of @relaydesk/client). */
  uploadFile?: AttachmentsOptions["upload"];
  /** Downloads files and image previews. */
  fetch?: typeof globalThis.fetch;
  /** Hands a downloaded file to the browser. */
  saveFile?: AttachmentsOptions["saveFile"];
  /** The agent-only requests of a client (`agentActions` of @relaydesk/client/agent). */
  agentActions?: (client: RelaydeskClient) => AgentActions;
}

const DEFAULTS = {
  storage: null,
  now: Date.now,
  newClientMsgId: randomClientMsgId,
  typingTimeoutMs: 6_000,
  typingResendMs: 3_000,
  uploadFile: (target, conversationId, data, name) => uploadFile(target, conversationId, data, name),
  fetch: (input, init) => globalThis.fetch(input, init),
  saveFile: saveWithLink,
  agentActions,
} satisfies Required<Omit<ConsoleStoreOptions, "url" | "createClient">>;

/** Where the cursor goes when a conversation opens (`ConsoleStore.focus`). */
export type OpenFocus = "reply" | "inbox";

/** A reply the relay has not acknowledged yet. */
export interface PendingSend {
  conversationId: string;
  clientMsgId: string;
  body: string;
  /** Files sent with it (already uploaded). */
  attachments: readonly Attachment[];
  queuedAt: number;
  status: "sending" | "failed";
  /** Why it failed, when it did. */
  error: string | null;
}

export interface ConsoleStore {
  readonly token: ReadonlySignal<string | null>;
  readonly connection: ReadonlySignal<ConnectionState>;
  /** The latest `welcome`: who the agent is. Null until connected. */
  readonly session: ReadonlySignal<Welcome | null>;
  readonly conversations: ReadonlySignal<ReadonlyMap<string, Conversation>>;
  readonly selectedId: ReadonlySignal<string | null>;
  readonly selected: ReadonlySignal<Conversation | null>;
  /**
   * Where the cursor goes when a conversation opens: the reply box (a click, Enter), or stays in
   * the inbox on its entry (J / K step through a view without typing into a reply).
   */
  readonly focus: ReadonlySignal<OpenFocus>;
  /** Per conversation, deduplicated by id and sorted by seq. */
  readonly messages: ReadonlySignal<ReadonlyMap<string, readonly Message[]>>;
  readonly pending: ReadonlySignal<readonly PendingSend[]>;
  readonly unread: ReadonlySignal<ReadonlyMap<string, number>>;
  /**
   * Per conversation, the highest seq the visitor has read: the agent's replies up to it show as
   * "Read". From the visitor's `read` events since this page loaded (the relay does not store them).
   */
  readonly visitorRead: ReadonlySignal<ReadonlyMap<string, number>>;
  /**
   * Per conversation, the highest seq the visitor's client has received: the agent's replies up to
   * it show as "Delivered" until they are read. From the visitor's `delivered` events, like `read`.
   */
  readonly visitorDelivered: ReadonlySignal<ReadonlyMap<string, number>>;
  /** Who is typing in each conversation (other than the agent). */
  readonly typing: ReadonlySignal<ReadonlyMap<string, Author>>;
  /** Unsent reply text per conversation. */
  readonly drafts: ReadonlySignal<ReadonlyMap<string, string>>;
  readonly inbox: ReadonlySignal<InboxGroups>;
  readonly error: ReadonlySignal<string | null>;
  /** Files staged for replies, image previews, downloads. */
  readonly attachments: Attachments;
  /** Conversations offered to this agent, with Accept and Decline. */
  readonly offers: Offers;
  /** Your online / away status and your teammates'. */
  readonly presence: Presence;
  /** Internal notes, never shown to the visitor. */
  readonly notes: Notes;
  /** Claim, transfer, tags, priority, reopen. */
  readonly actions: ConversationActions;
  /** The conversations the relay says you can claim now (the Claim buttons). */
  readonly claimable: Claimable;
  /** Canned replies for the reply box ("/" and a shortcut). */
  readonly canned: Canned;
  /** Your queues, for the "My queues" view. */
  readonly queues: Queues;
  /** The visitor's earlier conversations, and one opened to read. */
  readonly history: VisitorHistory;
  /** Connect with the token kept from an earlier visit, if any. */
  start(): void;
  signIn(token: string): void;
  signOut(): void;
  openConversation(conversationId: string, options?: { focus?: OpenFocus }): void;
  setDraft(conversationId: string, text: string): void;
  /** Sends the open conversation's draft and uploaded files; false when there was nothing to send. */
  send(): boolean;
  /** Upload a file for the open conversation's next reply. */
  attachFile(file: Blob & { readonly name: string }): void;
  /** Save an attachment to disk; a failure shows in `error`. */
  downloadAttachment(attachment: Attachment): void;
  retry(clientMsgId: string): void;
  closeConversation(): void;
  dismissError(): void;
}

/**
 * All state of the console, in signals, and the actions that change it. Components read the
 * signals and call the actions; only this module talks to the protocol client.
 *
 * @example
 * const store = createConsoleStore({ url: location.origin, createClient, storage: localStorage });
 * store.start();
 */
export function createConsoleStore(options: ConsoleStoreOptions): ConsoleStore {
  const o = { ...DEFAULTS, ...options };
  const storage = o.storage;

  const token = signal<string | null>(readToken());
  const connection = signal<ConnectionState>("idle");
  const session = signal<Welcome | null>(null);
  const conversations = signal<ReadonlyMap<string, Conversation>>(new Map());
  const selectedId = signal<string | null>(null);
  const focus = signal<OpenFocus>("reply");
  const messages = signal<ReadonlyMap<string, readonly Message[]>>(new Map());
  const pending = signal<readonly PendingSend[]>([]);
  const unread = signal<ReadonlyMap<string, number>>(new Map());
  const visitorRead = signal<ReadonlyMap<string, number>>(new Map());
  const visitorDelivered = signal<ReadonlyMap<string, number>>(new Map());
  const typing = signal<ReadonlyMap<string, Author>>(new Map());
  const drafts = signal<ReadonlyMap<string, string>>(new Map());
  const error = signal<string | null>(null);
  const attachments = createAttachments({
    url: o.url,
    token,
    upload: o.uploadFile,
    fetch: o.fetch,
    saveFile: o.saveFile,
  });
  const link: AgentLink = {
    upsertConversation: (conversation) => upsertConversation(conversation),
    openConversation: (conversationId) => openConversation(conversationId),
    selectedId: () => selectedId.value,
    fail: (text) => {
      error.value = text;
    },
    selfName: () => session.value?.self.name ?? null,
    selfId: () => session.value?.self.id ?? null,
  };
  const offers = createOffers({ link, now: o.now });
  const presence = createPresence({ link });
  const notes = createNotes({ link });
  const actions = createConversationActions({ link });
  const claimable = createClaimable();
  const canned = createCanned({ link });
  const queues = createQueues();
  const history = createVisitorHistory({ link });
  const modules = [offers, presence, notes, actions, claimable, canned, queues, history];

  const selected = computed(() => {
    const id = selectedId.value;
    return id === null ? null : (conversations.value.get(id) ?? null);
  });
  const inbox = computed(() =>
    inboxGroups(
      conversations.value,
      messages.value,
      unread.value,
      session.value?.self.id ?? null,
      offers.ids.value,
      queues.keys.value,
    ),
  );

  let client: RelaydeskClient | null = null;
  // The agent requests of `client` (set and cleared with it).
  let agent: AgentActions | null = null;
  let unsubscribe: Array<() => void> = [];
  // Server time of the first `welcome` since signing in. Messages written before it are history
  // (the client backfills whole threads at connect), not news: only later ones count as unread.
  let newsSince: number | null = null;
  const readSent = new Map<string, number>();
  const fetching = new Set<string>();
  // Conversations whose history is loading: they are marked read once, at the end.
  const loading = new Map<string, object>();
  // Reads to send at the end of this task: a burst of messages becomes one `read` frame.
  const readsDue = new Set<string>();
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let typingSent: { conversationId: string; at: number } | null = null;
  let listing: { client: RelaydeskClient; again: boolean } | null = null;

  function readToken(): string | null {
    try {
      return storage?.getItem(TOKEN_KEY) || null;
    } catch {
      return null; // storage can be disabled by the browser; the console then forgets on reload
    }
  }

  function writeToken(value: string | null): void {
    try {
      if (value === null) storage?.removeItem(TOKEN_KEY);
      else storage?.setItem(TOKEN_KEY, value);
    } catch {
      // see readToken
    }
  }

  function update<K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): ReadonlyMap<K, V> {
    const next = new Map(map);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    return next;
  }

  function isSelf(author: Author): boolean {
    const selfId = session.value?.self.id;
    return author.kind === "agent" && selfId !== undefined && author.id === selfId;
  }

  function connect(agentToken: string): void {
    disconnect();
    const c = o.createClient({ url: o.url, auth: { role: "agent", agentToken }, autoConnect: false });
    client = c;
    unsubscribe = [
      c.on("state", (state) => {
        connection.value = state;
      }),
      c.on("welcome", (welcome) => onWelcome(c, welcome)),
      c.on("message", onMessage),
      c.on("reset", onReset),
      c.on("conversation", upsertConversation),
      c.on("typing", onTyping),
      c.on("read", onRead),
      c.on("delivered", onDelivered),
      c.on("failed", onFailed),
    ];
    const requests = o.agentActions(c);
    agent = requests;
    for (const module of modules) unsubscribe.push(...module.attach(c, requests));
    connection.value = c.state;
    c.connect();
  }

  function disconnect(): void {
    for (const off of unsubscribe) off();
    unsubscribe = [];
    client?.close();
    client = null;
    agent = null;
    connection.value = "idle";
  }

  function resetData(): void {
    batch(() => {
      session.value = null;
      conversations.value = new Map();
      selectedId.value = null;
      messages.value = new Map();
      pending.value = [];
      unread.value = new Map();
      visitorRead.value = new Map();
      visitorDelivered.value = new Map();
      typing.value = new Map();
      drafts.value = new Map();
    });
    attachments.reset();
    for (const module of modules) module.reset();
    newsSince = null;
    readsDue.clear();
    readSent.clear();
    fetching.clear();
    loading.clear();
    for (const timer of typingTimers.values()) clearTimeout(timer);
    typingTimers.clear();
    typingSent = null;
  }

  function onWelcome(c: RelaydeskClient, welcome: Welcome): void {
    newsSince ??= welcome.serverTime;
    batch(() => {
      session.value = welcome;
      error.value = null;
    });
    void refreshConversations(c);
  }

  async function refreshConversations(c: RelaydeskClient): Promise<void> {
    if (listing?.client === c) {
      // Asked again (a reconnect, an unknown conversation) while a list is on its way: the answer
      // may predate the reason, so list once more after it.
      listing.again = true;
      return;
    }
    const current = { client: c, again: false };
    listing = current;
    try {
      if (!agent) return;
      // The agent's list carries what it may claim; the Claim buttons follow it, then `claimable`.
      const list = await agent.listConversations();
      if (client !== c) return;
      batch(() => {
        for (const conversation of list.conversations) upsertConversation(conversation);
        claimable.listed(list.conversations, list.claimable);
      });
    } catch (cause) {
      if (client === c) error.value = `Could not load conversations: ${describe(cause)}`;
    } finally {
      if (listing === current) listing = null;
    }
    if (current.again && client === c) await refreshConversations(c);
  }

  function upsertConversation(conversation: Conversation): void {
    const known = conversations.value.get(conversation.id);
    // A list reply can cross a live update on the wire; the newer state wins.
    if (known && known.updatedAt > conversation.updatedAt) return;
    conversations.value = update(conversations.value, conversation.id, conversation);
    fetchMissing(conversation);
  }

  /**
   * The inbox shows each conversation's last message, but listing conversations returns none, and
   * a conversation can move ahead without this socket seeing its messages: fetch what is missing.
   * For the open conversation that is every message after the newest one held, otherwise only
   * the last one (the full history loads when the agent opens it).
   */
  function fetchMissing(conversation: Conversation): void {
    const c = client;
    const id = conversation.id;
    const held = lastSeq(id);
    if (!c || conversation.lastSeq <= held || fetching.has(id)) return;
    const afterSeq = id === selectedId.value ? held : Math.max(held, conversation.lastSeq - 1);
    fetching.add(id);
    c.getHistory(id, { afterSeq })
      .then((page) => {
        if (client === c) batch(() => page.messages.forEach(onMessage));
      })
      .catch(() => {
        // Only the preview is missing; opening the conversation loads it again.
      })
      .finally(() => fetching.delete(id));
  }

  function lastSeq(conversationId: string): number {
    const list = messages.value.get(conversationId);
    return list?.[list.length - 1]?.seq ?? 0;
  }

  function onMessage(message: Message): void {
    const id = message.conversationId;
    const list = messages.value.get(id) ?? [];
    const next = insertMessage(list, message);
    if (next === list) return;
    batch(() => {
      messages.value = update(messages.value, id, next);
      const before = pending.value;
      const after = before.filter((p) => p.conversationId !== id || p.clientMsgId !== message.clientMsgId);
      if (after.length !== before.length) pending.value = after;
      if (isSelf(message.author)) return;
      if (typing.value.has(id)) setTyping(id, null);
      if (id === selectedId.value) {
        if (!loading.has(id)) markRead(id);
      } else if (newsSince !== null && message.createdAt >= newsSince) {
        unread.value = update(unread.value, id, (unread.value.get(id) ?? 0) + 1);
      }
    });
    if (!conversations.value.has(id) && client) void refreshConversations(client);
  }

  function openConversation(conversationId: string, options: { focus?: OpenFocus } = {}): void {
    if (selectedId.value !== conversationId) stopTyping();
    batch(() => {
      focus.value = options.focus ?? "reply";
      selectedId.value = conversationId;
      unread.value = update(unread.value, conversationId, undefined);
    });
    const c = client;
    if (!c) return;
    notes.load(conversationId);
    history.closeTranscript();
    history.load(conversationId);
    const load = {};
    loading.set(conversationId, load);
    void (async () => {
      try {
        let afterSeq = 0;
        for (;;) {
          const page = await c.getHistory(conversationId, { afterSeq });
          if (client !== c) return;
          batch(() => page.messages.forEach(onMessage));
          const last = page.messages[page.messages.length - 1];
          if (!page.hasMore || !last) break;
          afterSeq = last.seq;
        }
      } catch (cause) {
        if (client === c) error.value = `Could not load the conversation: ${describe(cause)}`;
      } finally {
        if (loading.get(conversationId) === load) loading.delete(conversationId);
      }
      if (client === c && selectedId.value === conversationId) markRead(conversationId);
    })();
  }

  function markRead(conversationId: string): void {
    if (readsDue.size === 0) queueMicrotask(sendReads);
    readsDue.add(conversationId);
  }

  function sendReads(): void {
    for (const conversationId of readsDue) {
      const seq = lastSeq(conversationId);
      if (!client || seq <= (readSent.get(conversationId) ?? 0)) continue;
      readSent.set(conversationId, seq);
      client.markRead(conversationId, seq);
    }
    readsDue.clear();
  }

  /**
   * Messages of this conversation the console lacked were deleted under the relay's retention: what
   * it shows would keep a silent hole, so the thread starts over; the retained messages follow.
   */
  function onReset(event: { conversationId: string }): void {
    messages.value = update(messages.value, event.conversationId, []);
  }

  function onRead(event: ReadEvent): void {
    // Other agents' reads say nothing about whether the visitor saw a reply.
    if (event.reader.kind !== "visitor") return;
    if (event.seq > (visitorRead.value.get(event.conversationId) ?? 0)) {
      visitorRead.value = update(visitorRead.value, event.conversationId, event.seq);
    }
  }

  function onDelivered(event: DeliveredEvent): void {
    // Other agents' consoles receive every message too; only the visitor's client counts.
    if (event.recipient.kind !== "visitor") return;
    if (event.seq > (visitorDelivered.value.get(event.conversationId) ?? 0)) {
      visitorDelivered.value = update(visitorDelivered.value, event.conversationId, event.seq);
    }
  }

  function onTyping(event: TypingEvent): void {
    if (isSelf(event.author)) return;
    setTyping(event.conversationId, event.active ? event.author : null);
  }

  function setTyping(conversationId: string, author: Author | null): void {
    clearTimeout(typingTimers.get(conversationId));
    typingTimers.delete(conversationId);
    typing.value = update(typing.value, conversationId, author ?? undefined);
    // A peer that vanishes mid-word never sends `active: false`.
    if (author) {
      typingTimers.set(
        conversationId,
        setTimeout(() => setTyping(conversationId, null), o.typingTimeoutMs),
      );
    }
  }

  function onFailed(failure: ClientFailure): void {
    if (failure.code === "unauthorized") {
      disconnect();
      resetData();
      writeToken(null);
      batch(() => {
        token.value = null;
        error.value = UNAUTHORIZED_TEXT;
      });
      return;
    }
    error.value = `Disconnected: ${failure.reason || failure.code || `close code ${failure.closeCode}`}`;
  }

  function stopTyping(): void {
    if (typingSent && client) client.typing(typingSent.conversationId, false);
    typingSent = null;
  }

  function deliver(entry: PendingSend): void {
    const c = client;
    if (!c) return;
    const files = entry.attachments.map((a) => a.id);
    const opts = { clientMsgId: entry.clientMsgId, ...(files.length > 0 ? { attachments: files } : {}) };
    c.sendMessage(entry.conversationId, entry.body, opts).then(
      (ack) => {
        if (client === c) onAck(entry, ack);
      },
      (cause: unknown) => {
        if (client !== c) return;
        pending.value = pending.value.map((p) =>
          p.clientMsgId === entry.clientMsgId ? { ...p, status: "failed", error: describe(cause) } : p,
        );
      },
    );
  }

  function onAck(entry: PendingSend, ack: Ack): void {
    const self = session.value?.self;
    batch(() => {
      // The ack carries everything but the author and body, which are ours: show the message now
      // rather than wait for its echo (deduplicated by id when that arrives).
      if (self) {
        onMessage({
          id: ack.messageId,
          conversationId: ack.conversationId,
          seq: ack.seq,
          author: self,
          kind: "text",
          body: entry.body,
          clientMsgId: ack.clientMsgId,
          createdAt: ack.createdAt,
          ...(entry.attachments.length > 0 ? { attachments: [...entry.attachments] } : {}),
        });
      }
      pending.value = pending.value.filter((p) => p.clientMsgId !== entry.clientMsgId);
    });
  }

  return {
    token,
    connection,
    session,
    conversations,
    selectedId,
    selected,
    focus,
    messages,
    pending,
    unread,
    visitorRead,
    visitorDelivered,
    typing,
    drafts,
    inbox,
    error,
    attachments,
    offers,
    presence,
    notes,
    actions,
    claimable,
    canned,
    queues,
    history,

    start() {
      if (token.value && !client) connect(token.value);
    },

    signIn(value) {
      const trimmed = value.trim();
      if (!trimmed) {
        error.value = "Enter an agent token";
        return;
      }
      writeToken(trimmed);
      resetData();
      batch(() => {
        token.value = trimmed;
        error.value = null;
      });
      connect(trimmed);
    },

    signOut() {
      stopTyping();
      disconnect();
      resetData();
      writeToken(null);
      batch(() => {
        token.value = null;
        error.value = null;
      });
    },

    openConversation,

    setDraft(conversationId, text) {
      drafts.value = update(drafts.value, conversationId, text || undefined);
      if (!client) return;
      if (!text.trim()) {
        stopTyping();
        return;
      }
      const now = o.now();
      const fresh = typingSent?.conversationId === conversationId && now - typingSent.at < o.typingResendMs;
      if (!fresh) {
        client.typing(conversationId, true);
        typingSent = { conversationId, at: now };
      }
    },

    send() {
      const conversationId = selectedId.value;
      if (conversationId === null || !client) return false;
      const body = (drafts.value.get(conversationId) ?? "").trim();
      const files = attachments.ready(conversationId);
      if (files === null) {
        error.value = "Wait until the files are uploaded";
        return false;
      }
      if (!body && files.length === 0) return false;
      if (conversations.value.get(conversationId)?.status === "closed") {
        error.value = "This conversation is closed";
        return false;
      }
      const maxChars = session.value?.limits.maxBodyChars ?? Number.POSITIVE_INFINITY;
      if (body.length > maxChars) {
        error.value = `A reply can be at most ${maxChars} characters`;
        return false;
      }
      const entry: PendingSend = {
        conversationId,
        clientMsgId: o.newClientMsgId(),
        body,
        attachments: files,
        queuedAt: o.now(),
        status: "sending",
        error: null,
      };
      stopTyping();
      batch(() => {
        pending.value = [...pending.value, entry];
        drafts.value = update(drafts.value, conversationId, undefined);
        attachments.take(conversationId);
      });
      deliver(entry);
      return true;
    },

    attachFile(file) {
      const conversationId = selectedId.value;
      if (conversationId === null) return;
      if (conversations.value.get(conversationId)?.status === "closed") {
        error.value = "This conversation is closed";
        return;
      }
      attachments.attach(conversationId, file);
    },

    downloadAttachment(attachment) {
      attachments.download(attachment).catch((cause: unknown) => {
        error.value = describe(cause);
      });
    },

    retry(clientMsgId) {
      const entry = pending.value.find((p) => p.clientMsgId === clientMsgId && p.status === "failed");
      if (!entry) return;
      const again: PendingSend = { ...entry, status: "sending", error: null };
      pending.value = pending.value.map((p) => (p === entry ? again : p));
      deliver(again);
    },

    closeConversation() {
      const c = client;
      const requests = agent;
      const conversationId = selectedId.value;
      if (!c || !requests || conversationId === null) return;
      requests.closeConversation(conversationId).then(
        (conversation) => {
          if (client === c) upsertConversation(conversation);
        },
        (cause: unknown) => {
          if (client === c) error.value = `Could not close the conversation: ${describe(cause)}`;
        },
      );
    },

    dismissError() {
      error.value = null;
    },
  } satisfies ConsoleStore;
}

/** Saves a blob under `name` through a detached `a[download]`: the page never shows its `blob:` URL. */
function saveWithLink(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the click; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Random id within the protocol's id alphabet; `crypto.randomUUID` needs a secure context. */
function randomClientMsgId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `cm_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
