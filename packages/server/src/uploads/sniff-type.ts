import type { AttachmentType } from "@relaydesk/sdk-types";

/** What the bytes so far say: not decided yet, an allowed type, or refused (with why, for people). */
export type SniffVerdict =
  | { state: "pending" }
  | { state: "allowed"; type: AttachmentType }
  | { state: "rejected"; reason: string };

export interface TypeSniffer {
  /** Feed the next chunk. Once the verdict is `allowed` or `rejected` it stays so. */
  push(chunk: Uint8Array): SniffVerdict;
  /** The file is complete: the final verdict (a text candidate is only allowed here). */
  end(): SniffVerdict;
}

/** Enough for every signature below and for the markup check after a BOM and leading blanks. */
const HEAD_BYTES = 512;

const SIGNATURES: readonly { type: AttachmentType; bytes: readonly (number | null)[] }[] = [
  { type: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { type: "image/gif", bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  // RIFF <4 bytes of length> WEBP
  {
    type: "image/webp",
    bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50],
  },
  { type: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

export const ALLOWED_DESCRIPTION = "PNG, JPEG, GIF, WebP, PDF or plain UTF-8 text";

/**
 * Decide a file's type from its bytes alone, never from its name or the uploader's Content-Type:
 * a PNG called `evil.html` is a PNG, and an HTML page called `cat.png` is refused.
 *
 * Images and PDFs are recognised by their signature in the first bytes. Anything else may only be
 * plain text: the whole file must be valid UTF-8 without NUL bytes (checked as it streams, so
 * nothing is buffered beyond the first 512 bytes), and it must not start with markup (`<` and a
 * tag, after an optional BOM and blanks): HTML, SVG and XML are never accepted, because a browser
 * that ends up rendering one runs its scripts with the relay's origin.
 *
 * @example
 * const sniffer = createTypeSniffer();
 * sniffer.push(firstChunk); // { state: "allowed", type: "image/png" }
 */
export function createTypeSniffer(): TypeSniffer {
  let verdict: SniffVerdict = { state: "pending" };
  let head: Uint8Array = new Uint8Array(0);
  let total = 0;
  /** Set once the head says "text candidate": every later byte must keep it valid UTF-8. */
  let text: TextDecoder | null = null;

  const reject = (reason: string): SniffVerdict => {
    verdict = { state: "rejected", reason };
    return verdict;
  };

  /** Check a chunk of a text candidate; false once it cannot be plain text. */
  const checkText = (decoder: TextDecoder, chunk: Uint8Array, final: boolean): boolean => {
    if (chunk.includes(0)) return false;
    try {
      decoder.decode(chunk, { stream: !final });
      return true;
    } catch {
      return false;
    }
  };

  const decideHead = (final: boolean): SniffVerdict => {
    for (const signature of SIGNATURES) {
      if (matches(head, signature.bytes)) {
        verdict = { state: "allowed", type: signature.type };
        return verdict;
      }
    }
    if (startsWithMarkup(head)) {
      return reject(
        "the file is HTML, SVG or XML markup, which is never accepted (it could run scripts when opened)",
      );
    }
    text = new TextDecoder("utf-8", { fatal: true });
    if (!checkText(text, head, final)) return reject(notAllowed());
    return verdict;
  };

  return {
    push(chunk) {
      if (verdict.state !== "pending" || chunk.length === 0) return verdict;
      total += chunk.length;
      if (text) return checkText(text, chunk, false) ? verdict : reject(notAllowed());
      head = concat(head, chunk);
      if (head.length < HEAD_BYTES) return verdict;
      return decideHead(false);
    },
    end() {
      if (verdict.state !== "pending") return verdict;
      if (total === 0) return reject("the file is empty");
      if (!text) {
        const decided = decideHead(true);
        if (decided.state !== "pending") return decided;
      } else if (!checkText(text, new Uint8Array(0), true)) {
        return reject(notAllowed());
      }
      verdict = { state: "allowed", type: "text/plain" };
      return verdict;
    },
  } satisfies TypeSniffer;
}

function notAllowed(): string {
  return `the file's contents are not ${ALLOWED_DESCRIPTION} (its name and Content-Type are not looked at)`;
}

function matches(head: Uint8Array, bytes: readonly (number | null)[]): boolean {
  if (head.length < bytes.length) return false;
  return bytes.every((byte, i) => byte === null || head[i] === byte);
}

const BLANKS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** `<` followed by a letter, `!`, `?` or `/` as the first non-blank character (after a UTF-8 BOM). */
function startsWithMarkup(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && BLANKS.has(head[i]!)) i++;
  if (head[i] !== 0x3c) return false;
  const next = head[i + 1];
  if (next === undefined) return false;
  const isLetter = (next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a;
  return isLetter || next === 0x21 || next === 0x3f || next === 0x2f;
}

/** The head so far plus the whole chunk (at most one chunk over `HEAD_BYTES`), copied. */
function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
