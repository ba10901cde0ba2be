import { EN } from "../strings.ts";
import { PREVIEW_CSS } from "./preview-styles.ts";

/** The English texts of the preview part, added to `EN` when its chunk loads. `{name}`: who wrote. */
export const PREVIEW_EN = {
  newMessageFrom: "New message from {name}",
  dismiss: "Dismiss",
};

/** Adopt the part: its stylesheet, and its English into `EN` (widget-parts.ts calls it when the chunk loads). */
export function adoptPreview(addCss: (css: string) => unknown): void {
  addCss(PREVIEW_CSS);
  Object.assign(EN, PREVIEW_EN);
}
