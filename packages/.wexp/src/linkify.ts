/** A run of message text, with `href` when the run is a link. */
export interface TextPart {
  text: string;
  href?: string;
}

// Candidates only; each is checked with the URL parser before it becomes a link.
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;
// Punctuation that usually ends a sentence rather than a URL.
const TRAILING = /[.,;:!?'")\]]+$/;
const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * Split message text into plain runs and links (DESIGN §7: http, https and mailto only). The result is
 * rendered as text nodes and `<a href>` elements, never as HTML.
 *
 * @example linkify("see https://example.com.") // [{text:"see "},{text:"https://example.com",href:"https://example.com/"},{text:"."}]
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const raw = match[0].replace(TRAILING, "");
    const href = safeHref(raw);
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
