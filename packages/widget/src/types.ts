import type { ReadonlySignal, Signal } from "@preact/signals-core";
import type {
  ClientFailure,
  ConnectionState,
  IdentifyClaim,
  RelaydeskClient,
  UploadTarget,
} from "@relaydesk/client";
import type { Attachment, AuthorKind, Conversation, Message } from "@relaydesk/sdk-types";
import type { LazyPart } from "./lazy-part.ts";
import type { LoaderConfig } from "./loader-config.ts";
import type { Strings, Values, VendorStrings } from "./strings.ts";
import type { WidgetError } from "./widget-error.ts";

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
  /**
   * The language to show, a BCP 47 tag such as `"es"` or `"ar-EG"` (`data-locale`). Defaults to the
   * browser's language; English where the widget has no pack (and you no `strings`) for it.
   */
  locale?: string | undefined;
  /** `"light"` (the default), `"dark"`, or `"auto"`: as the visitor's system prefers (`data-color-scheme`). */
  colorScheme?: ColorScheme | undefined;
  /**
   * Your own words for any text the widget shows, by key (see the README's string table): for
   * every language, `{ openChat: "Talk to us" }`, or per language tag, `{ es: { openChat: "Hablemos" } }`.
   */
  strings?: VendorStrings | undefined;
  /** Which bottom corner the launcher and panel sit in. Default `"right"` (`data-position`). */
  position?: "left" | "right" | undefined;
  /** Distance from the left or right edge of the window, px (0–1000). Default 20 (`data-horizontal-offset`). */
  horizontalOffset?: number | undefined;
  /** Distance from the bottom of the window, px (0–1000). Default 20 (`data-vertical-offset`). */
  verticalOffset?: number | undefined;
  /** The widget's `z-index`, an integer. Default 2147483000 (`data-z-index`). */
  zIndex?: number | undefined;
  /**
   * A CSS selector of your own element(s) that toggle the widget (`data-launcher="#help"`); the
   * default launcher is then hidden. Elements added later (SPA) work too.
   */
  launcher?: string | undefined;
  /** Hide the round launcher; open the widget with `Relaydesk("open")`. Default false. */
  hideLauncher?: boolean | undefined;
  /** Open the panel as soon as the widget boots. Default false. */
  openOnLoad?: boolean | undefined;
  /**
   * Shown as the first bubble of a conversation the visitor starts (1–500 chars). Shown by the
   * widget only: it is not sent to the relay.
   */
  greeting?: string | undefined;
  /** Any CSS colour: buttons, header, the visitor's bubbles (`--rd-accent`). */
  accentColor?: string | undefined;
  /** Any CSS colour: text on the accent colour (`--rd-accent-text`). */
  accentTextColor?: string | undefined;
}

/** `auto` follows the visitor's system (`prefers-color-scheme`). */
export type ColorScheme = "light" | "dark" | "auto";

/** What `update` tells the relay about the visitor's page (the protocol's `hello.page`). */
export interface VisitorAttributes {
  page?: { url?: string | undefined; title?: string | undefined } | undefined;
}

/**
 * The options that change how the widget looks and behaves on the page: checked and applied in the
 * extras chunk (widget-extras.ts), which logs a bad value and emits `error`.
 */
export type DisplayOption = Exclude<
  keyof BootOptions,
  "appId" | "relayUrl" | "user" | AttentionSwitch | LookOption
>;

/** The look options (`locale`, `colorScheme`, `strings`): passed to the store, checked in the look chunk (look.ts). */
export type LookOption = "locale" | "colorScheme" | "strings";

/** What the script tag may say: `boot` options, the switches as attribute text (`data-sound="true"`). */
export type BootDefaults = Partial<Pick<BootOptions, "appId" | "relayUrl" | "user" | "strings">> & {
  [name in AttentionSwitch | DisplayOption | "locale" | "colorScheme"]?:
    | BootOptions[name]
    | string
    | undefined;
};

/** The attention switches (`sound`, `notifications`): checked in the attention chunk, which logs a bad value. */
export type AttentionSwitch = "sound" | "notifications";

/** Boot options after defaults and checks. */
export interface ResolvedBootOptions {
  appId: string;
  relayUrl: string;
  user?: IdentifyClaim;
  /** As given, like `strings`; checked in the look chunk (look-options.ts), which logs a bad value. */
  locale?: unknown;
  colorScheme?: unknown;
  strings?: unknown;
  /** As given; checked in the attention chunk (attention-options.ts) to keep widget.js small. */
  sound?: unknown;
  notifications?: unknown;
  /** The display options as given (and any unknown keys, to be reported): checked in the extras chunk. */
  [option: string]: unknown;
}

