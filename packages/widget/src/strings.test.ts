import { describe, expect, it } from "vitest";
import { STRINGS as AR } from "./locales/ar.ts";
import { STRINGS as ES } from "./locales/es.ts";
import { EN, lookup } from "./strings.ts";

describe("lookup", () => {
  it("gives the English text of a key, and the key itself when nothing has it", () => {
    expect(lookup(EN, "en", "openChat")).toBe("Open chat");
    expect(lookup({}, "en", "send")).toBe("Send");
    expect(lookup({}, "en", "noSuchKey")).toBe("noSuchKey");
  });

  it("picks English plural forms through Intl.PluralRules", () => {
    const table = { newMessages_one: "({n}) New message", newMessages: "({n}) New messages" };
    expect(lookup(table, "en", "newMessages", 1)).toBe("(1) New message");
    expect(lookup(table, "en", "newMessages", 2)).toBe("(2) New messages");
    expect(lookup(EN, "en", "unread", 1234)).toBe("1,234 unread");
  });

  it("picks all six Arabic forms and writes the number in the language", () => {
    const forms = [0, 1, 2, 3, 11, 100].map((n) => lookup(AR, "ar", "unread", n));
    expect(forms).toEqual([
      AR.unread_zero,
      AR.unread_one,
      AR.unread_two,
      AR.unread_few!.replace("{n}", (3).toLocaleString("ar")),
      AR.unread_many!.replace("{n}", (11).toLocaleString("ar")),
      AR.unread!.replace("{n}", (100).toLocaleString("ar")),
    ]);
    expect(new Set(forms).size).toBe(6);
  });

  it("falls back to English for a key a table lacks", () => {
    expect(lookup(ES, "es", "send")).toBe("Enviar");
    expect(lookup({ send: "Enviar" }, "es", "retry")).toBe("Retry");
  });

  it("fills named placeholders, numbers in the language, and leaves unknown ones", () => {
    const table = { download: "Download {name}", position: "Number {n}: {wait}", odd: "{a} and {b}" };
    expect(lookup(table, "en", "download", { name: "a.pdf" })).toBe("Download a.pdf");
    expect(lookup(table, "en", "position", { n: 1200, wait: "soon" })).toBe("Number 1,200: soon");
    expect(lookup(table, "es", "position", { n: 1200, wait: "pronto" })).toBe("Number 1200: pronto");
    expect(lookup(table, "en", "odd", { a: "x" })).toBe("x and {b}");
    // A value is never read as a placeholder itself (a file may be named "{n}.png").
    expect(lookup(table, "en", "download", { name: "{n}.png", n: 3 })).toBe("Download {n}.png");
  });

  it("picks the plural form by a named n too", () => {
    const table = { wait_one: "about a minute ({label})", wait: "about {n} minutes ({label})" };
    expect(lookup(table, "en", "wait", { n: 1, label: "x" })).toBe("about a minute (x)");
    expect(lookup(table, "en", "wait", { n: 4, label: "x" })).toBe("about 4 minutes (x)");
    // A string n is a text, not a count.
    expect(lookup(table, "en", "wait", { n: "1", label: "x" })).toBe("about 1 minutes (x)");
  });
});
