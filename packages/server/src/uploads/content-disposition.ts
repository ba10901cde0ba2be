import { wellFormed } from "../relay/well-formed.ts";

/** RFC 5987 attr-char: what may stand unencoded in `filename*`. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

/**
 * A `Content-Disposition` header (RFC 6266) for a display name: `filename*=UTF-8''…` with every
 * byte outside RFC 5987's attr-char percent-encoded (so quotes, CR, LF, `;` and non-ASCII can
 * never break out of the header), preceded by a plain `filename="…"` fallback in printable ASCII
 * for old clients.
 *
 * @example
 * contentDisposition("attachment", 'a"b.txt'); // attachment; filename="a_b.txt"; filename*=UTF-8''a%22b.txt
 */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeAttrValue(name)}`;
}

function encodeAttrValue(value: string): string {
  let out = "";
  for (const char of wellFormed(value)) {
    if (ATTR_CHAR.test(char)) {
      out += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}
