/**
 * The dark palette, adopted by look.ts when the colour scheme is first `dark` or `auto` (in
 * `auto`, it applies while the system prefers dark). Only custom properties: a vendor's own
 * `--rd-*` on `relaydesk-widget` still wins.
 */
export const DARK_CSS = `
:host([data-color-scheme="dark"]) {
  --rd-accent: #8aa8ff;
  --rd-accent-text: #0b1020;
  --rd-bg: #181c24;
  --rd-text: #e8ebf1;
  --rd-muted: #a7b0c0;
  --rd-other-bg: #272d39;
  --rd-border: #414a5b;
  --rd-danger: #ff9b8f;
  --rd-danger-bg: #3d1f1c;
  --rd-warn-bg: #3a2c10;
  --rd-warn-text: #ffd589;
  --rd-shadow: rgb(0 0 0 / 0.6);
  color-scheme: dark !important;
}
@media (prefers-color-scheme: dark) {
  :host([data-color-scheme="auto"]) {
    --rd-accent: #8aa8ff;
    --rd-accent-text: #0b1020;
    --rd-bg: #181c24;
    --rd-text: #e8ebf1;
    --rd-muted: #a7b0c0;
    --rd-other-bg: #272d39;
    --rd-border: #414a5b;
    --rd-danger: #ff9b8f;
    --rd-danger-bg: #3d1f1c;
    --rd-warn-bg: #3a2c10;
    --rd-warn-text: #ffd589;
    --rd-shadow: rgb(0 0 0 / 0.6);
    color-scheme: dark !important;
  }
}
`;
