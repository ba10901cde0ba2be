import { batch, computed, effect, signal } from "@preact/signals-core";
import type { ClientFailure, ConnectionState, IdentifyClaim } from "@relaydesk/client";
import type {
  Ack,
  Attachment,
  Author,
  Conversation,
  DeliveredEvent,
  Message,
  ReadEvent,
} from "@relaydesk/sdk-types";
import { lazyPart } from "./lazy-part.ts";
import { randomId } from "./random-id.ts";
import { EN, lookup } from "./strings.ts";
import type {
  ChatMessage,
  ColorScheme,
  PanelScreen,
  PanelView,
  WidgetClient,
  WidgetStorage,
  WidgetStore,
} from "./types.ts";
import { storedList } from "./widget-storage.ts";

export interface WidgetStoreOptions {
  /**
   * Called once per message id that reaches the visitor's conversations while the widget runs, in
   * either direction. History replayed when the widget connects is not reported again.
   */
  onMessage?: (message: Message) => void;
  /** Makes the clientMsgId of each sent message, and the idempotency key of each new conversation. */
  newClientMsgId?: () => string;
  /** Wait before asking again when starting a conversation failed with a retryable error while connected. */
  retryDelayMs?: number;
  /** Identify as this user first: before the visitor's first conversation starts (see `identify`). */
  user?: IdentifyClaim | null;
  /** Where a malformed or refused claim is reported. */
  console?: Pick<Console, "error">;
  /** The language tag to show the widget in (`store.locale`). */
  locale?: string;
  colorScheme?: ColorScheme;
  /** A conversation the visitor started here, or one of theirs that got closed. */
  onConversation?: (conversation: Conversation, change: "started" | "closed") => void;
  /** The relay and app that uploads go to (with the stored visitor token: `uploadTarget`). */
  relay?: { url: string; appId: string };
}

const DEFAULTS = {
  onMessage: () => {},
  newClientMsgId: () => randomId("w-"),
  retryDelayMs: 1000,
  user: null,
  console: globalThis.console,
  locale: "en",
  colorScheme: "light",
  onConversation: () => {},
  relay: { url: "", appId: "" },
} satisfies Required<WidgetStoreOptions>;

/** Identifying is not needed to chat: its code is a chunk of its own (build.mjs). */
const identityPart = lazyPart(() => import("./identify-user.ts"));

/** A message the visitor sent that the relay has not acknowledged (or that failed). */
interface Outgoing {
  clientMsgId: string;
  body: string;
  /** Uploaded files it carries (see the attachments chunk). */
  attachments?: Attachment[] | undefined;
  /** Null until the conversation it goes to is known. */
  conversationId: string | null;
  /** Written in a new conversation: its idempotency key (`clientConversationId`), until it is known. */
  start?: string | undefined;
  status: "sending" | "failed";
  queuedAt: number;
}

const ANONYMOUS_VISITOR: Author = { kind: "visitor", id: "self" };

/**
 * The widget's one store: connection, open state, the current conversation and its messages, unread
 * count. Components read its signals and call its actions.
 *
 * @example
 * const storage = createWidgetStorage("acme");
 * const store = createWidgetStore(createClient(visitorClientOptions(boot, storage)), storage);
 * await store.send("Hello"); // starts the conversation, shows "sending" until the relay acks
 */
