/**
 * Replace each lone UTF-16 surrogate with U+FFFD. JSON may carry them (`"\ud800"`), but UTF-8
 * cannot: SQLite would store the bytes of a surrogate and read back three U+FFFD, so the message
 * everyone saw live would differ from its history. With `u`, a surrogate pair is one code point,
 * so `\p{Cs}` matches only unpaired halves. Length in code units is unchanged (limits still hold).
 */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, "\ufffd");
}
