import { type ReadonlySignal, signal } from "@preact/signals-core";

/** `idle`: not asked for yet; `failed`: the last attempt failed (offline, relay unreachable). */
export type PartState = "idle" | "loading" | "ready" | "failed";

/**
 * A part of the widget that is not needed to chat, fetched on first use: in dist/ a chunk next to
 * widget.js (`import()` resolves against widget.js's own URL, so the relay may be on another origin
 * than the page); in an npm build, whatever chunk the vendor's bundler made of the same `import()`.
 */
export interface LazyPart<T> {
  readonly state: ReadonlySignal<PartState>;
  /** The module once `state` is `ready`, else null. */
  readonly module: T | null;
  /** Load it, or try again after a failure. Resolves with the module, or null when it failed; never rejects. */
  load(): Promise<T | null>;
}

/**
 * @example
 * const list = lazyPart(() => import("./ui/conversations.ts"), (loaded) => loaded.adoptConversations(addCss));
 * list.load().then((loaded) => loaded && store.showList());
 */
export function lazyPart<T>(
  importModule: () => Promise<T>,
  onLoad: (module: T) => void = () => {},
): LazyPart<T> {
  const state = signal<PartState>("idle");
  let module: T | null = null;
  let loading: Promise<T | null> | null = null;
  return {
    state,
    get module() {
      return module;
    },
    load() {
      if (!loading) {
        state.value = "loading";
        // Never during widget.js's own evaluation (a queued `identify` boots the widget then): a
        // chunk imports widget.js, and importing it from a module still evaluating never settles.
        loading = Promise.resolve()
          .then(importModule)
          .then(
            (loaded) => {
              onLoad(loaded);
              module = loaded;
              state.value = "ready";
              return loaded;
            },
            () => {
              // The next call tries again (a failed fetch is not kept by the browser's module map).
              loading = null;
              state.value = "failed";
              return null;
            },
          );
      }
      return loading;
    },
  } satisfies LazyPart<T>;
}