export function createWidgetStore(
  client: WidgetClient,
  storage: WidgetStorage,
  options: WidgetStoreOptions = {},
): WidgetStore {
  const {
    onMessage,
    newClientMsgId,
    retryDelayMs,
    user,
    console: log,
    onConversation,
    relay,
    ...look
  } = { ...DEFAULTS, ...options };

  // What the last page left unsent: the client's restored outbox (already addressed), then what
  // was waiting for a conversation. Both show as "sending" at once and go out in this order.
  const waiting = storedList<Outgoing>(storage, "waiting");
  const held = client.pending();
  const restored: Outgoing[] = [
    // The client holds a message's files as ids only: it goes out with them, shown without them.
    ...held.map((item) => ({ ...item, attachments: undefined })),
    ...waiting
      .load()
      // Edited storage must not break rendering; a bad id only makes that message fail.
      .filter((item) => typeof item?.body === "string")
      .map((item) => ({ ...item, conversationId: null })),
  ].map((item) => ({ ...item, status: "sending" }));

  const connection = signal<ConnectionState>(client.state);
  const failure = signal<ClientFailure | null>(null);
  const isOpen = signal(false);
  const screen = signal<PanelScreen>("chat");
  // The restored outbox says which conversation the visitor was in, before the relay replays it.
  // Null: none yet, or (with `draftKey`) the new one the visitor is writing in.
  const currentId = signal<string | null>(held[held.length - 1]?.conversationId ?? null);
  /** The idempotency key of the new conversation the visitor chose to write in (`startNew`). */
  let draftKey: string | null = null;
  /** The visitor chose what to look at: arriving messages and conversations no longer pick it. */
  let pinned = false;
  const conversations = signal<ReadonlyMap<string, Conversation>>(new Map());
  const outgoing = signal<readonly Outgoing[]>(restored);
  /**
   * The highest seq an agent's client has received and read, keyed `delivered<conversationId>` and
   * `read<conversationId>` (from the events since the page loaded).
   */
  const receipts = signal<Readonly<Record<string, number>>>({});
  const unread = signal(0);
  const incoming = signal<Message | null>(null);
  const locale = signal(look.locale);
  const colorScheme = signal<ColorScheme>(look.colorScheme);
  // English until look.ts (loaded for another language, scheme or the vendor's texts) says otherwise.
  const strings = signal<Readonly<Record<string, string>>>(EN);
  const lang = signal<string | null>(null);
  /** Per conversation, the seq the visitor has seen up to (the list's unread markers). */
  const seen = signal<Readonly<Record<string, number>>>({});
  // Stored messages by id. Mutated in place and announced through `revision`: copying the map for
  // every message of a long history replay would be quadratic.
  const stored = new Map<string, Message>();
  const revision = signal(0);
  /** Server time of the first `welcome`: messages created before it are history, not news. */
  let liveSince: number | null = null;
  /** From the support side and since the page loaded: what the visitor may not have seen. */
  const isNews = (message: Message) =>
    message.author.kind !== "visitor" && liveSince !== null && message.createdAt >= liveSince;
  const readUpTo = new Map<string, number>();
  /** Starts in flight by key ("" for the visitor's active conversation), shared by quick messages. */
  const starting = new Map<string, Promise<string>>();
  let listing = false;
  let disposed = false;
  /** Settles when the last `identify` was answered: a conversation started before would be anonymous. */
  let identifying: Promise<unknown> = Promise.resolve();
  /** This tab asked to identify: it fetches the user's history (other tabs get it as events). */
  let pulling = false;
  /** The visitor's answers to the app's pre-chat form, sent when a new conversation starts. */
  let prechat: Record<string, string> | undefined;

  const conversation = computed(() => {
    const id = currentId.value;
    return id === null ? null : (conversations.value.get(id) ?? null);
  });
  const agentName = computed(() => conversation.value?.assignee?.name ?? null);
  const banner = computed(() =>
    failure.value ? "failed" : connection.value === "reconnecting" ? "reconnecting" : null,
  );
  const messages = computed<readonly ChatMessage[]>(() => {
    if (revision.value < 0) return [];
    const id = currentId.value;
    const known = receipts.value;
    const list: ChatMessage[] = [];
    for (const message of stored.values()) {
      if (message.conversationId === id)
        list.push(fromStored(message, known[`read${id}`] ?? 0, known[`delivered${id}`] ?? 0));
    }
    list.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    for (const item of outgoing.value) {
      if (item.conversationId === null || item.conversationId === id) list.push(fromOutgoing(item));
    }
    return list;
  });
  function addMessage(message: Message, live: boolean): void {
    const known = stored.has(message.id);
    batch(() => {
      if (outgoing.value.some((item) => item.clientMsgId === message.clientMsgId)) {
        outgoing.value = outgoing.value.filter((item) => item.clientMsgId !== message.clientMsgId);
      }
      if (known) return;
      stored.set(message.id, message);
      revision.value++;
      // A visitor who comes back has a conversation already: its replayed messages make it current.
      if (currentId.value === null && !pinned) currentId.value = message.conversationId;
      if (live && message.author.kind !== "visitor") {
        incoming.value = message;
        if (!isOpen.value) unread.value++;
      }
    });
    if (!known && live) onMessage(message);
  }

  /**
   * The relay deleted messages of this conversation under retention before they reached the
   * visitor: what is shown would keep a silent hole, so the thread starts again at `firstSeq`.
   * Messages from `firstSeq` on are retained and kept (the visitor's own acked ones may not come
   * again as `message`, and a message reported once is not reported twice); the rest follow.
   * The visitor's pending messages are not stored yet and stay.
   */
  function resetConversation(conversationId: string, firstSeq: number): void {
    let left = 0;
    for (const [id, message] of stored) {
      if (message.conversationId !== conversationId) continue;
      if (message.seq < firstSeq) stored.delete(id);
      else if (isNews(message)) left++;
    }
    batch(() => {
      revision.value++;
      // Unread news that was deleted is no longer there to read.
      if (conversationId === currentId.value && unread.value > left) unread.value = left;
    });
  }

  function adoptConversation(candidate: Conversation, force = false): void {
    const next = new Map(conversations.value);
    const before = next.get(candidate.id)?.status;
    if (before && before !== "closed" && candidate.status === "closed") onConversation(candidate, "closed");
    next.set(candidate.id, candidate);
    batch(() => {
      conversations.value = next;
      const id = currentId.value;
      const current = id === null ? undefined : next.get(id);
      // Until its conversation is known, the one the replay showed first gives way to an open one.
      const better = current ? prefers(candidate, current) : candidate.status !== "closed";
      if (force || (!pinned && (id === null || better))) {
        currentId.value = candidate.id;
      }
    });
  }

  const isClosed = (id: string | null) => id !== null && conversations.peek().get(id)?.status === "closed";

  function update(clientMsgId: string, change: Partial<Outgoing>): void {
    outgoing.value = outgoing.value.map((item) =>
      item.clientMsgId === clientMsgId ? { ...item, ...change } : item,
    );
  }

  /**
   * The conversation a message goes to: the new one it was written in (`key`), else the one on
   * screen unless it is closed, else the visitor's active one (created if there is none).
   */
  // A new conversation is started by its first message, under the key made when it was opened.
  function draftStart(): string | undefined {
    return currentId.peek() === null ? (draftKey ?? undefined) : undefined;
  }

  function ensureConversation(key: string | undefined, current: boolean): Promise<string> {
    const id = currentId.peek();
    if (!key && current && id !== null && !isClosed(id)) return Promise.resolve(id);
    // Messages typed quickly one after the other share one start.
    const name = key ?? "";
    let start = starting.get(name);
    if (!start) {
      start = startConversation(key).finally(() => starting.delete(name));
      starting.set(name, start);
    }
    return start;
  }

  async function startConversation(key: string | undefined): Promise<string> {
    await identifying;
    for (;;) {
      try {
        const started = await client.startConversation({ clientConversationId: key, prechat });
        if (!conversations.peek().has(started.id)) onConversation(started, "started");
        // Shown when the visitor is still waiting for it, not when they moved on to another one.
        const id = currentId.peek();
        adoptConversation(started, id === null || isClosed(id));
        return started.id;
      } catch (error) {
        if (disposed || !isRetryable(error)) throw error;
        await nextChance();
      }
    }
  }

  // A request that failed for a passing reason gets another go once the client is connected.
  function nextChance(): Promise<void> {
    return new Promise((resolve) => {
      if (client.state === "open") {
        setTimeout(resolve, retryDelayMs);
        return;
      }
      const off = client.on("state", (state) => {
        if (state !== "open") return;
        off();
        resolve();
      });
    });
  }

  async function deliver(clientMsgId: string): Promise<void> {
    // Two rounds: when the agent closed the conversation meanwhile, the message opens a new one.
    for (let round = 0; round < 2; round++) {
      const item = outgoing.peek().find((candidate) => candidate.clientMsgId === clientMsgId);
      if (!item || disposed) return;
      let conversationId: string | null = null;
      try {
        // A message the client already holds (restored after a reload, or kept through a refused
        // connection) goes where it was addressed, and `sendMessage` hands back its promise. One
        // written in a conversation goes to that conversation.
        conversationId =
          client.pending().find((pending) => pending.clientMsgId === clientMsgId)?.conversationId ??
          item.conversationId ??
          (await ensureConversation(round === 0 ? item.start : undefined, round === 0));
        update(clientMsgId, { conversationId, status: "sending" });
        const { body, attachments } = item;
        const ack = await client.sendMessage(conversationId, body, {
          clientMsgId,
          ...(attachments && { attachments: attachments.map((file) => file.id) }),
        });
        addMessage({ ...fromAck(ack, body, client.session?.self ?? ANONYMOUS_VISITOR), attachments }, true);
        return;
      } catch (error) {
        if (disposed) return;
        if (round === 0 && isConversationGone(error)) {
          markClosed(conversationId);
          update(clientMsgId, { conversationId: null, start: undefined });
          continue;
        }
        update(clientMsgId, { status: "failed" });
        return;
      }
    }
  }

  function markClosed(id: string | null): void {
    if (id === null) return;
    const known = conversations.peek().get(id);
    if (known) adoptConversation({ ...known, status: "closed" });
    else if (id === currentId.peek()) currentId.value = null;
  }

  function identify(claim: IdentifyClaim): Promise<void> {
    pulling = true;
    const answered = identity().then((part) => part.identifyVisitor(client, claim, log));
    identifying = answered;
    return answered;
  }

  // Offline, the chunk waits for the connection like everything else: a claim is never dropped.
  async function identity() {
    for (;;) {
      const part = await identityPart.load();
      if (part) return part;
      await nextChance();
    }
  }

  // The relay replays a returning visitor's messages; the conversations themselves (their assignee
  // and status, for the header and the list) may not come along, so ask for them once after the
  // first replay. Conversations opened or changed later arrive as events, from any device.
  function listConversationsOnce(lastSeq: Record<string, number>): void {
    if (Object.keys(lastSeq).length === 0 || listing || disposed) return;
    listing = true;
    client.listConversations().then(
      (list) => {
        if (disposed) return;
        batch(() => {
          for (const item of list) adoptConversation(item);
        });
      },
      () => {
        listing = false;
      },
    );
  }

  const unsubscribe = [
    client.on("state", (state) => {
      connection.value = state;
    }),
    client.on("welcome", (welcome) => {
      liveSince ??= welcome.serverTime;
      failure.value = null;
      if (welcome.visitorToken) storage.set("visitor", welcome.visitorToken);
    }),
    client.on("message", (message) =>
      addMessage(message, liveSince !== null && message.createdAt >= liveSince),
    ),
    client.on("identified", (identified) => {
      // The token the page had is revoked: reloads and the other tabs must use the new one.
      storage.set("visitor", identified.visitorToken);
      const history = pulling;
      pulling = false;
      void identity().then((part) =>
        part.loadUser(client, history, (list) =>
          batch(() => {
            for (const item of list) adoptConversation(item);
          }),
        ),
      );
    }),
    client.on("conversation", (changed) => adoptConversation(changed)),
    client.on("reset", ({ conversationId, firstSeq }) => resetConversation(conversationId, firstSeq)),
    client.on("sync", (sync) => listConversationsOnce(sync.lastSeq)),
    client.on("read", receipt),
    client.on("delivered", receipt),
    client.on("failed", (reason) => {
      batch(() => {
        failure.value = reason;
        connection.value = client.state;
        outgoing.value = outgoing.value.map((item) => ({ ...item, status: "failed" as const }));
      });
    }),
  ];

  // Tell the relay what the visitor has seen: everything in the conversation while the panel is open.
  function receipt(event: ReadEvent | DeliveredEvent): void {
    const known = receipts.value;
    const key = event.type + event.conversationId;
    // Only the agents' side counts; only a higher seq is news (a late, stale one is not).
    if (
      ("reader" in event ? event.reader : event.recipient).kind !== "visitor" &&
      event.seq > (known[key] ?? 0)
    )
      receipts.value = { ...known, [key]: event.seq };
  }

  const stopReading = effect(() => {
    if (!isOpen.value || screen.value !== "chat") return;
    const id = currentId.value;
    const last = messages.value.reduce((max, message) => Math.max(max, message.seq ?? 0), 0);
    if (id === null) return;
    const upTo = seen.peek();
    if (last > (upTo[id] ?? 0)) seen.value = { ...upTo, [id]: last };
    // The relay hears it once per page load and connection (receipts are live only).
    if (connection.value !== "open" || last <= (readUpTo.get(id) ?? 0)) return;
    readUpTo.set(id, last);
    try {
      client.markRead(id, last);
    } catch {
      readUpTo.delete(id);
    }
  });

  // Messages not yet handed to the client survive a reload too (the client keeps the rest).
  const stopSaving = effect(() => {
    waiting.save(outgoing.value.filter((item) => item.conversationId === null));
  });

  const open = () =>
    batch(() => {
      isOpen.value = true;
      unread.value = 0;
    });
  const close = () => {
    isOpen.value = false;
  };

  function show(id: string | null, key: string | null): void {
    pinned = true;
    draftKey = key;
    batch(() => {
      currentId.value = id;
      screen.value = "chat";
    });
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    for (const off of unsubscribe) off();
    stopReading();
    stopSaving();
    client.close();
  }

  if (user) void identify(user);
  for (const item of restored) void deliver(item.clientMsgId);

  return {
    connection,
    failure,
    banner,
    isOpen,
    conversation,
    messages,
    agentName,
    unread,
    incoming,
    locale,
    colorScheme,
    strings,
    lang,
    dir: signal<"ltr" | "rtl">("ltr"),
    t: (key: string, values?: Parameters<typeof lookup>[3]) =>
      lookup(strings.value, lang.value ?? "en", key, values),
    open,
    close,
    toggle: () => (isOpen.peek() ? close() : open()),
    setView: (view: PanelView) =>
      batch(() => {
        isOpen.value = view.open;
        unread.value = view.unread;
      }),
    screen,
    // What the conversations part sums up into the list (conversation-summaries.ts).
    history: { conversations, seen, revision, stored, isNews },
    launcher: signal(true),
    greeting: signal<string | null>(null),
    showList: () => {
      screen.value = "list";
    },
    openConversation: (id: string) => show(id, null),
    startNew: () => show(null, newClientMsgId()),
    send: async (text: string, attachments?: Attachment[]) => {
      const body = text.trim();
      if ((body === "" && !attachments) || disposed) return;
      const clientMsgId = newClientMsgId();
      outgoing.value = [
        ...outgoing.value,
        {
          clientMsgId,
          body,
          attachments,
          conversationId: null,
          start: draftStart(),
          status: "sending",
          queuedAt: Date.now(),
        },
      ];
      await deliver(clientMsgId);
    },
    conversationId: () => ensureConversation(draftStart(), true),
    uploadTarget: () => ({ ...relay, token: storage.get("visitor") ?? "" }),
    retry: async (key: string) => {
      if (!outgoing.peek().some((item) => item.clientMsgId === key && item.status === "failed")) return;
      // Still in the client's outbox (the relay refused the connection, not the message): the same
      // clientMsgId, as the relay may have stored it. Refused by the relay, or never handed over:
      // nothing was stored under the old id, so it goes again as a new message.
      const clientMsgId = client.pending().some((pending) => pending.clientMsgId === key)
        ? key
        : newClientMsgId();
      update(key, { clientMsgId, status: "sending" });
      client.connect();
      await deliver(clientMsgId);
    },
    identify,
    setPrechat: (answers) => {
      prechat = answers;
    },
    client,
    dispose,
    shutdown: () => {
      dispose();
      storage.clear();
    },
  } satisfies WidgetStore;
}

