// The `panel` part (widget-parts.ts): the open panel — header, connection banner, messages,
// composer — and its stylesheet. Fetched as soon as the widget mounts (mount-widget.tsx), so it is
// there when the visitor opens the panel; widget.js itself is the launcher, the store and the client.
export { ChatPanel } from "./chat-panel.tsx";
export { Composer } from "./composer.tsx";
export { PANEL_CSS } from "./panel-styles.ts";
