export interface HeartbeatOptions {
  /** Silence from the relay longer than this means the connection is dead, ms. */
  timeoutMs: number;
  /** Send an application-level `ping`. */
  ping(): void;
  /** Nothing arrived for `timeoutMs`; the heartbeat has stopped itself. */
  silent(): void;
}

/**
 * Liveness of one connection. Browsers cannot see WebSocket ping frames, and a half-open TCP
 * connection (laptop lid closed, Wi-Fi switched) can look open for minutes, so the client sends
 * its own `ping` and watches for anything at all from the relay.
 */
export interface Heartbeat {
  /** Start the silence clock (at socket creation, so a hung handshake is caught too). */
  watch(): void;
  /** Something arrived. */
  touch(): void;
  /** Send `ping` every `intervalMs` until `stop()`. */
  pingEvery(intervalMs: number): void;
  stop(): void;
}

export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  let silenceTimer: ReturnType<typeof setTimeout> | null = null;
  let pingTimer: ReturnType<typeof setInterval> | null = null;
  let lastHeard = 0;

  function stop(): void {
    if (silenceTimer !== null) clearTimeout(silenceTimer);
    if (pingTimer !== null) clearInterval(pingTimer);
    silenceTimer = null;
    pingTimer = null;
  }

  // Re-arming a timer on every frame costs more than reading the clock; instead the timer wakes
  // at the earliest moment the timeout could have passed and checks.
  function check(): void {
    const quiet = Date.now() - lastHeard;
    if (quiet >= options.timeoutMs) {
      stop();
      options.silent();
      return;
    }
    silenceTimer = setTimeout(check, options.timeoutMs - quiet);
  }

  return {
    watch() {
      stop();
      lastHeard = Date.now();
      silenceTimer = setTimeout(check, options.timeoutMs);
    },
    touch() {
      lastHeard = Date.now();
    },
    pingEvery(intervalMs) {
      if (pingTimer !== null) clearInterval(pingTimer);
      pingTimer = setInterval(options.ping, Math.max(1, intervalMs));
    },
    stop,
  } satisfies Heartbeat;
}
