import { renderMarkdown } from "@relaydesk/client/render-markdown";
import { h } from "preact";

/**
 * User text as elements, never as HTML: the markdown subset of `renderMarkdown` (bold, italic,
 * inline code, links for http, https and mailto only), the same as the widget shows.
 */
export function MarkdownText({ text }: { text: string }) {
  return <>{renderMarkdown(text, h)}</>;
}
