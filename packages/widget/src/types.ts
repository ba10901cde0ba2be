import type { ReadonlySignal } from "@preact/signals-core";
import type {
  ClientFailure,
  ConnectionState,
  IdentifyClaim,
  RelaydeskClient,
  UploadTarget,
} from "@relaydesk/client";
import type { Attachment, AuthorKind, Conversation, Message } from "@relaydesk/sdk-types";
import type { LazyPart } from "./lazy-part.ts";

/** Options of `Relaydesk('boot', options)` and of the ESM `boot(options)`. */
export interface BootOptions {
  /** The vendor's public app id, as registered on the relay (`relaydesk apps add <appId>`). */
  appId: string;
  /**
   * Base URL of the relay, e.g. `https://support.example.com`. With the script tag it defaults to
   * the origin the loader was served from; the ESM `boot` needs it.
   */
  relayUrl?: string | undefined;
  /**
   * The signed-in user, as your server proved it (see `identify`): the widget identifies before
   * the visitor's first conversation starts.
   */
  user?: IdentifyClaim | undefined;
  /**
   * A short beep when a message from support arrives while no tab of the site is visible; once per
   * browser per burst of messages. Off by default (`data-sound` on the script tag).
   */
  sound?: boolean | undefined;
  /**
   * A browser notification per message from support while no tab of the site is visible, once per
   * browser. Permission is asked when the visitor first sends a message, never on load. Off by
   * default (`data-notifications` on the script tag).
   */
  notifications?: boolean | undefined;
}

/** What the script tag may say: `boot` options, the switches as attribute text (`data-sound="true"`). */
export type BootDefaults = Partial<Omit<BootOptions, AttentionSwitch>> & {
  [name in AttentionSwitch]?: boolean | string | undefined;
};

/** The attention switches (`sound`, `notifications`): checked in the attention chunk, which logs a bad value. */
export type AttentionSwitch = "sound" | "notifications";

/** Boot options after defaults and checks. */
export interface ResolvedBootOptions {
  appId: string;
  relayUrl: string;
  user?: IdentifyClaim;
  /** As given; checked in the attention chunk (attention-options.ts) to keep widget.js small. */
  sound?: unknown;
  notifications?: unknown;
}

/** Events of the public API and their payloads. */
export interface RelaydeskEvents {
  /** The widget is on the page and takes commands. Handlers added later are called at once. */
  ready: undefined;
  open: undefined;
  close: undefined;
  /** A message stored in the visitor's conversation, in either direction, once per message id. */
  message: Message;
}

export type RelaydeskEventName = keyof RelaydeskEvents;
export type RelaydeskHandler<E extends RelaydeskEventName> = (payload: RelaydeskEvents[E]) => void;

/** The typed API behind `window.Relaydesk(command, ...args)`. Methods throw `WidgetError` on misuse. */
export interface RelaydeskApi {
  readonly booted: boolean;
  boot(options?: BootOptions): void;
  open(): void;
  close(): void;
  toggle(): void;
  /**
   * Tell the relay who the signed-in visitor is, with a claim your server made from the app's
   * identity secret: `{ userId, signature }` or `{ jwt }`. The user then finds the same
   * conversations in every browser. Before `boot`, it is applied when the widget boots, before any
   * conversation starts. A claim that is malformed or refused by the relay is logged (it is checked
   * in a lazy chunk, so not at once, and not thrown); the visitor stays who they were.
   */
  identify(claim: IdentifyClaim): void;
  on<E extends RelaydeskEventName>(event: E, handler: RelaydeskHandler<E>): void;
  off<E extends RelaydeskEventName>(event: E, handler: RelaydeskHandler<E>): void;
  /** Disconnect, remove the widget and forget this visitor (token and stored state). */
  shutdown(): void;
}

export type RelaydeskCommand = Exclude<keyof RelaydeskApi, "booted">;

/**
 * `window.Relaydesk`: first the loader's queueing stub (or the vendor's own), then the real API.
 * The properties are how the loader hands over to widget.js; they are not public API.
 */
export interface RelaydeskGlobal {
  (command: unknown, ...args: unknown[]): void;
  /** Calls made before widget.js took over, each the call's arguments (command first). */
  q?: ArrayLike<unknown>[] | undefined;
  /** The loader's own script tag: its `src` locates widget.js and the relay, its `data-*` is config. */
  script?: HTMLScriptElement | null | undefined;
  /** Set by the loader once widget.js is scheduled, and by the real API: run the loader once. */
  loaded?: boolean | undefined;
  /** Set once widget.js has installed the real API. */
  api?: RelaydeskApi | undefined;
}

export interface RelaydeskWindow {
  Relaydesk?: RelaydeskGlobal | undefined;
}

/** What one mounted widget can be asked to do (see `start-widget.ts`). */
export interface WidgetInstance {
  open(): void;
  close(): void;
  toggle(): void;
  identify(claim: IdentifyClaim): void;
  /** Disconnect, unmount, clear stored state. */
  shutdown(): void;
}

/** How the public API hears about a widget's events. */
export interface WidgetHooks {
  onMessage(message: Message): void;
  onOpenChange(open: boolean): void;
}

export type StartWidget = (options: ResolvedBootOptions, hooks: WidgetHooks) => WidgetInstance;

