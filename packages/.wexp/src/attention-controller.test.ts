import type { Message } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import {
  type AttentionEnv,
  attends,
  createAttention,
  flashText,
  type TabsView,
} from "./attention-controller.ts";

const PAGE_TITLE = "Acme — Dashboard";

function message(kind: "agent" | "visitor" | "bot" = "agent", body = "Hello"): Message {
  return {
    id: `m-${Math.random()}`,
    conversationId: "c1",
    seq: 1,
    author: { kind, id: kind === "visitor" ? "v1" : "a1", name: "Anna" },
    kind: "text",
    body,
    clientMsgId: `x-${Math.random()}`,
    createdAt: 1,
  };
}

const allHidden: TabsView = {
  hidden: true,
  anyVisible: false,
  lastSeen: true,
  anyLastSeen: true,
  leader: false,
};

/** One tab's environment: its tabs view can be changed; timers run by hand. */
function fakeTab(view: TabsView = allHidden) {
  const state = { view, now: 0, beeps: 0, notified: [] as string[] };
  const timers = new Map<number, () => void>();
  let next = 0;
  const doc = { title: PAGE_TITLE };
  const env: AttentionEnv = {
    tabs: async () => state.view,
    doc,
    beep: () => {
      state.beeps++;
    },
    notify: (shown) => {
      state.notified.push(shown.body);
    },
    now: () => state.now,
    setInterval: (run) => {
      timers.set(++next, run);
      return next;
    },
    clearInterval: (timer) => {
      timers.delete(timer as number);
    },
  };
  /** One flash period passes. */
  const tick = async () => {
    for (const run of [...timers.values()]) run();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { state, env, doc, tick, timers };
}

describe("attends: the one-tab rule", () => {
  it.each<[string, Partial<TabsView>, boolean]>([
    ["this tab visible", { hidden: false, anyVisible: true }, false],
    ["another tab visible, even if this one was seen last", { anyVisible: true }, false],
    ["all hidden, this tab seen last", {}, true],
    ["all hidden, another tab seen last, this one leads", { lastSeen: false, leader: true }, false],
    [
      "all hidden, the tab seen last closed, this one leads",
      { lastSeen: false, anyLastSeen: false, leader: true },
      true,
    ],
    ["all hidden, the tab seen last closed, another leads", { lastSeen: false, anyLastSeen: false }, false],
  ])("%s: %s", (_, change, expected) => {
    expect(attends({ ...allHidden, ...change })).toBe(expected);
  });

  it("picks exactly one of several hidden tabs, whichever was seen last or leads", () => {
    for (let seenLast = -1; seenLast < 4; seenLast++) {
      for (let leader = 0; leader < 4; leader++) {
        const tabs = [0, 1, 2, 3].map(
          (tab): TabsView => ({
            hidden: true,
            anyVisible: false,
            lastSeen: tab === seenLast,
            anyLastSeen: seenLast >= 0,
            leader: tab === leader,
          }),
        );
        const chosen = tabs.flatMap((view, tab) => (attends(view) ? [tab] : []));
        expect(chosen).toEqual([seenLast >= 0 ? seenLast : leader]);
      }
    }
  });
});

describe("createAttention", () => {
  it("flashes the title with the count, alternating with the page's own, and restores it when seen", async () => {
    const tab = fakeTab();
    const attention = createAttention(tab.env);
    await attention.notice(message());
    expect(tab.doc.title).toBe("(1) New message");
    await tab.tick();
    expect(tab.doc.title).toBe(PAGE_TITLE);
    await attention.notice(message());
    expect(tab.doc.title).toBe("(2) New messages");
    await tab.tick();
    expect(tab.doc.title).toBe(PAGE_TITLE);
    await tab.tick();
    expect(tab.doc.title).toBe("(2) New messages");
    attention.seen();
    expect(tab.doc.title).toBe(PAGE_TITLE);
    expect(attention.flashing).toBe(false);
    expect(tab.timers.size).toBe(0);
    // Counting starts again after the visitor looked.
    await attention.notice(message());
    expect(tab.doc.title).toBe(flashText(1));
  });

  it("stops flashing and restores the title as soon as any tab is visible", async () => {
    const tab = fakeTab();
    const attention = createAttention(tab.env);
    await attention.notice(message());
    tab.state.view = { ...allHidden, anyVisible: true };
    await tab.tick();
    expect(tab.doc.title).toBe(PAGE_TITLE);
    expect(attention.flashing).toBe(false);
  });

  it("keeps a title the page set while flashing, and restores that one", async () => {
    const tab = fakeTab();
    const attention = createAttention(tab.env);
    await attention.notice(message());
    await tab.tick();
    tab.doc.title = "Acme — Reports";
    await tab.tick();
    expect(tab.doc.title).toBe("(1) New message");
    await tab.tick();
    expect(tab.doc.title).toBe("Acme — Reports");
    attention.seen();
    expect(tab.doc.title).toBe("Acme — Reports");
  });

  it("ignores the visitor's own messages, and does nothing in a tab the rule does not pick", async () => {
    const tab = fakeTab();
    const attention = createAttention(tab.env, { sound: true, notifications: true });
    await attention.notice(message("visitor"));
    expect(tab.doc.title).toBe(PAGE_TITLE);

    const other = fakeTab({ ...allHidden, lastSeen: false, leader: true });
    const elsewhere = createAttention(other.env, { sound: true, notifications: true });
    await elsewhere.notice(message());
    expect(other.doc.title).toBe(PAGE_TITLE);
    expect(other.state).toMatchObject({ beeps: 0, notified: [] });
  });

  it("beeps once per burst, notifies once per message, and only when switched on", async () => {
    const tab = fakeTab();
    const attention = createAttention(tab.env, { sound: true, notifications: true, burstMs: 3000 });
    await attention.notice(message("agent", "one"));
    tab.state.now = 1000;
    await attention.notice(message("bot", "two"));
    tab.state.now = 2999;
    await attention.notice(message("agent", "three"));
    expect(tab.state.beeps).toBe(1);
    tab.state.now = 3000;
    await attention.notice(message("agent", "four"));
    expect(tab.state.beeps).toBe(2);
    expect(tab.state.notified).toEqual(["one", "two", "three", "four"]);

    const quiet = fakeTab();
    await createAttention(quiet.env).notice(message());
    expect(quiet.doc.title).toBe("(1) New message");
    expect(quiet.state).toMatchObject({ beeps: 0, notified: [] });
  });

  it("restores the title and stays quiet once stopped", async () => {
    const tab = fakeTab();
    const attention = createAttention(tab.env, { sound: true });
    await attention.notice(message());
    attention.stop();
    expect(tab.doc.title).toBe(PAGE_TITLE);
    await attention.notice(message());
    expect(tab.doc.title).toBe(PAGE_TITLE);
    expect(tab.state.beeps).toBe(1);
  });
});