/** Which conversation to show: an open one over a closed one, then the newest. */
function prefers(candidate: Conversation, current: Conversation): boolean {
  if (candidate.id === current.id) return false;
  const candidateOpen = candidate.status !== "closed";
  const currentOpen = current.status !== "closed";
  if (candidateOpen !== currentOpen) return candidateOpen;
  return candidate.createdAt > current.createdAt;
}

function fromStored(message: Message, readUpTo: number, deliveredUpTo: number): ChatMessage {
  return {
    key: message.clientMsgId,
    id: message.id,
    seq: message.seq,
    author: message.author.kind,
    authorName: message.author.name ?? null,
    body: message.body,
    attachments: message.attachments,
    // Read wins over delivered, so a late `delivered` never moves a message back.
    status: message.seq <= readUpTo ? "read" : message.seq <= deliveredUpTo ? "delivered" : "sent",
    createdAt: message.createdAt,
  };
}

function fromOutgoing(item: Outgoing): ChatMessage {
  return {
    key: item.clientMsgId,
    id: null,
    seq: null,
    author: "visitor",
    authorName: null,
    body: item.body,
    attachments: item.attachments,
    status: item.status,
    createdAt: item.queuedAt,
  };
}

function fromAck(ack: Ack, body: string, self: Author): Message {
  return {
    id: ack.messageId,
    conversationId: ack.conversationId,
    seq: ack.seq,
    author: self,
    kind: "text",
    body,
    clientMsgId: ack.clientMsgId,
    createdAt: ack.createdAt,
  };
}

function errorField(error: unknown, field: "retry" | "code"): unknown {
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>)[field] : undefined;
}

function isRetryable(error: unknown): boolean {
  return errorField(error, "retry") === true;
}

function isConversationGone(error: unknown): boolean {
  const code = errorField(error, "code");
  return code === "conversation-closed" || code === "not-found";
}
