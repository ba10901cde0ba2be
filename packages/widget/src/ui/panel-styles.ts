/**
 * The open panel's stylesheet (header, banner, messages, composer), adopted with styles.ts (the
 * custom properties, the launcher and the host's own rules) when the widget mounts.
 */
export const PANEL_CSS = `
.rd-icon:focus-visible { outline-color: currentColor; outline-offset: -2px; }
.rd-panel {
  display: flex; flex-direction: column; width: 370px; height: min(600px, calc(100vh - 40px));
  background: var(--rd-bg); border-radius: var(--rd-radius); overflow: hidden;
  box-shadow: 0 12px 40px var(--rd-shadow); animation: rd-in 0.18s ease-out;
}
@keyframes rd-in { from { opacity: 0; transform: translateY(12px); } }
.rd-header {
  display: flex; align-items: center; gap: 8px; padding-block: 14px; padding-inline: 18px 12px;
  background: var(--rd-accent); color: var(--rd-accent-text);
}
.rd-title { flex: 1; margin: 0; font-size: 16px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rd-icon { border: 0; background: transparent; color: inherit; padding: 4px; border-radius: 8px; }
.rd-icon:hover { background: rgb(255 255 255 / 0.15); }
.rd-icon[data-state="failed"] { outline: 2px solid var(--rd-danger); }
.rd-banner { margin: 0; padding: 6px 18px; background: var(--rd-warn-bg); color: var(--rd-warn-text); font-size: 13px; }
.rd-banner[data-state="failed"] { background: var(--rd-danger-bg); color: var(--rd-danger); }
.rd-banner:empty { display: none; }
.rd-log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px; }
.rd-empty { margin: auto; color: var(--rd-muted); text-align: center; }
.rd-msg { max-width: 80%; display: flex; flex-direction: column; }
.rd-msg[data-author="visitor"] { align-self: flex-end; align-items: flex-end; }
.rd-msg:not([data-author="visitor"]) { align-self: flex-start; align-items: flex-start; }
.rd-author { font-size: 12px; color: var(--rd-muted); margin: 0 4px 2px; }
.rd-body {
  margin: 0; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere;
  background: var(--rd-other-bg); unicode-bidi: plaintext;
}
.rd-msg[data-author="visitor"] .rd-body { background: var(--rd-accent); color: var(--rd-accent-text); }
.rd-msg[data-status="sending"] .rd-body { opacity: 0.7; }
.rd-body a { color: inherit; text-decoration: underline; }
.rd-status { font-size: 11px; color: var(--rd-muted); margin: 2px 4px 0; display: flex; gap: 6px; }
.rd-msg[data-status="failed"] .rd-status { color: var(--rd-danger); }
.rd-retry { border: 0; background: none; padding: 0; color: inherit; text-decoration: underline; font-size: 11px; }
.rd-composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--rd-border); }
.rd-input {
  flex: 1; min-height: 40px; max-height: 140px; resize: none; field-sizing: content;
  padding: 9px 12px; border: 1px solid var(--rd-border); border-radius: 12px; background: var(--rd-bg);
}
.rd-send {
  width: 40px; height: 40px; flex: none; border: 0; border-radius: 50%;
  display: grid; place-items: center; background: var(--rd-accent); color: var(--rd-accent-text);
}
.rd-send svg { width: 20px; height: 20px; }
.rd-send:disabled { opacity: 0.4; cursor: default; }
`;
