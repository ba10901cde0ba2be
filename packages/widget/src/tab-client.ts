import {
  type ClientEventName,
  type ClientEvents,
  type ClientOptions,
  createClient,
  type PendingMessage,
  type RelaydeskClient,
  RelaydeskError,
} from "@relaydesk/client";
import { createEmitter } from "@relaydesk/client/parts";
import { lazyPart } from "./lazy-part.ts";
import type { RequestLock, SharedClient, TabChannel, TabMessage, TabSharing } from "./shared-client.ts";
import type { PanelView, WidgetClient } from "./types.ts";

/** The client events the widget listens to, all of them plain data (no Error to clone). */
export const EVENTS: ClientEventName[] = [
  "state",
  "welcome",
  "message",
  "reset",
  "conversation",
  "read",
  "delivered",
  "sync",
  "failed",
  "identified",
  "availability",
  "queue-position",
];

/** The channel and the leader lock of an app's tabs in one browser. */
export interface BrowserTabs {
  channel: TabChannel;
  /**
   * Takes the lock now if no tab holds it or waits for it: `lead` is told whether it did, and the
   * lock is kept until the promise `lead` returns settles.
   */
  tryLock(lead: (held: boolean) => Promise<void>): void;
  /** Waits for the lock (a follower that takes over when the leader tab goes). */
  requestLock: RequestLock;
}

export interface TabClientOptions {
  /** Read when this tab opens the connection, so a visitor token another tab saved meanwhile is used. */
  clientOptions: () => ClientOptions;
  /** Null where the browser lacks Web Locks or BroadcastChannel: this tab opens its own socket. */
  tabs: BrowserTabs | null;
  /** Makes the real client, in the tab that leads. */
  createClient?: (options: ClientOptions) => RelaydeskClient;
  /** The tab-sharing chunk (shared-client.ts): null when it could not be fetched. */
  loadSharing?: () => Promise<typeof import("./shared-client.ts") | null>;
  /** Wait before fetching the tab-sharing chunk again after it failed. */
  retryDelayMs?: number;
}

const sharingPart = lazyPart(() => import("./shared-client.ts"));

/**
 * One connection per browser for a visitor, paying for the sharing only when a second tab opens.
 * A tab that finds the leader lock free leads alone with the real client, and fetches the
 * tab-sharing chunk (shared-client.ts) only when another tab speaks on the channel: the chunk then
 * hears what this client said so far and serves the other tabs. A tab that finds the lock taken
 * fetches the chunk at once and follows the leader through it, until it takes over. Calls made in
 * the moment before this tab knows which it is wait for it.
 *
 * @example
 * const client = createTabClient({ tabs: browserTabs("acme"), clientOptions: () => options });
 * client.on("message", show);
 */
