/** Makes one element: Preact's `h` fits, and so does any `(tag, props, ...children)` factory. */
export type ElementFactory<T> = (
  tag: "strong" | "em" | "code" | "a",
  props: Record<string, string> | null,
  ...children: (string | T)[]
) => T;

// Tried only where the scan stands (sticky), so no pattern rescans the text behind it: an escaped
// marker, `code`, [text](url) (text without brackets or newlines), or a bare link not inside a word.
const TOKEN =
  /\\([\\`*_[\]])|`([^`]+)`|\[([^[\]\n]{1,500})\]\(([^\s()<>"]{1,2000})\)|(?<![\p{L}\p{N}])(?:https?:\/\/|mailto:)[^\s<>"]+/iuy;
// Punctuation that usually ends the sentence around a link rather than the link itself.
const TRAILING = /[.,;:!?'")\]*_]+$/;
const WORD = /[\p{L}\p{N}]/u;
const TAGS = { "**": "strong", "*": "em", _: "em" } as const;

type Marker = keyof typeof TAGS;

/**
 * Message text as elements, never as HTML: `**bold**`, `*italic*` and `_italic_` (nested too),
 * `` `code` ``, and links, either bare or `[text](url)`, only for http, https and mailto (DESIGN
 * §7; the URL parser decides, so `javascript:`, entity tricks and relative URLs stay text). What
 * does not close is text. One pass with at most three open markers: linear in the text's length.
 *
 * @example
 * render(<p>{renderMarkdown("**hi** see https://example.com", h)}</p>, node);
 */
export function renderMarkdown<T>(text: string, h: ElementFactory<T>): (string | T)[] {
  // The open markers, innermost last; [0] is the text itself.
  const stack: { marker: Marker | ""; out: (string | T)[] }[] = [{ marker: "", out: [] }];
  let plain = "";
  const top = () => stack[stack.length - 1]!;
  const flush = () => {
    if (plain) top().out.push(plain);
    plain = "";
  };

  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    const before = text[i - 1] ?? " ";
    TOKEN.lastIndex = i;
    const token = TOKEN.exec(text);
    if (token) {
      const [all, escaped, code, label, target] = token;
      const bare = !(escaped || code || label);
      // A bare link ends before sentence punctuation; the other tokens are taken whole.
      const raw = bare ? all.replace(TRAILING, "") : all;
      const href = escaped || code ? null : safeHref(label ? target! : raw);
      if (href || code) {
        flush();
        top().out.push(
          code
            ? h("code", null, code)
            : h("a", { href: href!, target: "_blank", rel: "noopener noreferrer nofollow" }, label ?? raw),
        );
      } else if (label) {
        // A [text](url) whose url is refused: text, its text still read for markers.
        plain += c;
        i++;
        continue;
      } else {
        // An escaped character, or a bare "link" that is no URL: text, in one go (looking again
        // inside it could take quadratic time).
        plain += escaped ?? raw;
      }
      i += raw.length;
      continue;
    }
    const marker: Marker | null = c === "_" ? "_" : c === "*" ? (text[i + 1] === "*" ? "**" : "*") : null;
    if (marker) {
      const after = text[i + marker.length] ?? " ";
      const open = stack.findIndex((frame) => frame.marker === marker);
      // Closes after text, opens before it; `_` never inside a word (snake_case stays as it is).
      const snake = marker === "_";
      if (open > 0 && before.trim() && !(snake && WORD.test(after))) {
        flush();
        while (stack.length > open + 1) unwind();
        const frame = stack.pop()!;
        top().out.push(h(TAGS[marker], null, ...frame.out));
        i += marker.length;
        continue;
      }
      if (open < 0 && after.trim() && !(snake && WORD.test(before))) {
        flush();
        stack.push({ marker, out: [] });
        i += marker.length;
        continue;
      }
      plain += marker;
      i += marker.length;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  while (stack.length > 1) unwind();
  return stack[0]!.out;

  // A marker that never closed is text: its children join its parent's.
  function unwind() {
    const frame = stack.pop()!;
    const out = top().out;
    for (const child of [frame.marker, ...frame.out]) {
      const last = out.length - 1;
      if (typeof child === "string" && typeof out[last] === "string") out[last] += child;
      else out.push(child);
    }
  }
}

const SAFE_PROTOCOLS = ["http:", "https:", "mailto:"];

function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return SAFE_PROTOCOLS.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
