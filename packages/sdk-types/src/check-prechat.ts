import { EXTRAS_LIMITS } from "./extras-limits.ts";
import type { PrechatEntry } from "./frames/common.ts";
import type { PrechatForm } from "./frames/extras-frames.ts";

/** What `checkPrechat` makes of answers: the entries to store, or what is wrong (by field id). */
export type PrechatCheck =
  | { ok: true; entries: PrechatEntry[] }
  | { ok: false; problems: Record<string, string> };

/** Shape of an address, as the widget and the relay both check it (the relay's `leave-email` too). */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Check a visitor's answers against an app's pre-chat form: every required field answered, an
 * `email` that looks like one, a `select` answer one of its options, nothing the form does not ask.
 * Answers are trimmed; empty optional ones are left out. Plain code without a schema library, so
 * the widget's form chunk and the relay run the very same rules.
 *
 * @example
 * const check = checkPrechat(form, { email: "ana@example.com" });
 * if (!check.ok) showErrors(check.problems); // { name: "Name is required" }
 */
export function checkPrechat(form: PrechatForm, answers: Readonly<Record<string, unknown>>): PrechatCheck {
  const problems: Record<string, string> = {};
  const entries: PrechatEntry[] = [];
  for (const id of Object.keys(answers)) {
    if (!form.some((field) => field.id === id)) problems[id] = `the form has no field ${id}`;
  }
  for (const field of form) {
    const raw = answers[field.id];
    if (raw !== undefined && typeof raw !== "string") {
      problems[field.id] = `${field.label} must be text`;
      continue;
    }
    const value = (raw ?? "").trim();
    if (value === "") {
      if (field.required) problems[field.id] = `${field.label} is required`;
      continue;
    }
    if (value.length > EXTRAS_LIMITS.maxAnswerChars)
      problems[field.id] = `${field.label} must be at most ${EXTRAS_LIMITS.maxAnswerChars} characters`;
    else if (field.type === "email" && !EMAIL.test(value))
      problems[field.id] = `${field.label} must be an address like name@example.com`;
    else if (field.type === "select" && !field.options?.includes(value))
      problems[field.id] = `${field.label} must be one of: ${field.options?.join(", ")}`;
    else entries.push({ id: field.id, label: field.label, value });
  }
  return Object.keys(problems).length === 0 ? { ok: true, entries } : { ok: false, problems };
}
