/**
 * The English texts of widget.js, the one table the UI reads through `store.t` (see `lookup`). A key
 * with a `_one` (`_zero`, `_two`, `_few`, `_many`) twin is a plural: the plain key is the `other`
 * form, and `{n}` stands for the number; other `{name}`s are filled by name. The lazy parts bring their
 * own English (`LIST_EN`, `EXTRAS_EN`, `ATTACHMENTS_EN`, `ATTENTION_EN`, added here when they load); locale packs (`src/locales/*.ts`) and the vendor's `strings` give the same
 * keys in other words (look.ts merges them into `store.strings`).
 */
export const EN: Record<string, string> = {
  openChat: "Open chat",
  unread: "{n} unread",
  chat: "Chat",
  support: "Support",
  conversations: "Your conversations",
  conversationsFailed: "Your conversations: could not load, try again",
  closeChat: "Close chat",
  reconnecting: "Reconnecting…",
  unavailable: "Chat is unavailable right now.",
  messages: "Messages",
  empty: "Send us a message — we reply right here.",
  sending: "Sending…",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Not sent",
  retry: "Retry",
  message: "Message",
  placeholder: "Write a message…",
  send: "Send",
  openChatOffline: "Open chat (offline)",
};

/** Texts by key, plural forms included (`newMessages_few`); any subset. */
export type Strings = Readonly<Record<string, string>>;

/**
 * The vendor's `strings`: texts for every language (`{ openChat: "Talk to us" }`), and per
 * language tag (`{ es: { openChat: "Hablemos" } }`), which wins.
 */
export type VendorStrings = Readonly<Record<string, string | Strings>>;

/** Values of a text's `{name}` placeholders; a number `n` also picks the plural form. */
export type Values = Readonly<Record<string, string | number>>;

/** A lookup by key, as `store.t`: what the parts that make sentences (reply-time.ts) are given. */
export type Translate = (key: string, values?: number | Values) => string;

/**
 * The text for `key` in `table` (English where it has none), in the language `lang`. `values` fill
 * its `{name}` placeholders, numbers written in that language; a number alone is `{ n }`. With a
 * number `n`, the plural form `Intl.PluralRules` picks for it.
 *
 * @example lookup(EN, "en", "unread", 3) // "3 unread"
 * @example lookup(table, "en", "download", { name: "a.pdf" }) // "Download a.pdf"
 */
export function lookup(table: Strings, lang: string, key: string, values?: number | Values): string {
  const named: Values = typeof values === "number" ? { n: values } : (values ?? {});
  const count = named.n;
  const text =
    (typeof count === "number" ? table[`${key}_${new Intl.PluralRules(lang).select(count)}`] : undefined) ??
    table[key] ??
    EN[key] ??
    key;
  // One pass: a value holding "{n}" (a file name) stays as it is.
  return text.replace(/\{(\w+)\}/g, (all, name: string) => named[name]?.toLocaleString(lang) ?? all);
}
