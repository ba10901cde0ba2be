import { describe, expect, it } from "vitest";
import { attends } from "./attention-controller.ts";
import { createTabPresence, type TabLocks, type VisibilityDoc } from "./tab-presence.ts";

interface Held {
  name: string;
  mode: LockMode;
  clientId: string;
  release(): void;
  abort(): void;
}

interface Waiting {
  name: string;
  mode: LockMode;
  grant(): void;
}

/**
 * Web Locks as one browser keeps them for all its tabs, in memory: shared and exclusive modes,
 * `steal` (the holder's request rejects with AbortError), `signal`, `query`. `forTab` gives one
 * tab's `navigator.locks`; `closeTab` releases what a closed tab held, as the browser does.
 */
function fakeBrowserLocks() {
  let held: Held[] = [];
  let waiting: Waiting[] = [];
  const free = (name: string, mode: LockMode) =>
    held.every((lock) => lock.name !== name || (mode === "shared" && lock.mode === "shared"));
  const pump = () => {
    for (const next of [...waiting]) {
      if (!free(next.name, next.mode)) continue;
      waiting = waiting.filter((item) => item !== next);
      next.grant();
    }
  };
  const abortError = () => new DOMException("lock stolen or aborted", "AbortError");

  function forTab(clientId: string): TabLocks {
    const request = ((name: string, options: LockOptions, callback: () => Promise<void>) =>
      new Promise<void>((resolve, reject) => {
        const mode = options.mode ?? "exclusive";
        const grant = () => {
          const lock: Held = {
            name,
            mode,
            clientId,
            release: () => {
              held = held.filter((item) => item !== lock);
              pump();
            },
            abort: () => reject(abortError()),
          };
          held.push(lock);
          void Promise.resolve()
            .then(callback)
            .then(
              (value) => {
                lock.release();
                resolve(value);
              },
              (error) => {
                lock.release();
                reject(error);
              },
            );
        };
        if (options.steal) {
          for (const lock of held.filter((item) => item.name === name)) {
            held = held.filter((item) => item !== lock);
            lock.abort();
          }
          grant();
          return;
        }
        const entry: Waiting = { name, mode, grant };
        if (options.signal?.aborted) return reject(abortError());
        options.signal?.addEventListener("abort", () => {
          if (!waiting.includes(entry)) return;
          waiting = waiting.filter((item) => item !== entry);
          reject(abortError());
        });
        waiting.push(entry);
        pump();
      })) as TabLocks["request"];
    const query = async () => ({
      held: held.map(({ name, mode, clientId }) => ({ name, mode, clientId })),
      pending: waiting.map(({ name, mode }) => ({ name, mode, clientId })),
    });
    return { request, query };
  }

  return {
    forTab,
    closeTab(clientId: string) {
      for (const lock of held.filter((item) => item.clientId === clientId)) lock.release();
    },
  };
}

function fakeDoc(visibilityState: DocumentVisibilityState = "visible") {
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  return {
    doc: doc as VisibilityDoc,
    set(state: DocumentVisibilityState) {
      doc.visibilityState = state;
      for (const listener of [...listeners]) listener();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Several tabs of one app in one browser; the first one leads unless told. */
function browserWithTabs(count: number, initially: DocumentVisibilityState = "visible") {
  const locks = fakeBrowserLocks();
  let leader = 0;
  const tabs = Array.from({ length: count }, (_, index) => {
    const page = fakeDoc(initially);
    const presence = createTabPresence({
      locks: locks.forTab(`tab${index}`),
      appId: "acme",
      doc: page.doc,
      isLeader: () => leader === index,
    });
    return { ...page, presence, index };
  });
  return {
    locks,
    tabs,
    setLeader(index: number) {
      leader = index;
    },
    /** Which tabs call for attention now. */
    async attending() {
      await settle();
      const views = await Promise.all(tabs.map((tab) => tab.presence.view()));
      return views.flatMap((view, index) => (attends(view) ? [index] : []));
    },
  };
}

describe("createTabPresence", () => {
  it("lets no tab call for attention while any tab is visible", async () => {
    const browser = browserWithTabs(3);
    expect(await browser.attending()).toEqual([]);
    browser.tabs[0]?.set("hidden");
    browser.tabs[2]?.set("hidden");
    expect(await browser.attending()).toEqual([]);
  });

  it("picks exactly one hidden tab, the one visible last", async () => {
    const browser = browserWithTabs(3);
    await settle();
    for (const tab of browser.tabs) tab.set("hidden");
    // All three were visible from the start; the last one to become visible took over.
    expect(await browser.attending()).toEqual([2]);

    browser.tabs[0]?.set("visible");
    expect(await browser.attending()).toEqual([]);
    browser.tabs[0]?.set("hidden");
    expect(await browser.attending()).toEqual([0]);

    browser.tabs[1]?.set("visible");
    await settle();
    browser.tabs[1]?.set("hidden");
    expect(await browser.attending()).toEqual([1]);
  });

  it("falls back to the leader when the tab seen last has closed, or no tab was ever visible", async () => {
    const browser = browserWithTabs(3);
    await settle();
    for (const tab of browser.tabs) tab.set("hidden");
    browser.setLeader(1);
    browser.locks.closeTab("tab2");
    browser.tabs[2]?.presence.stop();
    expect(await browser.attending()).toEqual([1]);

    const background = browserWithTabs(2, "hidden");
    background.setLeader(1);
    expect(await background.attending()).toEqual([1]);
  });

  it("lets go of the visible lock when hidden before the lock was granted", async () => {
    const browser = browserWithTabs(2, "hidden");
    const [first] = browser.tabs;
    first?.set("visible");
    first?.set("hidden");
    await settle();
    const { held = [] } = await browser.locks.forTab("probe").query();
    expect(held.filter((lock) => lock.name === "relaydesk:acme:visible")).toEqual([]);
    // And it still counts as seen last.
    expect(await browser.attending()).toEqual([0]);
  });

  it("counts neither as visible nor as seen last once stopped", async () => {
    const browser = browserWithTabs(2);
    await settle();
    browser.tabs[1]?.presence.stop();
    browser.tabs[0]?.set("hidden");
    await settle();
    const { held = [] } = await browser.locks.forTab("probe").query();
    expect(held).toEqual([]);
    expect(await browser.attending()).toEqual([0]);
  });
});
