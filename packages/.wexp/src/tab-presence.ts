import type { TabsView } from "./attention-controller.ts";

/** The part of `navigator.locks` used; tests pass an in-memory one. */
export type TabLocks = Pick<LockManager, "request" | "query">;

/** The part of `document` used. */
export interface VisibilityDoc {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
}

export interface TabPresenceOptions {
  locks: TabLocks;
  appId: string;
  doc: VisibilityDoc;
  /** Whether this tab holds the connection (`SharedClient.isLeader`). */
  isLeader: () => boolean;
}

export interface TabPresence {
  /** How the site's tabs look now. */
  view(): Promise<TabsView>;
  /** Let go of the locks: this tab counts neither as visible nor as seen last. */
  stop(): void;
}

/**
 * What a tab needs to know of the site's other tabs in this browser to apply the one-tab rule,
 * kept in Web Locks rather than messages, because the browser releases a closed tab's locks
 * itself: a visible tab holds `relaydesk:<appId>:visible` (shared, one per visible tab) while it
 * is visible, and the tab that became visible last holds `relaydesk:<appId>:seen-last`, taken from
 * the one before (`steal`) and kept after it is hidden. `locks.query()` then tells any tab whether
 * some tab is visible, and whether the tab seen last is still open.
 *
 * @example
 * const presence = createTabPresence({ locks: navigator.locks, appId: "acme", doc: document, isLeader: () => shared.isLeader });
 * if (attends(await presence.view())) flashTitle();
 */
export function createTabPresence(options: TabPresenceOptions): TabPresence {
  const { locks, appId, doc, isLeader } = options;
  const VISIBLE = `relaydesk:${appId}:visible`;
  const SEEN_LAST = `relaydesk:${appId}:seen-last`;
  const stopping = new AbortController();
  const hidden = () => doc.visibilityState !== "visible";
  /** This tab's hold on the visible lock, while it is visible (asked for or held). */
  let visible: { release(): void } | null = null;
  let releaseSeenLast = () => {};
  let seenLast = false;
  /** Which request for `SEEN_LAST` is this tab's latest: an older one stolen by it changes nothing. */
  let asked = 0;

  function update(): void {
    if (hidden()) {
      visible?.release();
      visible = null;
      return;
    }
    if (visible || stopping.signal.aborted) return;
    let released = false;
    const hold = {
      release() {
        released = true;
      },
    };
    visible = hold;
    locks
      .request(
        VISIBLE,
        { mode: "shared", signal: stopping.signal },
        () =>
          new Promise<void>((resolve) => {
            // Hidden again before the lock came: let go at once.
            if (released) resolve();
            else hold.release = resolve;
          }),
      )
      .catch(() => {});
    if (seenLast) return;
    const mine = ++asked;
    // `steal` takes the lock from the tab seen last before; that tab's request then rejects.
    locks
      .request(SEEN_LAST, { steal: true }, () => {
        if (mine === asked && !stopping.signal.aborted) seenLast = true;
        return new Promise<void>((resolve) => {
          releaseSeenLast = resolve;
          if (stopping.signal.aborted) resolve();
        });
      })
      .catch(() => {
        if (mine === asked) seenLast = false;
      });
  }

  doc.addEventListener("visibilitychange", update);
  update();

  return {
    async view() {
      const { held = [] } = await locks.query();
      const has = (name: string) => held.some((lock) => lock.name === name);
      return {
        hidden: hidden(),
        anyVisible: has(VISIBLE),
        lastSeen: seenLast,
        anyLastSeen: has(SEEN_LAST),
        leader: isLeader(),
      };
    },
    stop() {
      doc.removeEventListener("visibilitychange", update);
      stopping.abort();
      visible?.release();
      visible = null;
      seenLast = false;
      releaseSeenLast();
    },
  } satisfies TabPresence;
}
