import { lazyPart } from "./lazy-part.ts";
import type { WidgetParts } from "./types.ts";

/**
 * The widget's lazy parts, each a chunk of its own (build.mjs). A part brings its stylesheet, added
 * to the shadow root with `addCss` before the part first renders. Later parts (attachments, locale
 * packs, forms) are added here the same way.
 */
export function createWidgetParts(addCss: (css: string) => void): WidgetParts {
  return {
    conversations: lazyPart(
      () => import("./ui/conversations.ts"),
      (loaded) => addCss(loaded.CONVERSATIONS_CSS),
    ),
  };
}

/**
 * The extras chunk: the display options, the less common commands and the suggestion for a
 * mistyped command, fetched when first needed. One per page, like widget.js.
 */
export const extrasPart = lazyPart(() => import("./widget-extras.ts"));
