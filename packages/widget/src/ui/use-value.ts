import type { ReadonlySignal } from "@preact/signals-core";
import { useEffect, useState } from "preact/hooks";

/**
 * A signal's value for a component, re-rendering it when the value changes. The widget subscribes
 * explicitly instead of using @preact/signals' automatic tracking: that integration cost about
 * 1.1 kB gzip of the 20 kB budget for the half dozen values the UI reads.
 */
export function useValue<T>(source: ReadonlySignal<T>): T {
  const [, rerender] = useState(0);
  // `subscribe` calls back at once too: a change between render and this effect is not missed.
  useEffect(() => source.subscribe(() => rerender((count) => count + 1)), [source]);
  return source.peek();
}
