/** A random id (96 bits) after `prefix`, for clientMsgIds and tab ids. */
export function randomId(prefix: string): string {
  // getRandomValues works on plain http pages too, unlike crypto.randomUUID.
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
