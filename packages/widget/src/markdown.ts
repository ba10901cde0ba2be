// The `markdown` part (widget-parts.ts): bold, italic, code and safe links in message text, by the
// client's one renderer. Loaded with the panel; message text shows as plain text until then.
export { renderMarkdown } from "@relaydesk/client/render-markdown";