/** Events of the public API and their payloads. */
export interface RelaydeskEvents {
  /** The widget is on the page and takes commands. Handlers added later are called at once. */
  ready: undefined;
  open: undefined;
  close: undefined;
  /** A message stored in the visitor's conversation, in either direction, once per message id. */
  message: Message;
  /** How many messages from support the visitor has not seen (0 once the panel opens). */
  "unread-count": number;
  /** The visitor started a conversation (their first message in it is on its way). */
  "conversation-started": Conversation;
  /** A conversation of the visitor was closed (by an agent). */
  "conversation-closed": Conversation;
  /**
   * Something went wrong that the page may want to know: a misused command or option, the relay
   * refusing the connection, the widget failing to start or render. Also logged to the console.
   */
  error: WidgetError;
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
  /** Like `on`, for the next time only. */
  once<E extends RelaydeskEventName>(event: E, handler: RelaydeskHandler<E>): void;
  off<E extends RelaydeskEventName>(event: E, handler: RelaydeskHandler<E>): void;
  /**
   * Disconnect, remove the widget and forget this visitor (token and stored state). Handlers stay,
   * so a later `boot` reports to them again.
   */
  shutdown(): void;
  // The commands below are carried out by the extras chunk, fetched on first use: a bad argument
  // is logged and emitted as `error` rather than thrown.
  /** Tell the relay about the visitor's page, e.g. after an SPA navigation: `{ page: { url, title } }`. */
  update(attributes: VisitorAttributes): void;
  showLauncher(): void;
  hideLauncher(): void;
  /** Open the panel on a conversation with the composer holding `prefill` (not sent). */
  showNewMessage(prefill?: string): void;
  /** Send `text` as the visitor, starting a conversation if there is none. */
  sendMessage(text: string): void;
  /** The widget's language, a BCP 47 tag such as `"fr"` or `"ar"`. */
  setLocale(locale: string): void;
  setColorScheme(scheme: ColorScheme): void;
}

export type RelaydeskCommand = Exclude<keyof RelaydeskApi, "booted">;

/** The commands widget.js carries out itself; the others go to the extras chunk (`run`). */
export type CoreCommand =
  | "boot"
  | "open"
  | "close"
  | "toggle"
  | "identify"
  | "on"
  | "once"
  | "off"
  | "shutdown";

/** The commands the extras chunk carries out. */
export type ExtraCommand = Exclude<RelaydeskCommand, CoreCommand>;

/**
 * What widget.js installs as `window.Relaydesk.api`: the core commands, plus `run` for the rest
 * (and any unknown name, which the extras chunk explains) and `report` for misuse.
 */
export interface RelaydeskController extends Pick<RelaydeskApi, "booted" | CoreCommand> {
  /** Carry out an extras command (or explain an unknown one), in order with the other calls. */
  run(command: string, args: unknown[]): void;
  /** Log `error` and emit it as the `error` event. */
  report(error: unknown): void;
}

/**
 * `window.Relaydesk`: first the loader's queueing stub (or the vendor's own), then the real API.
 * The properties are how the loader hands over to widget.js; they are not public API.
 */
export interface RelaydeskGlobal {
  (command: unknown, ...args: unknown[]): void;
  /** Calls made before widget.js took over, each the call's arguments (command first). */
  q?: ArrayLike<unknown>[] | undefined;
  /**
   * What the loader read from its own script tag: `boot` defaults from its `src` (the relay) and
   * `data-*`, and whether widget.js boots at once.
   */
  config?: LoaderConfig | undefined;
  /** Set by the loader once widget.js is scheduled, and by the real API: run the loader once. */
  loaded?: boolean | undefined;
  /** Set once widget.js has installed the real API. */
  api?: RelaydeskController | undefined;
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
  /**
   * Carry out one of the commands of the extras chunk; settles when it is done. Rejects with a
   * `WidgetError` for a bad argument or an unknown command (with the closest command's name).
   */
  run(command: string, args: unknown[]): Promise<void>;
  /** Disconnect, unmount, clear stored state. */
  shutdown(): void;
}

