import type { Message } from "@relaydesk/sdk-types";

/** How the site's tabs in this browser look to one of them when a message arrives (tab-presence.ts). */
export interface TabsView {
  /** This tab's page is hidden (`document.visibilityState`). */
  hidden: boolean;
  /** Some tab of the site in this browser is visible, this one included. */
  anyVisible: boolean;
  /** This tab is the one that was visible most recently. */
  lastSeen: boolean;
  /** Some open tab is the one visible most recently (false when that tab has closed, or none ever was). */
  anyLastSeen: boolean;
  /** This tab holds the connection (or its own: a browser without tab sharing). */
  leader: boolean;
}

/**
 * The one-tab rule. While any tab of the site is visible, no tab calls for attention: the visitor
 * sees the widget there. Otherwise exactly one tab does: the one visible most recently (the tab the
 * visitor last looked at, and the one most likely allowed to play sound), or, when that tab has
 * closed or none was ever visible, the tab holding the connection.
 */
export function attends(view: TabsView): boolean {
  if (!view.hidden || view.anyVisible) return false;
  return view.anyLastSeen ? view.lastSeen : view.leader;
}

/** What calling for attention needs from the browser; tests pass their own. */
export interface AttentionEnv {
  /** The tabs as they are now. */
  tabs(): Promise<TabsView>;
  /** The page's title (`document`). */
  doc: { title: string };
  /** Play the short sound. */
  beep(): void;
  /** Show a notification for the message, if the visitor allowed them. */
  notify(message: Message): void;
  now(): number;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(timer: unknown): void;
}

export interface AttentionOptions {
  sound?: boolean;
  notifications?: boolean;
  /** How long each of the two titles shows while flashing. */
  flashMs?: number;
  /** A message this soon after the last beep makes no sound of its own: one beep per burst. */
  burstMs?: number;
  /** The flashing title for `count` new messages, in the widget's language (English `flashText` by default). */
  text?: (count: number) => string;
}

const DEFAULTS = {
  sound: false,
  notifications: false,
  flashMs: 1000,
  burstMs: 3000,
  text: flashText,
} satisfies Required<AttentionOptions>;

export interface Attention {
  /** A message that just reached the visitor's conversations, in either direction. */
  notice(message: Message): Promise<void>;
  /** The visitor looks: this page became visible or the panel opened. Restores the title. */
  seen(): void;
  /** Whether the title is flashing now. */
  readonly flashing: boolean;
  stop(): void;
}

/** The text that alternates with the page's title, e.g. "(2) New messages". */
export function flashText(count: number): string {
  return `(${count}) New message${count === 1 ? "" : "s"}`;
}

/**
 * Calls for attention when a message from support arrives while the visitor looks at none of the
 * site's tabs, in the one tab `attends` picks: flashes the title (until this page is visible, the
 * panel opens, or any other tab of the site becomes visible), beeps once per burst, notifies.
 *
 * @example
 * const attention = createAttention(browserEnv, { sound: true });
 * store.onMessage = (message) => void attention.notice(message);
 */
export function createAttention(env: AttentionEnv, options: AttentionOptions = {}): Attention {
  const { sound, notifications, flashMs, burstMs, text } = { ...DEFAULTS, ...options };
  const { doc } = env;
  let count = 0;
  /** The page's own title; adopted again when the page changes it while we flash. */
  let original = "";
  /** What we show instead, while flashing. */
  let shown: string | null = null;
  let timer: unknown = null;
  let lastBeep = Number.NEGATIVE_INFINITY;
  let stopped = false;

  function flash(): void {
    if (shown === null) original = doc.title;
    else if (timer !== null) env.clearInterval(timer);
    shown = text(count);
    doc.title = shown;
    timer = env.setInterval(() => void tick(), flashMs);
  }

  async function tick(): Promise<void> {
    // The page set a title of its own meanwhile (a single-page app navigating): that is the one to restore.
    if (doc.title !== shown && doc.title !== original) original = doc.title;
    const view = await env.tabs();
    if (shown === null) return;
    if (!view.hidden || view.anyVisible) {
      seen();
      return;
    }
    doc.title = doc.title === shown ? original : shown;
  }

  function seen(): void {
    count = 0;
    if (timer !== null) env.clearInterval(timer);
    timer = null;
    if (shown === null) return;
    // Only our own text is taken back: a title the page set since stays.
    if (doc.title === shown || doc.title === original) doc.title = original;
    shown = null;
  }

  return {
    async notice(message) {
      if (message.author.kind === "visitor" || stopped) return;
      if (!attends(await env.tabs()) || stopped) return;
      count++;
      flash();
      const now = env.now();
      if (sound && now - lastBeep >= burstMs) {
        lastBeep = now;
        env.beep();
      }
      if (notifications) env.notify(message);
    },
    seen,
    get flashing() {
      return shown !== null;
    },
    stop() {
      stopped = true;
      seen();
    },
  } satisfies Attention;
}
