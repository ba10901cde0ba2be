import type { BootDefaults, ResolvedBootOptions } from "./types.ts";
import { WidgetError } from "./widget-error.ts";

// The protocol's id rule (sdk-types IdSchema), restated so the bundle needs no schema library.
const PROTOCOL_ID = /^[A-Za-z0-9._:~-]{1,128}$/;
const RELAY_PROTOCOLS = new Set(["http:", "https:", "ws:", "wss:"]);

/** Whether `value` may travel as an id in a frame (app id, visitor token). */
export function isProtocolId(value: unknown): value is string {
  return typeof value === "string" && PROTOCOL_ID.test(value);
}

/**
 * Check `boot` options and fill what is missing from `defaults` (the loader's script tag).
 * Throws `WidgetError` with a message a vendor can act on.
 */
export function resolveBootOptions(options: unknown, defaults: BootDefaults = {}): ResolvedBootOptions {
  if (options !== undefined && (typeof options !== "object" || options === null || Array.isArray(options))) {
    throw new WidgetError(
      "invalid-argument",
      `boot expects an options object such as { appId: "acme" }, got ${describe(options)}`,
    );
  }
  const given = (options ?? {}) as Partial<Record<keyof BootDefaults, unknown>>;
  const appId = given.appId ?? defaults.appId;
  if (!isProtocolId(appId)) {
    throw new WidgetError(
      "invalid-argument",
      appId === undefined
        ? 'boot needs an appId: add data-app-id to the script tag or call Relaydesk("boot", { appId: "acme" })'
        : `appId must be up to 128 letters, digits or . _ : ~ -, got ${describe(appId)}`,
    );
  }
  const relayUrl = given.relayUrl ?? defaults.relayUrl;
  if (relayUrl === undefined) {
    throw new WidgetError("invalid-argument", 'boot needs a relayUrl such as "https://support.example.com"');
  }
  // The other options are checked where they are used, in chunks, to keep widget.js small: `user`
  // in the identify chunk (identify-user.ts), `sound` and `notifications` in the attention chunk
  // (attention-options.ts), the display options (and unknown ones) in the extras chunk
  // (display-options.ts); each logs a bad value.
  return { ...defaults, ...given, appId, relayUrl: checkRelayUrl(relayUrl) } as ResolvedBootOptions;
}

function checkRelayUrl(value: unknown): string {
  let url: URL | null = null;
  try {
    url = typeof value === "string" ? new URL(value) : null;
  } catch {
    url = null;
  }
  if (!url || !RELAY_PROTOCOLS.has(url.protocol)) {
    throw new WidgetError(
      "invalid-argument",
      `relayUrl must be an absolute http(s) or ws(s) URL such as "https://support.example.com", got ${describe(value)}`,
    );
  }
  // The client appends /v1/ws; a trailing slash would double it.
  return url.href.replace(/\/+$/, "");
}

export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
