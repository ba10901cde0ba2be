import type { AttentionSwitch } from "./types.ts";

/** How the script tag turns a switch off (`data-sound="false"`); any other text, or none, turns it on. */
const OFF = new Set(["false", "0", "no", "off"]);

/**
 * Reads `sound` or `notifications` as given to `boot` (a boolean) or on the script tag (text:
 * `data-sound`, `data-sound="true"`). Anything else is logged and leaves the switch off: it is
 * checked here, in the attention chunk, rather than thrown by `boot`, to keep widget.js small
 * (which is also why it does not import boot-options.ts's `describe`).
 *
 * @example attentionSwitch("sound", "", console) // true: <script … data-sound>
 */
export function attentionSwitch(name: AttentionSwitch, value: unknown, log: Pick<Console, "error">): boolean {
  if (value === undefined || typeof value === "boolean") return value === true;
  if (typeof value === "string") return !OFF.has(value.trim().toLowerCase());
  log.error(`Relaydesk: ${name} must be true or false, got ${JSON.stringify(value) ?? typeof value}`);
  return false;
}
