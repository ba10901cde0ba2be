// The look chunk (mount-widget.tsx loads it for a language other than English, a colour scheme other
// than light, or the vendor's own `strings`): picks and merges the texts, loads locale packs and the
// dark palette. Plain English and light, the default, need none of it.
import { batch, effect } from "@preact/signals-core";
import { lazyPart } from "./lazy-part.ts";
import { checkStrings, isColorScheme, isLocale, MORE_KEYS } from "./look-options.ts";
import { EN, type Strings } from "./strings.ts";
import type { WidgetStore } from "./types.ts";
import { DARK_CSS } from "./ui/dark-styles.ts";
import { RTL_CSS } from "./ui/rtl-styles.ts";
import { WidgetError } from "./widget-error.ts";

/** The packs, by language subtag: each a chunk of its own, fetched when its language is wanted. */
const PACKS: Record<string, () => Promise<{ STRINGS: Strings }>> = {
  es: () => import("./locales/es.ts"),
  ar: () => import("./locales/ar.ts"),
  he: () => import("./locales/he.ts"),
};

/** Right-to-left languages, by language subtag. */
const RTL = new Set(["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

const languageOf = (tag: string) => tag.split("-")[0]!.toLowerCase();

/**
 * The `log` of `followLook` for the widget: a bad locale, scheme or `strings` entry is reported like
 * a bad display option (logged, and the `error` event with `invalid-argument`).
 */
export function reporting(report: (error: unknown) => void): Pick<Console, "error"> {
  return {
    error: (message: string) =>
      report(new WidgetError("invalid-argument", message.replace(/^Relaydesk: /, ""))),
  };
}

/**
 * Follow `store.locale` and `store.colorScheme`: set `store.strings`, `store.lang` and `store.dir`
 * for the wanted language once its pack (if it has one) has loaded, and adopt the dark palette when
 * a dark or automatic scheme is first wanted. A tag with neither a pack nor vendor texts shows
 * English. A pack that cannot be fetched keeps the language shown before (English at first) and is
 * asked for again on the next change. A bad locale, scheme or `strings` entry is logged and ignored.
 */
export function followLook(
  store: WidgetStore,
  given: unknown,
  addCss: (css: string) => unknown,
  log: Pick<Console, "error"> = console,
): () => void {
  const vendor = checkStrings(given, new Set([...Object.keys(EN), ...MORE_KEYS]), log);
  const own = (tag: string) => (typeof vendor[tag] === "object" ? (vendor[tag] as Strings) : undefined);
  const everywhere: Strings = Object.fromEntries(
    Object.entries(vendor).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const packs = new Map(Object.entries(PACKS).map(([name, load]) => [name, lazyPart(load)]));
  let dark = false;
  let mirrored = false;

  const stopScheme = effect(() => {
    const scheme = store.colorScheme.value;
    if (!isColorScheme(scheme)) {
      log.error(`Relaydesk: colorScheme must be "light", "dark" or "auto", got ${JSON.stringify(scheme)}`);
      store.colorScheme.value = "light";
    } else if (scheme !== "light" && !dark) {
      dark = true;
      addCss(DARK_CSS);
    }
  });

  const stopLocale = effect(() => {
    const wanted = store.locale.value;
    if (!isLocale(wanted)) {
      log.error(
        `Relaydesk: locale must be a language tag such as "es" or "ar-EG", got ${JSON.stringify(wanted)}`,
      );
    }
    const tag = isLocale(wanted) ? Intl.getCanonicalLocales(wanted)[0]! : "en";
    const base = languageOf(tag);
    const show = (pack: Strings | undefined) => {
      if (store.locale.peek() !== wanted) return;
      const shown = pack || base === "en" || own(tag) || own(base) ? tag : "en";
      batch(() => {
        // Lowest first: the pack, the vendor's texts for every language, for the language, for the tag.
        store.strings.value = merge([pack ?? {}, everywhere, own(languageOf(shown)) ?? {}, own(shown) ?? {}]);
        store.lang.value = shown;
        store.dir.value = RTL.has(languageOf(shown)) ? "rtl" : "ltr";
        if (store.dir.value === "rtl" && !mirrored) {
          mirrored = true;
          addCss(RTL_CSS);
        }
      });
    };
    const pack = packs.get(base);
    if (!pack) show(undefined);
    else
      void pack.load().then((loaded) => {
        if (loaded) show(loaded.STRINGS);
        else if (store.lang.peek() === null) show(undefined);
      });
  });

  return () => {
    stopScheme();
    stopLocale();
  };
}

/**
 * One table from layers, lowest first. A layer that gives a key's plain (`other`) form drops the
 * plural forms lower layers gave it: a vendor's "{n} new" is not undercut by a pack's `_one`.
 */
export function merge(layers: readonly Strings[]): Strings {
  const table: Record<string, string> = {};
  for (const layer of layers) {
    // Plain keys before their forms (a key is a prefix of its forms).
    for (const [key, text] of Object.entries(layer).sort(([a], [b]) => a.length - b.length)) {
      if (!/_[a-z]+$/.test(key)) {
        for (const name of Object.keys(table)) if (name.startsWith(`${key}_`)) delete table[name];
      }
      table[key] = text;
    }
  }
  return table;
}
