import type { Conversation } from "@relaydesk/sdk-types";
import { describe, expect, it } from "vitest";
import type { InboxEntry } from "./inbox-groups.ts";
import { createInboxSort, INBOX_SORT_KEY, sortInbox } from "./inbox-sort.ts";

function entry(id: string, activityAt: number, sla?: Conversation["sla"]): InboxEntry {
  const conversation: Conversation = {
    id,
    appId: "app",
    visitorId: `v-${id}`,
    status: "open",
    assignee: null,
    attributes: {},
    createdAt: 0,
    updatedAt: activityAt,
    lastSeq: 0,
    ...(sla ? { sla } : {}),
  };
  return { conversation, lastMessage: null, activityAt, unread: 0 };
}

// Newest activity first, as inboxGroups hands them over.
const recent = [
  entry("no-clock-new", 900),
  entry("due-late", 800, { kind: "next-response", dueAt: 5_000 }),
  entry("breached", 700, { kind: "first-response", dueAt: 3_000, breachedAt: 3_000 }),
  entry("due-soon", 600, { kind: "first-response", dueAt: 2_000 }),
  entry("no-clock-old", 500),
  entry("breached-earlier", 400, { kind: "next-response", dueAt: 1_000, breachedAt: 1_000 }),
];
const ids = (entries: InboxEntry[]) => entries.map((e) => e.conversation.id);

describe("sortInbox", () => {
  it("keeps newest activity first for Recent", () => {
    expect(ids(sortInbox(recent, "recent"))).toEqual(ids(recent));
  });

  it("puts overdue first, then the soonest due, then conversations with no clock (newest first)", () => {
    expect(ids(sortInbox(recent, "time-left"))).toEqual([
      "breached-earlier",
      "breached",
      "due-soon",
      "due-late",
      "no-clock-new",
      "no-clock-old",
    ]);
  });

  it("does not reorder the list it was given", () => {
    const copy = [...recent];
    sortInbox(recent, "time-left");
    expect(ids(recent)).toEqual(ids(copy));
  });
});

describe("createInboxSort", () => {
  function memoryStorage(initial: Record<string, string> = {}) {
    const data = new Map(Object.entries(initial));
    return {
      data,
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
    };
  }

  it("starts on Recent and keeps a choice for the next visit", () => {
    const storage = memoryStorage();
    const sort = createInboxSort({ storage });
    expect(sort.order.value).toBe("recent");
    sort.set("time-left");
    expect(sort.order.value).toBe("time-left");
    expect(storage.data.get(INBOX_SORT_KEY)).toBe("time-left");
    expect(createInboxSort({ storage }).order.value).toBe("time-left");
  });

  it("ignores a stored value it does not know and storage that throws", () => {
    expect(createInboxSort({ storage: memoryStorage({ [INBOX_SORT_KEY]: "oldest" }) }).order.value).toBe(
      "recent",
    );
    const blocked = {
      getItem(): string | null {
        throw new Error("SecurityError");
      },
      setItem() {
        throw new Error("SecurityError");
      },
    };
    const sort = createInboxSort({ storage: blocked });
    expect(sort.order.value).toBe("recent");
    sort.set("time-left");
    expect(sort.order.value).toBe("time-left");
  });
});
