import { type ReadonlySignal, signal } from "@preact/signals";

export interface TickerOptions {
  /** How often `now` moves on, in ms. */
  everyMs?: number;
  now?: () => number;
}

// Read Date.now at each call, not at import, so a test's fake clock applies.
const DEFAULTS = { everyMs: 1_000, now: () => Date.now() } satisfies Required<TickerOptions>;

export interface Ticker {
  /** This browser's clock, re-read every `everyMs` while anything on screen reads it. */
  readonly now: ReadonlySignal<number>;
}

/**
 * One clock for every countdown on screen (offers, SLA due times): a single interval however many
 * items count down, and none at all while nothing reads it (the signal's watched / unwatched hooks).
 */
export function createTicker(options: TickerOptions = {}): Ticker {
  const o = { ...DEFAULTS, ...options };
  let timer: ReturnType<typeof setInterval> | null = null;
  const now = signal(o.now(), {
    watched() {
      now.value = o.now();
      timer ??= setInterval(() => {
        now.value = o.now();
      }, o.everyMs);
    },
    unwatched() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  });
  return { now } satisfies Ticker;
}

/** The console's one ticker. */
export const ticker: Ticker = createTicker();
