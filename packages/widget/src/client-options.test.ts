import { describe, expect, it } from "vitest";
import { pageContext, visitorClientOptions, visitorTimeZone } from "./client-options.ts";
import type { WidgetStorage } from "./types.ts";
import { createWidgetStorage } from "./widget-storage.ts";

const stored = (value: string | null): WidgetStorage => ({
  get: () => value,
  set: () => {},
  clear: () => {},
});
const BOOT = { appId: "acme", relayUrl: "https://relay.example.com" };

describe("visitorClientOptions", () => {
  it("connects a new visitor without a token", () => {
    expect(visitorClientOptions(BOOT, stored(null), { url: "https://app.acme.com/" })).toMatchObject({
      url: "https://relay.example.com",
      auth: {
        role: "visitor",
        appId: "acme",
        visitorToken: undefined,
        page: { url: "https://app.acme.com/" },
      },
    });
  });

  it("leaves out a stored token the relay would refuse", () => {
    const options = visitorClientOptions(BOOT, stored("not a token <script>"));
    expect(options.auth.role === "visitor" && options.auth.visitorToken).toBeUndefined();
  });

  it("keeps the client's outbox in this app's storage, and reads back nothing it cannot parse", () => {
    const items = new Map<string, string>();
    const backend = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
      key: (index: number) => [...items.keys()][index] ?? null,
      get length() {
        return items.size;
      },
    };
    const { outboxStore } = visitorClientOptions(
      BOOT,
      createWidgetStorage("acme", () => backend),
    );
    const entry = { conversationId: "c1", clientMsgId: "w-1", body: "hi", queuedAt: 1 };
    outboxStore?.save([entry]);
    expect(JSON.parse(items.get("relaydesk:acme:outbox") ?? "")).toEqual([entry]);
    expect(outboxStore?.load()).toEqual([entry]);
    items.set("relaydesk:acme:outbox", "{oops");
    expect(outboxStore?.load()).toEqual([]);
    items.set("relaydesk:acme:outbox", '{"not":"a list"}');
    expect(outboxStore?.load()).toEqual([]);
  });
});

describe("pageContext", () => {
  it("cuts url and title to what hello accepts", () => {
    const page = pageContext(`https://a.example/${"x".repeat(3000)}`, "t".repeat(600));
    expect(page.url).toHaveLength(2048);
    expect(page.title).toHaveLength(512);
    expect(pageContext("https://a.example/", "")).toEqual({ url: "https://a.example/" });
  });

  it("carries the visitor's time zone beside the page", () => {
    expect(pageContext("https://a.example/", "Home", "Europe/Madrid")).toEqual({
      url: "https://a.example/",
      title: "Home",
      timeZone: "Europe/Madrid",
    });
  });
});

describe("visitorTimeZone", () => {
  it("takes Temporal's zone when the browser has Temporal", () => {
    const Temporal = { Now: { timeZoneId: () => "Asia/Kolkata" } };
    expect(visitorTimeZone({ Temporal, offsetMinutes: -330 })).toBe("Asia/Kolkata");
  });

  it("names an Etc zone from a whole-hour offset, with POSIX's reversed sign, that Intl accepts", () => {
    // getTimezoneOffset is minutes behind UTC: -120 in Madrid's summer (UTC+2), 300 in New York's winter.
    expect(visitorTimeZone({ offsetMinutes: -120 })).toBe("Etc/GMT-2");
    expect(visitorTimeZone({ offsetMinutes: 300 })).toBe("Etc/GMT+5");
    expect(visitorTimeZone({ offsetMinutes: 0 })).toBe("UTC");
    expect(visitorTimeZone({ offsetMinutes: -840 })).toBe("Etc/GMT-14");
    const at = Date.UTC(2026, 6, 1, 12);
    for (const [offset, hour] of [
      [-120, "14"],
      [300, "07"],
    ] as const) {
      const zone = visitorTimeZone({ offsetMinutes: offset });
      const shown = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", timeZone: zone }).format(at);
      expect(shown).toBe(hour);
    }
  });

  it("sends no zone for an offset of part of an hour, or one no zone has", () => {
    expect(visitorTimeZone({ offsetMinutes: -330 })).toBeUndefined();
    expect(visitorTimeZone({ offsetMinutes: -345 })).toBeUndefined();
    expect(visitorTimeZone({ offsetMinutes: 780 })).toBeUndefined();
  });
});