export function createTabClient(options: TabClientOptions): SharedClient {
  const {
    clientOptions,
    tabs,
    createClient: makeClient = createClient,
    loadSharing = () => sharingPart.load(),
    retryDelayMs = 3000,
  } = options;
  // The client's events, and the panel state other tabs share (`view`).
  const events = createEmitter<ClientEvents & { view: PanelView }>();
  /** Where calls go: the real client while leading alone, else the tab-sharing chunk's client. */
  let target: WidgetClient | null = null;
  let sharing: TabSharing | null = null;
  let leading = false;
  let fetching = false;
  let closed = false;
  let view: PanelView | null = null;
  let release = () => {};
  /** Channel messages from before the chunk is here, for it to handle in order. */
  const early: TabMessage[] = [];
  /** What the real client said before the chunk was here, for the snapshots it gives other tabs. */
  const said: [ClientEventName, unknown][] = [];
  let chosen: (client: WidgetClient) => void = () => {};
  let shut: (error: unknown) => void = () => {};
  const ready = new Promise<WidgetClient>((resolve, reject) => {
    chosen = resolve;
    shut = reject;
  });
  ready.catch(() => {});

  /** Calls go to `client` from now on (the real one, or the tab-sharing chunk's). */
  function use(client: WidgetClient): void {
    target = client;
    chosen(client);
  }

  function lead(): Promise<void> {
    leading = true;
    const client = makeClient({ ...clientOptions(), autoConnect: false });
    // Its events are this client's, tapped first for the tab-sharing chunk: the view this tab's
    // store shares in reaction (an unread count) must reach the other tabs after the message.
    for (const name of EVENTS)
      client.on(name, (payload) => {
        if (sharing) sharing.hear(name, payload);
        else said.push([name, payload]);
        events.emit(name, payload as never);
      });
    use(client);
    client.connect();
    if (early.length > 0) void share();
    return new Promise((resolve) => {
      release = resolve;
    });
  }

  /** Fetch the tab-sharing chunk (again, until it comes) and hand the other tabs to it. */
  async function share(): Promise<void> {
    if (fetching || !tabs) return;
    fetching = true;
    let loaded = await loadSharing();
    while (!loaded && !closed) {
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      loaded = await loadSharing();
    }
    if (!loaded || closed) return;
    sharing = loaded.createSharedClient({
      ...tabs,
      clientOptions,
      createClient: makeClient,
      early,
      leading: leading ? { client: target as RelaydeskClient, release, said } : null,
      // A follower's events go straight to this client's handlers, the early ones included.
      events: leading ? undefined : events,
    });
    sharing.onView((next) => events.emit("view", next));
    if (!leading) use(sharing);
    said.length = 0;
    // Shared before the chunk was here (the visitor opened the panel at once): the other tabs follow.
    if (view) sharing.shareView(view);
  }

  if (!tabs) void lead();
  else {
    tabs.channel.onmessage = ({ data }) => {
      early.push(data);
      if (leading) void share();
    };
    tabs.tryLock((held) => {
      if (closed) return Promise.resolve();
      if (held) return lead();
      void share();
      return Promise.resolve();
    });
  }

  const client = {
    get isLeader() {
      return sharing?.isLeader ?? leading;
    },
    get state() {
      return target?.state ?? "connecting";
    },
    get session() {
      return target ? target.session : null;
    },
    close() {
      if (closed) return;
      closed = true;
      shut(new RelaydeskError("closed", "the widget was shut down"));
      if (sharing) sharing.close();
      else {
        target?.close();
        release();
        tabs?.channel.close();
      }
    },
    on: events.on,
    pending: () => target?.pending() ?? savedOutbox(clientOptions()),
    shareView(next: PanelView) {
      if (sharing) sharing.shareView(next);
      else view = next;
    },
    onView: (handler: (view: PanelView) => void) => events.on("view", handler),
  } as SharedClient;
  // The calls: run at once where this tab knows where they go, else once it does (a moment after
  // it loads). Nobody waits on the ones without a reply: their failure is not reported twice.
  for (const name of CALLS) {
    client[name] = ((...args: unknown[]) => {
      const run = (to: WidgetClient) => (to[name] as (...input: unknown[]) => unknown)(...args);
      if (target) return run(target);
      const later = ready.then(run);
      later.catch(() => {});
      return later;
    }) as never;
  }
  return client;
}

/** The client's calls, the same on the real client and on the tab-sharing chunk's. */
const CALLS = [
  "connect",
  "startConversation",
  "sendMessage",
  "listConversations",
  "getHistory",
  "identify",
  "request",
  "markRead",
  "pageView",
] as const satisfies readonly (keyof WidgetClient)[];

/**
 * The outbox a leader persisted (the messages of every tab, as the leader sends them all), for a
 * tab that does not hold the connection: the store shows them as sending and waits for them.
 */
export function savedOutbox(options: ClientOptions): PendingMessage[] {
  return (options.outboxStore?.load() ?? []).filter(
    (item) => typeof item?.clientMsgId === "string" && typeof item.body === "string",
  );
}

/**
 * The channel and leader lock of an app's tabs, or null where the browser lacks Web Locks or
 * BroadcastChannel (each tab then opens its own socket).
 */
export function browserTabs(appId: string): BrowserTabs | null {
  const locks = globalThis.navigator?.locks;
  if (!locks || typeof BroadcastChannel !== "function") return null;
  const name = `relaydesk:${appId}:leader`;
  return {
    channel: new BroadcastChannel(`relaydesk:${appId}`) as unknown as TabChannel,
    tryLock: (lead) => {
      locks.request(name, { ifAvailable: true }, (lock) => lead(lock !== null)).catch(() => {});
    },
    requestLock: (lead, signal) => {
      locks.request(name, { signal }, lead).catch(() => {});
    },
  };
}
