import { describe } from "./boot-options.ts";
import { closestName } from "./closest-name.ts";
import type { DisplayOption } from "./types.ts";
import { WidgetError } from "./widget-error.ts";

/** The display options after checks; what was wrong is left out (and reported). */
export interface DisplaySettings {
  position?: "left" | "right";
  horizontalOffset?: number;
  verticalOffset?: number;
  zIndex?: number;
  launcher?: string;
  hideLauncher?: boolean;
  openOnLoad?: boolean;
  greeting?: string;
  accentColor?: string;
  accentTextColor?: string;
}

export const MAX_OFFSET_PX = 1000;
export const MAX_GREETING_CHARS = 500;
const MAX_Z_INDEX = 2147483647;
const TRUE = new Set(["", "true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/** How each option is read: from a `boot` value, or from a data-* attribute's text. */
const READERS: { [K in DisplayOption]: (value: unknown, name: K) => DisplaySettings[K] } = {
  position: (value, name) => oneOf(value, name, ["left", "right"] as const),
  horizontalOffset: offset,
  verticalOffset: offset,
  zIndex: (value, name) => {
    const number = toNumber(value);
    if (!Number.isInteger(number) || Math.abs(number) > MAX_Z_INDEX) {
      throw invalid(name, value, "an integer such as 1000");
    }
    return number;
  },
  launcher: (value, name) => {
    if (typeof value !== "string" || value.trim() === "")
      throw invalid(name, value, 'a CSS selector such as "#help"');
    try {
      document.createDocumentFragment().querySelector(value);
    } catch {
      throw invalid(name, value, 'a valid CSS selector such as "#help"');
    }
    return value;
  },
  hideLauncher: flag,
  openOnLoad: flag,
  greeting: (value, name) => {
    const text = typeof value === "string" ? value.trim() : "";
    if (text === "" || text.length > MAX_GREETING_CHARS) {
      throw invalid(name, value, `a text of 1 to ${MAX_GREETING_CHARS} characters`);
    }
    return text;
  },
  accentColor: color,
  accentTextColor: color,
};

export const DISPLAY_OPTIONS = Object.keys(READERS) as DisplayOption[];
/** Checked elsewhere: by `boot`, the attention and identify chunks, and the look chunk (look.ts). */
const BOOT_OPTIONS = [
  "appId",
  "relayUrl",
  "user",
  "sound",
  "notifications",
  "locale",
  "colorScheme",
  "strings",
];

/**
 * Check the display options among all boot options (from `boot` or the script tag's data-* text);
 * `appId`, `relayUrl`, `user`, `sound`, `notifications`, `locale`, `colorScheme` and `strings` are
 * left to others. Each bad or unknown one
 * becomes an error that says what to write instead; the others still apply.
 *
 * @example checkDisplayOptions({ position: "left", zIndex: "10" }) // { settings: { position: "left", zIndex: 10 }, errors: [] }
 */
export function checkDisplayOptions(given: Record<string, unknown>): {
  settings: DisplaySettings;
  errors: WidgetError[];
} {
  const settings: Record<string, unknown> = {};
  const errors: WidgetError[] = [];
  for (const [name, value] of Object.entries(given)) {
    // `boot`'s own options, checked by `boot` and the attention and identify chunks.
    if (value === undefined || BOOT_OPTIONS.includes(name)) continue;
    const read = READERS[name as DisplayOption] as ((value: unknown, name: string) => unknown) | undefined;
    if (!read) {
      const near = closestName(name, [...DISPLAY_OPTIONS, ...BOOT_OPTIONS]);
      errors.push(
        new WidgetError(
          "invalid-argument",
          `unknown option ${describe(name)}${near ? `; did you mean "${near}"?` : ""} (ignored)`,
        ),
      );
      continue;
    }
    try {
      settings[name] = read(value, name);
    } catch (error) {
      errors.push(error as WidgetError);
    }
  }
  return { settings: settings as DisplaySettings, errors };
}

/**
 * The stylesheet for the settings, adopted by the shadow root after the widget's own. `!important`
 * because the base sheet's `:host` rules are (so a host page's `!important` rules cannot move it).
 * Values reach CSS only after the checks above (numbers, colours the browser parsed).
 */
export function displayCss(settings: DisplaySettings): string {
  const rules: string[] = [];
  const side = settings.position ?? "right";
  if (settings.position === "left") rules.push("right:auto!important", `left:20px!important`);
  if (settings.horizontalOffset !== undefined) rules.push(`${side}:${settings.horizontalOffset}px!important`);
  if (settings.verticalOffset !== undefined) rules.push(`bottom:${settings.verticalOffset}px!important`);
  if (settings.zIndex !== undefined) rules.push(`z-index:${settings.zIndex}!important`);
  if (settings.accentColor) rules.push(`--rd-accent:${settings.accentColor}`);
  if (settings.accentTextColor) rules.push(`--rd-accent-text:${settings.accentTextColor}`);
  return rules.length ? `:host{${rules.join(";")}}` : "";
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw invalid(name, value, allowed.map((option) => `"${option}"`).join(" or "));
  }
  return value as T;
}

function offset(value: unknown, name: string): number {
  const number = toNumber(value);
  if (!Number.isFinite(number) || number < 0 || number > MAX_OFFSET_PX) {
    throw invalid(name, value, `a number of pixels from 0 to ${MAX_OFFSET_PX}`);
  }
  return number;
}

function flag(value: unknown, name: string): boolean {
  if (typeof value === "boolean") return value;
  const text = typeof value === "string" ? value.trim().toLowerCase() : null;
  if (text !== null && TRUE.has(text)) return true;
  if (text !== null && FALSE.has(text)) return false;
  throw invalid(name, value, 'true or false (data-* attributes: present, "true" or "false")');
}

function color(value: unknown, name: string): string {
  // CSS.supports parses the value as the browser would; it refuses `red; left: 0` and `}`.
  if (typeof value !== "string" || /[;{}<>\\]/.test(value) || !CSS.supports("color", value)) {
    throw invalid(name, value, 'a CSS colour such as "#0a7d5a" or "rgb(10 125 90)"');
  }
  return value.trim();
}

function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  return typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
}

function invalid(name: string, value: unknown, expected: string): WidgetError {
  return new WidgetError("invalid-argument", `${name} must be ${expected}, got ${describe(value)}`);
}
