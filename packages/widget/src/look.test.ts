import { signal } from "@preact/signals-core";
import { describe, expect, it, vi } from "vitest";
import { ATTENTION_EN } from "./attention-strings.ts";
import { STRINGS as AR } from "./locales/ar.ts";
import { STRINGS as ES } from "./locales/es.ts";
import { STRINGS as HE } from "./locales/he.ts";
import { followLook, merge } from "./look.ts";
import { MORE_KEYS } from "./look-options.ts";
import { EN, lookup } from "./strings.ts";
import type { ColorScheme, WidgetStore } from "./types.ts";
import { ATTACHMENTS_EN } from "./ui/attachments-strings.ts";
import { EXTRAS_EN } from "./ui/extras-strings.ts";
import { REASONS_EN } from "./ui/failure-reason.ts";
import { LIST_EN } from "./ui/list-strings.ts";
import { PREVIEW_EN } from "./ui/preview-strings.ts";

/** The part of the store look.ts reads and writes, as real signals. */
function lookStore(locale: string, colorScheme: string = "light") {
  const store = {
    locale: signal(locale),
    colorScheme: signal(colorScheme as ColorScheme),
    strings: signal<Readonly<Record<string, string>>>(EN),
    lang: signal<string | null>(null),
    dir: signal<"ltr" | "rtl">("ltr"),
  };
  const t = (key: string, values?: Parameters<typeof lookup>[3]) =>
    lookup(store.strings.value, store.lang.value ?? "en", key, values);
  return { store, asStore: store as unknown as WidgetStore, t };
}

const shown = (store: ReturnType<typeof lookStore>["store"], lang: string) =>
  vi.waitFor(() => expect(store.lang.value).toBe(lang));

describe("followLook", () => {
  it("shows a language once its pack has loaded, right to left for Arabic and Hebrew", async () => {
    const { store, asStore, t } = lookStore("es-MX");
    const css: string[] = [];
    followLook(asStore, undefined, (text) => css.push(text));
    await shown(store, "es-MX");
    expect(t("send")).toBe("Enviar");
    expect(t("newMessages", 2)).toBe("(2) Mensajes nuevos");
    expect(store.dir.value).toBe("ltr");
    store.locale.value = "ar";
    await shown(store, "ar");
    expect(store.dir.value).toBe("rtl");
    expect(t("send")).toBe(AR.send);
    expect(css.some((text) => text.includes("scaleX(-1)"))).toBe(true);
    store.locale.value = "he-IL";
    await shown(store, "he-IL");
    expect(t("closeChat")).toBe(HE.closeChat);
    store.locale.value = "en-GB";
    await shown(store, "en-GB");
    expect(store.dir.value).toBe("ltr");
    expect(t("send")).toBe("Send");
  });

  it("shows English for a language it has no words for, and logs a tag that is not one", async () => {
    const error = vi.fn();
    const { store, asStore, t } = lookStore("fr");
    followLook(asStore, undefined, () => {}, { error });
    await shown(store, "en");
    expect(t("openChat")).toBe("Open chat");
    store.locale.value = "not a tag!";
    expect(error).toHaveBeenCalledWith(expect.stringContaining('locale must be a language tag such as "es"'));
    expect(store.lang.value).toBe("en");
  });

  it("lets the vendor's texts win: per tag over per language over everywhere over the pack", async () => {
    const { store, asStore, t } = lookStore("es-AR");
    followLook(
      asStore,
      {
        openChat: "Talk to us",
        send: "Go",
        es: { send: "Dale", closeChat: "Chau" },
        "es-AR": { closeChat: "Chau, che" },
      },
      () => {},
    );
    await shown(store, "es-AR");
    expect([t("openChat"), t("send"), t("closeChat"), t("retry")]).toEqual([
      "Talk to us",
      "Dale",
      "Chau, che",
      "Reintentar",
    ]);
  });

  it("shows a language only the vendor has words for", async () => {
    const { store, asStore, t } = lookStore("fr-CA");
    followLook(asStore, { fr: { openChat: "Discuter" } }, () => {});
    await shown(store, "fr-CA");
    expect(t("openChat")).toBe("Discuter");
    expect(t("send")).toBe("Send");
  });

  it("logs and leaves out what is wrong in strings, applying the rest", async () => {
    const error = vi.fn();
    const { store, asStore, t } = lookStore("en");
    followLook(
      asStore,
      { opnChat: "x", send: 3, "not a tag!": { send: "y" }, unread_one: "one new" },
      () => {},
      { error },
    );
    await shown(store, "en");
    expect(error.mock.calls.map(([text]) => text)).toEqual([
      expect.stringContaining('strings: unknown key "opnChat" (keys: openChat, unread'),
      expect.stringContaining("strings.send must be a string, got number"),
      expect.stringContaining('"not a tag!" is not a language tag'),
    ]);
    expect([t("send"), t("unread", 1), t("unread", 2)]).toEqual(["Send", "one new", "2 unread"]);
  });

  it("adopts the dark palette when a dark or automatic scheme is first wanted, and logs a wrong one", async () => {
    const error = vi.fn();
    const { store, asStore } = lookStore("en", "dark");
    const css: string[] = [];
    followLook(asStore, undefined, (text) => css.push(text), { error });
    expect(css.filter((text) => text.includes('data-color-scheme="dark"'))).toHaveLength(1);
    store.colorScheme.value = "auto";
    expect(css.filter((text) => text.includes('data-color-scheme="dark"'))).toHaveLength(1);
    store.colorScheme.value = "purple" as ColorScheme;
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('colorScheme must be "light", "dark" or "auto"'),
    );
    expect(store.colorScheme.value).toBe("light");
  });
});

