import { lazyPart } from "./lazy-part.ts";
import type { WidgetParts } from "./types.ts";

/**
 * The widget's lazy parts, each a chunk of its own (build.mjs). A part brings its stylesheet, added
 * to the shadow root with `addCss` before the part first renders. Later parts (locale packs, forms)
 * are added here the same way.
 */
export function createWidgetParts(addCss: (css: string) => void): WidgetParts {
  return {
    conversations: lazyPart(
      () => import("./ui/conversations.ts"),
      (loaded) => addCss(loaded.CONVERSATIONS_CSS),
    ),
    attachments: lazyPart(
      () => import("./ui/attachments.ts"),
      (loaded) => addCss(loaded.ATTACHMENTS_CSS),
    ),
  };
}
