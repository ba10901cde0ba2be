/**
 * Passes ephemeral signals (`typing`, `read`, `delivered`) on at most once per `intervalMs` per
 * key (signal type, conversation and author): the first at once, later ones within the window
 * collapse into the latest, sent when the window ends. A client typing fast or marking every
 * message read as it scrolls then costs the other side one frame per window, and the last state
 * always arrives. `urgent` signals (typing stopped) go at once and drop a pending trailing one,
 * so "stopped" is never followed by a stale "typing".
 */
export interface SignalThrottle {
  submit(key: string, emit: () => void, urgent?: boolean): void;
  /** Drop pending signals and their timers (relay shutdown). */
  close(): void;
}

export interface SignalThrottleOptions {
  intervalMs: number;
  now?: () => number;
}

interface Window {
  last: number;
  pending: (() => void) | null;
  timer: NodeJS.Timeout | null;
}

/** Above this many keys, windows that ended are swept out so the map does not grow forever. */
const SWEEP_AT = 10_000;

export function createSignalThrottle(options: SignalThrottleOptions): SignalThrottle {
  const { intervalMs } = options;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();

  const sweep = (at: number) => {
    for (const [key, window] of windows)
      if (!window.timer && at - window.last >= intervalMs) windows.delete(key);
  };

  return {
    submit(key, emit, urgent = false) {
      const at = now();
      if (intervalMs <= 0) return emit();
      let window = windows.get(key);
      if (urgent) {
        if (window?.timer) clearTimeout(window.timer);
        windows.delete(key);
        return emit();
      }
      if (!window || at - window.last >= intervalMs) {
        if (windows.size >= SWEEP_AT) sweep(at);
        windows.set(key, { last: at, pending: null, timer: null });
        return emit();
      }
      window.pending = emit;
      if (window.timer) return;
      const current = window;
      current.timer = setTimeout(
        () => {
          current.timer = null;
          const pending = current.pending;
          current.pending = null;
          current.last = now();
          pending?.();
        },
        intervalMs - (at - window.last),
      );
      current.timer.unref();
      window = current;
    },
    close() {
      for (const window of windows.values()) if (window.timer) clearTimeout(window.timer);
      windows.clear();
    },
  } satisfies SignalThrottle;
}
