import type { ColorScheme } from "./types.ts";

/**
 * The keys of the lazy parts' English (ui/list-strings.ts, ui/extras-strings.ts,
 * ui/attachments-strings.ts, attention-strings.ts), known to the vendor's `strings` without their
 * texts; look.test.ts keeps it true.
 */
export const MORE_KEYS = [
  "noConversations",
  "noMessages",
  "you",
  "open",
  "closed",
  "unreadDot",
  "newConversation",
  "closedNote",
  "startNew",
  "newMessages",
  "sentFile",
  "prechatTitle",
  "startChat",
  "optional",
  "choose",
  "fieldRequired",
  "fieldEmail",
  "fieldTooLong",
  "fieldChoice",
  "queuePosition",
  "waitSoon",
  "waitMinutes",
  "waitHours",
  "closedNow",
  "nobodyOnline",
  "replyToday",
  "replyTomorrow",
  "replyWeekday",
  "replyDate",
  "replySoon",
  "leaveEmail",
  "leaveEmailAsk",
  "yourEmail",
  "answerAt",
  "emailFailed",
  "rateTitle",
  "rateQuestion",
  "rate1",
  "rate2",
  "rate3",
  "rate4",
  "rate5",
  "rateScore",
  "comment",
  "rateChoose",
  "sendRating",
  "rateFailed",
  "rated",
  "transcript",
  "transcriptTitle",
  "transcriptYou",
  "attach",
  "filesSending",
  "uploading",
  "uploadProgress",
  "remove",
  "files",
  "download",
  "fileEmpty",
  "fileTooLarge",
  "fileType",
  "uploadTooLarge",
  "uploadQuota",
  "uploadRateLimited",
  "uploadClosed",
  "uploadFailed",
  "reasonOffline",
  "reasonBusy",
  "reasonError",
  "newMessageFrom",
  "dismiss",
];

const FORM = /_(zero|one|two|few|many|other)$/;

export function isColorScheme(value: unknown): value is ColorScheme {
  return value === "light" || value === "dark" || value === "auto";
}

/** A well-formed BCP 47 language tag (`es`, `ar-EG`, `zh-Hant-TW`), as `Intl` accepts it. */
export function isLocale(value: unknown): value is string {
  try {
    return typeof value === "string" && Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

type Log = Pick<Console, "error">;
type Texts = Record<string, string>;

/**
 * The vendor's `strings` (boot option), checked: a text is a string under a known key (a plural
 * form `key_one` … of one); an object is the texts of one language tag. What is wrong is logged and
 * left out, the rest applies. Checked here, in the look chunk, rather than thrown by `boot`, to keep
 * widget.js small.
 *
 * @example checkStrings({ openChat: "Talk to us", es: { openChat: "Hablemos" } }, knownKeys, console)
 */
export function checkStrings(
  value: unknown,
  known: ReadonlySet<string>,
  log: Log,
): Record<string, string | Texts> {
  const checked: Record<string, string | Texts> = {};
  if (value === undefined) return checked;
  if (!isRecord(value)) {
    log.error(`Relaydesk: strings must be an object such as { openChat: "Talk to us" }, got ${typeof value}`);
    return checked;
  }
  for (const [key, text] of Object.entries(value)) {
    if (isRecord(text)) {
      if (!isLocale(key))
        log.error(`Relaydesk: strings: "${key}" is not a language tag such as "es" or "ar-EG"`);
      else checked[key] = checkTexts(text, known, log, `strings["${key}"]`);
    } else {
      Object.assign(checked, checkTexts({ [key]: text }, known, log, "strings"));
    }
  }
  return checked;
}

function checkTexts(
  texts: Record<string, unknown>,
  known: ReadonlySet<string>,
  log: Log,
  where: string,
): Texts {
  const checked: Texts = {};
  for (const [key, text] of Object.entries(texts)) {
    if (!known.has(key.replace(FORM, ""))) {
      log.error(`Relaydesk: ${where}: unknown key "${key}" (keys: ${[...known].join(", ")})`);
    } else if (typeof text !== "string") {
      log.error(`Relaydesk: ${where}.${key} must be a string, got ${typeof text}`);
    } else {
      checked[key] = text;
    }
  }
  return checked;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
