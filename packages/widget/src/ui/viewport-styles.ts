/**
 * Phones (below 480 px): the panel fills the screen, inside the safe area, and ends where the
 * on-screen keyboard begins (`--rd-vvt`, `--rd-vvh`: viewport.ts). Adopted with the viewport chunk,
 * which mount-widget.tsx fetches at once on a narrow screen, before the visitor can open the panel.
 * `:host .rd-panel` outranks widget.js's own `.rd-panel` (panel-styles.ts), adopted before it.
 */
export const VIEWPORT_CSS = `
@media (max-width: 480px) {
  :host { inset-inline-end: calc(12px + env(safe-area-inset-right)) !important; bottom: calc(12px + env(safe-area-inset-bottom)) !important; }
  :host .rd-panel {
    position: fixed; inset-inline: 0; top: var(--rd-vvt, 0); width: auto; height: var(--rd-vvh, 100%);
    border-radius: 0; padding: env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);
  }
}
`;
