// 64 symbols allowed by the protocol's id pattern (A-Z a-z 0-9 . _ : ~ -), so each byte maps
// to one character without bias (byte & 63).
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * A random id (126 bits after the prefix) for request ids and clientMsgIds. Uses
 * `globalThis.crypto.getRandomValues`, present in browsers and Node >= 20, so ids from two tabs
 * or two bot processes never collide the way counters or Math.random could.
 */
export function createId(prefix: string): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(21));
  let id = prefix;
  for (const byte of bytes) id += ALPHABET.charAt(byte & 63);
  return id;
}

/** Whether `value` is a valid protocol id (what the relay accepts as clientMsgId). */
export function isValidId(value: string): boolean {
  return typeof value === "string" && /^[A-Za-z0-9._:~-]{1,128}$/.test(value);
}