describe("the lazy parts' keys", () => {
  it("are known to the vendor's strings: an override of one shows, with its placeholders filled", async () => {
    const { store, asStore, t } = lookStore("es");
    const error = vi.fn();
    followLook(asStore, { es: { attach: "Subir archivos", download: "Bajar {name}" } }, () => {}, { error });
    await shown(store, "es");
    expect(error).not.toHaveBeenCalled();
    expect(t("attach")).toBe("Subir archivos");
    expect(t("download", { name: "factura.pdf" })).toBe("Bajar factura.pdf");
    expect(t("queuePosition", { n: 2, wait: t("waitMinutes", 3) })).toBe(
      "Eres el número 2 en la fila. Espera estimada: alrededor de 3 minutos.",
    );
  });
});

describe("merge", () => {
  it("drops the lower layers' plural forms of a key a higher layer gives plainly", () => {
    const table = merge([{ unread_one: "one", unread: "{n} many" }, { unread: "{n} new" }]);
    expect(table).toEqual({ unread: "{n} new" });
  });
});

describe("the tables", () => {
  // Every English table: widget.js's and each lazy part's.
  const english: Record<string, string> = {
    ...EN,
    ...LIST_EN,
    ...EXTRAS_EN,
    ...ATTACHMENTS_EN,
    ...ATTENTION_EN,
    ...PREVIEW_EN,
    ...REASONS_EN,
  };
  const plainOf = (key: string) => key.replace(/_[a-z]+$/, "");
  const known = new Set([...Object.keys(EN), ...MORE_KEYS]);
  const names = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]));

  it("MORE_KEYS names the lazy parts' English keys", () => {
    const keys = Object.keys({
      ...LIST_EN,
      ...EXTRAS_EN,
      ...ATTACHMENTS_EN,
      ...ATTENTION_EN,
      ...PREVIEW_EN,
      ...REASONS_EN,
    }).map(plainOf);
    expect(new Set(MORE_KEYS)).toEqual(new Set(keys));
  });

  it("no lazy part's key is one of another table's", () => {
    const tables = [EN, LIST_EN, EXTRAS_EN, ATTACHMENTS_EN, ATTENTION_EN, PREVIEW_EN, REASONS_EN];
    const count = tables.reduce((sum, table) => sum + Object.keys(table).length, 0);
    expect(Object.keys(english)).toHaveLength(count);
  });

  it.each([
    ["es", ES],
    ["ar", AR],
    ["he", HE],
  ])("the %s pack gives every key of every English table, and no unknown one", (_, pack) => {
    const plain = new Set(Object.keys(pack).map(plainOf));
    expect(plain).toEqual(new Set(Object.keys(english).map(plainOf)));
    expect(plain).toEqual(known);
  });

  it.each([
    ["es", ES],
    ["ar", AR],
    ["he", HE],
  ])("the %s pack fills the English placeholders, and no others", (_, pack) => {
    for (const [key, text] of Object.entries(pack)) {
      const wanted = names(english[plainOf(key)] ?? "");
      const given = names(text);
      // Each {name} it writes is one the widget fills…
      for (const name of given) expect(wanted, `${key}: {${name}}`).toContain(name);
      // …and it leaves none out (a plural form may say the number in words: "one minute").
      for (const name of wanted) if (name !== "n") expect(given, `${key}: {${name}}`).toContain(name);
    }
  });
});
