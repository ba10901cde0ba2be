// The `preview` part (widget-parts.ts): the card above the launcher with a reply that arrived while
// the panel was closed. Fetched with the first such reply; it brings its stylesheet and its English
// (preview-strings.ts).
export { MessagePreview } from "./message-preview.tsx";
export { adoptPreview } from "./preview-strings.ts";
