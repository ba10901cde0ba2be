import { lazyPart } from "./lazy-part.ts";
import type { WidgetParts, WidgetStore } from "./types.ts";

/**
 * The widget's lazy parts, each a chunk of its own (build.mjs). A part brings its stylesheet, added
 * to the shadow root with `addCss` before the part first renders. Later parts are added here the same way. `strings` is the vendor's `strings` boot option, for the look part.
 */
export function createWidgetParts(
  addCss: (css: string) => CSSStyleSheet | null,
  store: WidgetStore,
  strings: unknown,
  /** Where a bad locale, scheme or `strings` entry goes (the API's report: logged, `error` event). */
  report: (error: unknown) => void,
): WidgetParts {
  return {
    conversations: lazyPart(
      () => import("./ui/conversations.ts"),
      (loaded) => loaded.adoptConversations(addCss),
    ),
    look: lazyPart(
      () => import("./look.ts"),
      (loaded) => loaded.followLook(store, strings, addCss, loaded.reporting(report)),
    ),
    viewport: lazyPart(
      () => import("./viewport.ts"),
      (loaded) => loaded.followViewport(addCss),
    ),
    attachments: lazyPart(
      () => import("./ui/attachments.ts"),
      (loaded) => loaded.adoptAttachments(addCss),
    ),
    preview: lazyPart(
      () => import("./ui/preview.ts"),
      (loaded) => loaded.adoptPreview(addCss),
    ),
    // Message text as plain text until it is here (with the panel); one renderer, the client's.
    markdown: lazyPart(() => import("./markdown.ts")),
  };
}

/**
 * The extras chunk: the display options, the less common commands and the suggestion for a
 * mistyped command, fetched when first needed. One per page, like widget.js.
 */
export const extrasPart = lazyPart(() => import("./widget-extras.ts"));
