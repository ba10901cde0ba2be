/**
 * The widget's whole stylesheet, adopted by its shadow root as a constructed sheet (no `<style>`
 * element, no style attributes: a strict host CSP blocks those). Theme through the custom
 * properties on `:host`; a vendor can override them with `relaydesk-widget { --rd-accent: … }`
 * (the page's rules win over `:host`). The `:host` layout rules are `!important`: there the widget's
 * own win over the page's, even over a page's `* { all: revert !important }` (for normal rules the
 * page would win). The dark palette is dark-styles.ts, adopted when first wanted (look.ts). Logical
 * properties (inline-start/end) mirror the layout under `dir="rtl"`, the launcher's corner included
 * (look.ts adds the mirrored arrows). The full-screen panel of phones is viewport-styles.ts.
 */
export const WIDGET_CSS = `
:host {
  --rd-accent: #2f5bea;
  --rd-accent-text: #fff;
  --rd-bg: #fff;
  --rd-text: #1b2230;
  --rd-muted: #5d6679;
  --rd-other-bg: #eef1f6;
  --rd-border: #dde2ea;
  --rd-danger: #b42318;
  --rd-danger-bg: #fdecea;
  --rd-warn-bg: #fff4e5;
  --rd-warn-text: #7a4a00;
  --rd-shadow: rgb(0 0 0 / 0.22);
  --rd-radius: 16px;
  --rd-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  all: initial !important;
  color-scheme: light !important;
  position: fixed !important;
  inset-inline-end: 20px !important;
  bottom: 20px !important;
  z-index: 2147483000 !important;
  font: 14px/1.45 var(--rd-font) !important;
  color: var(--rd-text) !important;
}
/* The host's own pseudo-elements are styled by the page: none, whatever the page says. */
:host::before, :host::after { content: none !important; }
*, *::before, *::after { box-sizing: border-box; }
button, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
.rd-panel :focus-visible, .rd-launcher:focus-visible { outline: 2px solid var(--rd-accent); outline-offset: 2px; }
svg { display: block; width: 24px; height: 24px; fill: currentColor; }
.rd-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.rd-launcher {
  position: relative; width: 56px; height: 56px; border: 0; border-radius: 50%;
  display: grid; place-items: center; background: var(--rd-accent); color: var(--rd-accent-text);
  box-shadow: 0 6px 20px var(--rd-shadow); transition: transform 0.15s ease;
}
.rd-launcher:hover { transform: scale(1.06); }
/* The badge is the launcher's sibling, placed against the host (which has the launcher's box). */
.rd-launcher[data-state] { filter: grayscale(1); opacity: 0.7; }
.rd-badge {
  position: absolute; top: -4px; inset-inline-end: -4px; min-width: 20px; height: 20px; padding: 0 5px;
  border-radius: 10px; background: var(--rd-danger); color: var(--rd-bg); font-size: 12px; font-weight: 600;
  line-height: 20px; text-align: center; pointer-events: none;
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
`;
