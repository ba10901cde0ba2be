import { LIMITS } from "@relaydesk/sdk-types";
import { describe } from "./boot-options.ts";
import { isColorScheme, isLocale } from "./look-options.ts";
import type { ExtraCommand, VisitorAttributes } from "./types.ts";
import { WidgetError } from "./widget-error.ts";

/** The commands the extras chunk carries out. */
export const EXTRA_COMMANDS: readonly ExtraCommand[] = [
  "update",
  "showLauncher",
  "hideLauncher",
  "showNewMessage",
  "sendMessage",
  "setLocale",
  "setColorScheme",
];

/** The limits of `hello.page` (sdk-types): what `update` may send. */
export const MAX_PAGE_URL = 2048;
export const MAX_PAGE_TITLE = 512;

/** What the extras commands are given, each checked (see `checkCommand`). */
export type CheckedCommand =
  | { command: "update"; page: { url: string; title: string | undefined } | null }
  | { command: "showLauncher" | "hideLauncher" }
  | { command: "showNewMessage"; prefill: string }
  | { command: "sendMessage"; text: string }
  | { command: "setLocale"; locale: string }
  | { command: "setColorScheme"; scheme: "light" | "dark" | "auto" };

/**
 * Check the arguments of one of the extras commands. Throws `WidgetError` saying what is wrong.
 *
 * @example checkCommand("sendMessage", [""]) // throws: sendMessage(text): text must be a non-blank string …
 */
export function checkCommand(command: ExtraCommand, args: unknown[], baseUrl: string): CheckedCommand {
  const [first] = args;
  switch (command) {
    case "update":
      return { command, page: checkAttributes(first, baseUrl) };
    case "showLauncher":
    case "hideLauncher":
      return { command };
    case "showNewMessage":
      if (first !== undefined && (typeof first !== "string" || first.length > LIMITS.maxBodyChars)) {
        throw new WidgetError(
          "invalid-argument",
          `showNewMessage(prefill): prefill must be a text of up to ${LIMITS.maxBodyChars} characters, got ${describe(first)}`,
        );
      }
      return { command, prefill: first ?? "" };
    case "sendMessage":
      if (typeof first !== "string" || first.trim() === "" || first.trim().length > LIMITS.maxBodyChars) {
        throw new WidgetError(
          "invalid-argument",
          `sendMessage(text): text must be a non-blank text of up to ${LIMITS.maxBodyChars} characters, got ${describe(first)}`,
        );
      }
      return { command, text: first };
    case "setLocale":
      if (!isLocale(first)) {
        throw new WidgetError(
          "invalid-argument",
          `setLocale(locale): locale must be a language tag such as "en", "fr" or "pt-BR", got ${describe(first)}`,
        );
      }
      return { command, locale: first };
    case "setColorScheme":
      if (!isColorScheme(first)) {
        throw new WidgetError(
          "invalid-argument",
          `setColorScheme(scheme): scheme must be "light" or "dark" or "auto", got ${describe(first)}`,
        );
      }
      return { command, scheme: first };
  }
}

function checkAttributes(value: unknown, baseUrl: string): { url: string; title: string | undefined } | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new WidgetError(
      "invalid-argument",
      `update(attributes): attributes must be an object such as { page: { url, title } }, got ${describe(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (key !== "page") {
      throw new WidgetError(
        "invalid-argument",
        `update(attributes): unknown attribute ${describe(key)}; the relay accepts only "page" ({ url?, title? })`,
      );
    }
  }
  const { page } = value as VisitorAttributes;
  if (page === undefined) return null;
  if (typeof page !== "object" || page === null || Array.isArray(page)) {
    throw new WidgetError(
      "invalid-argument",
      `update: page must be an object { url?, title? }, got ${describe(page)}`,
    );
  }
  const url = page.url ?? baseUrl;
  let parsed: URL | null = null;
  try {
    parsed = typeof url === "string" ? new URL(url, baseUrl) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.href.length > MAX_PAGE_URL) {
    throw new WidgetError(
      "invalid-argument",
      `update: page.url must be an http(s) URL of up to ${MAX_PAGE_URL} characters, got ${describe(url)}`,
    );
  }
  const { title } = page;
  if (title !== undefined && (typeof title !== "string" || title.length > MAX_PAGE_TITLE)) {
    throw new WidgetError(
      "invalid-argument",
      `update: page.title must be a text of up to ${MAX_PAGE_TITLE} characters, got ${describe(title)}`,
    );
  }
  return { url: parsed.href, title: title || undefined };
}
