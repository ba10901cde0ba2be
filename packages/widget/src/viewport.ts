// The viewport chunk (mount-widget.tsx loads it on a narrow screen): on phones the panel fills the
// screen, and the on-screen keyboard must not cover the composer.
import { VIEWPORT_CSS } from "./ui/viewport-styles.ts";

/**
 * Adopt the phone layout (viewport-styles.ts) and keep `--rd-vvh` and `--rd-vvt` (the visual viewport's height and top, in px) on the host up to
 * date: the full-screen panel is sized by them (styles.ts), so it ends where the keyboard begins.
 * The values go into a constructed stylesheet of their own through the CSSOM, never into a style
 * attribute (a strict CSP blocks those). Browsers without `visualViewport` keep the panel at 100%.
 */
export function followViewport(addCss: (css: string) => CSSStyleSheet | null): () => void {
  addCss(VIEWPORT_CSS);
  const view = globalThis.visualViewport;
  const rule = addCss(":host{}")?.cssRules[0] as CSSStyleRule | undefined;
  if (!view || !rule) return () => {};
  const update = () => {
    rule.style.setProperty("--rd-vvh", `${view.height}px`);
    rule.style.setProperty("--rd-vvt", `${view.offsetTop}px`);
  };
  update();
  view.addEventListener("resize", update);
  view.addEventListener("scroll", update);
  return () => {
    view.removeEventListener("resize", update);
    view.removeEventListener("scroll", update);
  };
}
