import type { BootDefaults } from "./types.ts";

/**
 * Finds the loader's tag when `document.currentScript` is null: it is set while any classic script
 * first runs, `async` ones included, but not for a tag inside a shadow tree or code run later.
 */
export const LOADER_SELECTOR = 'script[src*="/widget/loader.js"][data-app-id]';

/** What the loader's script tag says. */
export interface LoaderConfig {
  /**
   * Defaults for `boot`: `data-app-id`, `data-relay-url` or else the origin the loader came from,
   * and every other `data-*` attribute as written (`data-sound`, `data-locale`, `data-position` …).
   */
  boot: BootDefaults;
  /** Boot as soon as widget.js runs: when `data-app-id` is set, unless `data-auto-boot="false"`. */
  autoBoot: boolean;
}

const OFF = new Set(["false", "0", "no", "off"]);
/** Attributes that are the tag's own, not boot options. */
const TAG_ONLY = new Set(["appId", "relayUrl", "autoBoot"]);

/**
 * Read the loader's `src` and `data-*` attributes (a `dataset`). Values are checked when `boot`
 * uses them, so a mistake is reported once, in one wording.
 *
 * @example parseLoaderConfig("https://relay.example.com/widget/loader.js", { appId: "acme" })
 * // { boot: { appId: "acme", relayUrl: "https://relay.example.com" }, autoBoot: true }
 */
export function parseLoaderConfig(
  src: string,
  data: Readonly<Record<string, string | undefined>>,
): LoaderConfig {
  const { appId = "", relayUrl = "", autoBoot = "" } = data;
  // Every other data-* attribute is a boot option as text (data-hide-launcher -> hideLauncher),
  // checked by `boot`; an unknown one is reported with the closest known name.
  const boot: Record<string, string | undefined> = {};
  for (const key of Object.keys(data)) if (!TAG_ONLY.has(key)) boot[key] = data[key];
  const id = appId.trim();
  const relay = relayUrl.trim() || originOf(src);
  if (id) boot.appId = id;
  if (relay) boot.relayUrl = relay;
  return { boot: boot as BootDefaults, autoBoot: id !== "" && !OFF.has(autoBoot.trim().toLowerCase()) };
}

/** widget.js sits beside loader.js, so `script-src <relay>` covers both. */
export function widgetScriptUrl(loaderSrc: string): string {
  return new URL("widget.js", loaderSrc).href;
}

function originOf(src: string): string | undefined {
  try {
    const { origin } = new URL(src);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}
