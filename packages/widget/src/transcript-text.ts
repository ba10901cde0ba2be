import type { ChatMessage } from "./types.ts";

/**
 * The conversation as plain text, one message per paragraph, for the visitor to keep. Times are in
 * the visitor's language and time zone; text stays as written (it is never HTML).
 *
 * @example
 * transcriptText("Support", messages); // "Support — conversation transcript\n\n3 Mar 2026, 14:05 — You:\nHi\n"
 */
export function transcriptText(title: string, messages: readonly ChatMessage[], locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const lines = [`${title} — conversation transcript`, ""];
  for (const message of messages) {
    if (message.status === "failed") continue;
    const who = message.author === "visitor" ? "You" : (message.authorName ?? "Support");
    lines.push(`${time.format(message.createdAt)} — ${who}:`, message.body, "");
  }
  return lines.join("\n");
}