/**
 * `sending`: not acknowledged yet (also after a reload, from the stored outbox); `sent`: stored by the
 * relay; `read`: an agent has read up to it; `failed`: refused for good, or the relay refused the
 * connection (Retry sends it again).
 */
export type MessageStatus = "sending" | "sent" | "delivered" | "read" | "failed";

/** One line of the message list: a stored message, or one of the visitor's not yet acknowledged. */
export interface ChatMessage {
  /** Stable across sending -> sent (the clientMsgId), so the element is kept. */
  key: string;
  /** Set once stored. */
  id: string | null;
  seq: number | null;
  author: AuthorKind;
  authorName: string | null;
  body: string;
  /** Files it carries, when it carries any. */
  attachments?: readonly Attachment[] | undefined;
  status: MessageStatus;
  createdAt: number;
}

/** Per-app persisted state; every access is guarded (localStorage throws in some privacy modes). */
export interface WidgetStorage {
  get(name: StoredName): string | null;
  set(name: StoredName, value: string): void;
  /** Remove every key of this app's widget. */
  clear(): void;
}

/**
 * `visitor`: the token; `outbox`: the client's unacknowledged messages; `waiting`: messages written
 * before the conversation they go to was known.
 */
export type StoredName = "visitor" | "outbox" | "waiting";

/**
 * The part of the protocol client the widget uses: the real client in the tab holding the socket,
 * or the proxy of `shared-client.ts` in the other tabs.
 */
export type WidgetClient = Pick<
  RelaydeskClient,
  | "state"
  | "session"
  | "connect"
  | "close"
  | "on"
  | "startConversation"
  | "sendMessage"
  | "listConversations"
  | "markRead"
  | "pending"
  | "identify"
  | "getHistory"
>;

/** The panel state every tab of the site shows alike (see `shared-client.ts`). */
export interface PanelView {
  open: boolean;
  unread: number;
}

export type BannerState = "reconnecting" | "failed" | null;

/** What the panel shows: one conversation (or a new one being written), or the list of them. */
export type PanelScreen = "chat" | "list";

/** One row of the visitor's conversation list. */
export interface ConversationSummary {
  conversation: Conversation;
  /** The newest stored message, or null while there is none. */
  last: Message | null;
  /** The newest message's time, or the conversation's last change (ms): the list's order. */
  activityAt: number;
  /** A message from the support side the visitor has not seen yet. */
  unread: boolean;
}

/** The widget's state (signals) and actions; components read the one and call the other. */
export interface WidgetStore {
  readonly connection: ReadonlySignal<ConnectionState>;
  /** Set when the relay refused the connection for good (wrong app id, origin not allowed ...). */
  readonly failure: ReadonlySignal<ClientFailure | null>;
  readonly banner: ReadonlySignal<BannerState>;
  readonly isOpen: ReadonlySignal<boolean>;
  readonly conversation: ReadonlySignal<Conversation | null>;
  /** The current conversation's messages by seq, then the visitor's pending ones in send order. */
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  /** The assigned agent's name, or null while nobody is assigned. */
  readonly agentName: ReadonlySignal<string | null>;
  /** Messages from others that arrived while the panel was closed, in any conversation. */
  readonly unread: ReadonlySignal<number>;
  readonly screen: ReadonlySignal<PanelScreen>;
  /** The visitor's conversations, newest activity first. */
  readonly list: ReadonlySignal<readonly ConversationSummary[]>;
  open(): void;
  close(): void;
  toggle(): void;
  /** Show the panel state another tab of the site shares. */
  setView(view: PanelView): void;
  /**
   * Send a message, starting the conversation first if there is none. Never rejects. With
   * `attachments` (uploaded already), the text may be empty.
   */
  send(text: string, attachments?: Attachment[]): Promise<void>;
  /**
   * The id of the conversation shown, starting it (as its first message would) when it is new:
   * uploads go into a conversation. Rejects when it could not be started.
   */
  conversationId(): Promise<string>;
  /** Where and as whom to upload and download files: the relay, the app, the visitor's token. */
  uploadTarget(): UploadTarget;
  /** Send a failed message again. */
  retry(key: string): Promise<void>;
  /**
   * Speak for the vendor's signed-in user from now on, then show the user's conversations from any
   * browser. New conversations wait until the relay answered. Never rejects: a malformed or refused
   * claim is logged and leaves the visitor who they were.
   */
  identify(claim: IdentifyClaim): Promise<void>;
  /** Show the list of conversations. */
  showList(): void;
  /** Show one conversation: its whole history, and the composer unless it is closed. */
  openConversation(id: string): void;
  /**
   * Show an empty conversation: the first message sent from it starts a new conversation under an
   * idempotency key made here once, so a retry or a reload never opens two.
   */
  startNew(): void;
  /** Stop listening and close the connection. */
  dispose(): void;
  /** `dispose`, then forget the visitor (clears this widget's storage). */
  shutdown(): void;
}

/** The lazy parts of the widget (see `widget-parts.ts`), each loaded on first use. */
export interface WidgetParts {
  /** The list of the visitor's conversations and the note under a closed one. */
  conversations: LazyPart<typeof import("./ui/conversations.ts")>;
  /** Attaching files (picker, drop, paste), upload progress, and files shown in messages. */
  attachments: LazyPart<typeof import("./ui/attachments.ts")>;
}
