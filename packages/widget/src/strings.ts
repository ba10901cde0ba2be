/**
 * The English texts of widget.js, the one table the UI reads through `store.t` (see `lookup`). A key
 * with a `_one` (`_zero`, `_two`, `_few`, `_many`) twin is a plural: the plain key is the `other`
 * form, and `{n}` stands for the number. The lazy parts bring their own English (`MORE_EN`, added
 * here when they load); locale packs (`src/locales/*.ts`) and the vendor's `strings` give the same
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

/**
 * The text for `key` in `table` (English where it has none), in the language `lang`; with `count`,
 * the plural form `Intl.PluralRules` picks for it, `{n}` replaced by the number in that language.
 *
 * @example lookup(EN, "en", "unread", 3) // "3 unread"
 */
export function lookup(table: Strings, lang: string, key: string, count?: number): string {
  const text =
    (count === undefined ? undefined : table[`${key}_${new Intl.PluralRules(lang).select(count)}`]) ??
    table[key] ??
    EN[key] ??
    key;
  return count === undefined ? text : text.replace("{n}", count.toLocaleString(lang));
}
