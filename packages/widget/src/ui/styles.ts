/**
 * The widget's whole stylesheet, adopted by its shadow root as a constructed sheet (no `<style>`
 * element, no style attributes: a strict host CSP blocks those). Theme through the custom
 * properties on `:host`; a vendor can override them with `relaydesk-widget { --rd-accent: … }`.
 */
export const WIDGET_CSS = `
:host {
  --rd-accent: #2f5bea;
  --rd-accent-text: #fff;
  --rd-bg: #fff;
  --rd-text: #1b2230;
  --rd-muted: #667085;
  --rd-other-bg: #eef1f6;
  --rd-border: #dde2ea;
  --rd-danger: #b42318;
  --rd-radius: 16px;
  --rd-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  all: initial;
  position: fixed;
  right: 20px;
  bottom: 20px;
  z-index: 2147483000;
  font: 14px/1.45 var(--rd-font);
  color: var(--rd-text);
}
*, *::before, *::after { box-sizing: border-box; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
button:focus-visible, textarea:focus-visible, a:focus-visible { outline: 2px solid var(--rd-accent); outline-offset: 2px; }
svg { display: block; width: 24px; height: 24px; fill: currentColor; }
.rd-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.rd-launcher {
  position: relative; width: 56px; height: 56px; border: 0; border-radius: 50%;
  display: grid; place-items: center; background: var(--rd-accent); color: var(--rd-accent-text);
  box-shadow: 0 6px 20px rgb(0 0 0 / 0.2); transition: transform 0.15s ease;
}
.rd-launcher:hover { transform: scale(1.06); }
.rd-badge {
  position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px;
  border-radius: 10px; background: var(--rd-danger); color: #fff; font-size: 12px; font-weight: 600;
  line-height: 20px; text-align: center;
}
.rd-panel {
  display: flex; flex-direction: column; width: 370px; height: min(600px, calc(100vh - 40px));
  background: var(--rd-bg); border-radius: var(--rd-radius); overflow: hidden;
  box-shadow: 0 12px 40px rgb(0 0 0 / 0.22); animation: rd-in 0.18s ease-out;
}
@keyframes rd-in { from { opacity: 0; transform: translateY(12px); } }
.rd-header {
  display: flex; align-items: center; gap: 8px; padding: 14px 12px 14px 18px;
  background: var(--rd-accent); color: var(--rd-accent-text);
}
.rd-title { flex: 1; margin: 0; font-size: 16px; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rd-icon { border: 0; background: transparent; color: inherit; padding: 4px; border-radius: 8px; }
.rd-icon:hover { background: rgb(255 255 255 / 0.15); }
.rd-icon[data-state="failed"] { outline: 2px solid var(--rd-danger); }
.rd-banner { margin: 0; padding: 6px 18px; background: #fff4e5; color: #7a4a00; font-size: 13px; }
.rd-banner[data-state="failed"] { background: #fdecea; color: var(--rd-danger); }
.rd-banner:empty { display: none; }
.rd-log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 8px; }
.rd-empty { margin: auto; color: var(--rd-muted); text-align: center; }
.rd-msg { max-width: 80%; display: flex; flex-direction: column; }
.rd-msg[data-author="visitor"] { align-self: flex-end; align-items: flex-end; }
.rd-msg:not([data-author="visitor"]) { align-self: flex-start; align-items: flex-start; }
.rd-author { font-size: 12px; color: var(--rd-muted); margin: 0 4px 2px; }
.rd-body {
  margin: 0; padding: 8px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere;
  background: var(--rd-other-bg);
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
.rd-send svg, .rd-attach svg { width: 20px; height: 20px; }
.rd-attach { position: relative; display: grid; place-items: center; height: 40px; color: var(--rd-muted); }
.rd-attach input { position: absolute; inset: 0; opacity: 0; }
.rd-attach:focus-within { outline: 2px solid; }
.rd-send:disabled { opacity: 0.4; cursor: default; }
@media (max-width: 480px) {
  :host { right: 8px; bottom: 8px; }
  .rd-panel { width: calc(100vw - 16px); height: calc(100vh - 16px); }
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
