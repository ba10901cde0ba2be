import type { ComponentChildren } from "preact";

// Only these schemes become links; anything else (javascript:, data:) stays plain text.
const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
// Punctuation that usually ends the sentence around a link rather than the link itself.
const TRAILING = /[.,;:!?)\]}]+$/;

/** User text as text, with http(s) and mailto links made clickable. Never parses HTML. */
export function LinkifiedText({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    const href = match[0].replace(TRAILING, "");
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {href}
      </a>,
    );
    last = start + href.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
