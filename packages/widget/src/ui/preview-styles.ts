/**
 * The preview card above the launcher. The host element is `position: fixed` with the launcher's
 * size, so the card is placed against it: above the launcher, on its side of the screen (logical
 * properties: the other corner under `dir="rtl"` or `position: "left"`). Colours are the theme's
 * custom properties, so the dark scheme and a vendor's palette apply as they do to the panel.
 */
export const PREVIEW_CSS = `
.rd-preview {
  position: absolute; bottom: calc(100% + 12px); inset-inline-end: 0; width: max-content;
  max-width: min(300px, calc(100vw - 40px)); display: flex; align-items: flex-start; gap: 4px;
  background: var(--rd-bg); color: var(--rd-text); border: 1px solid var(--rd-border);
  border-radius: 12px; box-shadow: 0 6px 20px var(--rd-shadow); animation: rd-in 0.18s ease-out;
}
@keyframes rd-in { from { opacity: 0; transform: translateY(8px); } }
.rd-preview-open {
  flex: 1; min-width: 0; border: 0; background: none; text-align: start; padding-block: 10px;
  padding-inline: 14px 0; border-radius: 12px;
}
.rd-preview-name { display: block; font-size: 12px; font-weight: 600; color: var(--rd-muted); }
.rd-preview-text {
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3;
  overflow: hidden; overflow-wrap: anywhere; white-space: pre-line;
}
.rd-preview-dismiss {
  flex: none; width: 32px; height: 32px; margin: 4px; border: 0; border-radius: 50%; display: grid;
  place-items: center; background: none; color: var(--rd-muted);
}
.rd-preview-dismiss svg { width: 16px; height: 16px; }
.rd-preview-open:focus-visible, .rd-preview-dismiss:focus-visible { outline: 2px solid var(--rd-accent); outline-offset: 2px; }
`;