/** How the public API hears about a widget's events. */
export interface WidgetHooks {
  emit<E extends RelaydeskEventName>(event: E, payload: RelaydeskEvents[E]): void;
  /** Log `error` and emit it as `error`. */
  report(error: unknown): void;
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
  | "pageView"
  | "pending"
  | "identify"
  | "getHistory"
  | "request"
>;

/** The panel state every tab of the site shows alike (see `shared-client.ts`). */
export interface PanelView {
  open: boolean;
  unread: number;
}

export type BannerState = "reconnecting" | "failed" | null;

/** What the panel shows: one conversation (or a new one being written), or the list of them. */
export type PanelScreen = "chat" | "list";

/** The store's conversations and stored messages, for the list (ui/conversation-summaries.ts). */
export interface StoreHistory {
  readonly conversations: ReadonlySignal<ReadonlyMap<string, Conversation>>;
  /** Per conversation, the seq the visitor has seen up to. */
  readonly seen: ReadonlySignal<Readonly<Record<string, number>>>;
  /** Changes whenever `stored` does (it is mutated in place). */
  readonly revision: ReadonlySignal<number>;
  readonly stored: ReadonlyMap<string, Message>;
  /** From the support side and since the page loaded: what the visitor may not have seen. */
  isNews(message: Message): boolean;
}

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
  /** The newest message from the support side that arrived while the widget runs (the live region reads it). */
  readonly incoming: ReadonlySignal<Message | null>;
  /** The language tag wanted (boot `locale`, `setLocale`); `lang` is the one shown. Set it to switch. */
  readonly locale: Signal<string>;
  /** Set it to switch (boot `colorScheme`, `setColorScheme`); the host element carries it as `data-color-scheme`. */
  readonly colorScheme: Signal<ColorScheme>;
  /**
   * The one lookup of every text the widget shows (`lookup` in strings.ts), by key: `values` fill its
   * `{name}` placeholders; a number (alone, or as `n`) picks a plural form.
   */
  t(key: string, values?: number | Values): string;
  /** The texts shown, by key: `EN`, or what look.ts merged (pack, vendor's `strings`). Written by look.ts only. */
  readonly strings: Signal<Strings>;
  /**
   * The language shown, a valid tag: null until known (the widget shows nothing until then, so it
   * never flashes English). Written by mount-widget.tsx ("en") or look.ts only.
   */
  readonly lang: Signal<string | null>;
  /** Written by look.ts only. */
  readonly dir: Signal<"ltr" | "rtl">;
  readonly screen: ReadonlySignal<PanelScreen>;
  /** What the conversations part sums up into the list of conversations (`summariesOf`). */
  readonly history: StoreHistory;
  /** The round launcher shows (hidden by `hideLauncher`, or for the vendor's own launcher). */
  readonly launcher: Signal<boolean>;
  /** Shown as the first bubble of a conversation the visitor starts (the `greeting` option). */
  readonly greeting: Signal<string | null>;
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
  /**
   * Answers to the app's pre-chat form (`welcome.prechat`), sent with every later start of a new
   * conversation. Set by the extras part once the visitor filled in the form.
   */
  setPrechat(answers: Record<string, string>): void;
  /** The client the store talks through (the extras part sends `leave-email`, `rate-conversation`). */
  readonly client: WidgetClient;
  /** Stop listening and close the connection. */
  dispose(): void;
  /** `dispose`, then forget the visitor (clears this widget's storage). */
  shutdown(): void;
}

/** The lazy parts of the widget (see `widget-parts.ts`), each loaded on first use. */
export interface WidgetParts {
  /**
   * The list of the visitor's conversations and, under the messages, the note under a closed one,
   * the pre-chat form, the offline notice and email form, the rating and the transcript link.
   */
  conversations: LazyPart<typeof import("./ui/conversations.ts")>;
  /** Languages other than English, colour schemes other than light, the vendor's `strings` (look.ts). */
  look: LazyPart<typeof import("./look.ts")>;
  /** On narrow screens: keeps the full-screen panel above the on-screen keyboard. */
  viewport: LazyPart<typeof import("./viewport.ts")>;
  /** Attaching files (picker, drop, paste), upload progress, and files shown in messages. */
  attachments: LazyPart<typeof import("./ui/attachments.ts")>;
  /** The card above the launcher with a reply that came while the panel was closed. */
  preview: LazyPart<typeof import("./ui/preview.ts")>;
  /** The markdown subset of message text (the client's `renderMarkdown`). */
  markdown: LazyPart<typeof import("./markdown.ts")>;
}
