import * as v from "valibot";
import { EXTRAS_LIMITS } from "../extras-limits.ts";
import { IdSchema, RequestIdSchema } from "./common.ts";

// Conversation extras: the app's pre-chat form and the visitor's rating of a closed conversation.
// The answers themselves are checked against the form by `checkPrechat` (no schema library), which
// the widget runs before sending and the relay runs again.

const label = (what: string) =>
  v.pipe(
    v.string(`${what} must be a string`),
    v.trim(),
    v.minLength(1, `${what} must not be empty`),
    v.maxLength(
      EXTRAS_LIMITS.maxLabelChars,
      `${what} must be at most ${EXTRAS_LIMITS.maxLabelChars} characters`,
    ),
  );

/** A field's key in the answers: lowercase letter first, then a-z 0-9 _ -, at most 40. */
export const PrechatFieldIdSchema = v.pipe(
  v.string("a field id must be a string"),
  v.regex(/^[a-z][a-z0-9_-]{0,39}$/, "a field id is a lowercase letter, then up to 39 of a-z 0-9 _ -"),
);

/**
 * One field of a pre-chat form. `name` and `text` take free text (`text` is multi-line), `email`
 * an address, `select` one of `options`.
 */
export const PrechatFieldSchema = v.pipe(
  v.strictObject(
    {
      id: PrechatFieldIdSchema,
      type: v.picklist(["name", "email", "text", "select"], "type must be name, email, text or select"),
      label: label("label"),
      /** Default false: the visitor may leave it empty. */
      required: v.optional(v.boolean("required must be true or false")),
      /** `select` only: the choices, 1 to 20, each shown and stored as written. */
      options: v.optional(
        v.pipe(
          v.array(label("an option")),
          v.minLength(1, "options must not be empty"),
          v.maxLength(EXTRAS_LIMITS.maxOptions, `at most ${EXTRAS_LIMITS.maxOptions} options`),
          v.check((list) => new Set(list).size === list.length, "options must not repeat"),
        ),
      ),
    },
    (issue) =>
      issue.expected === "never"
        ? `unknown field property "${String(issue.path?.at(-1)?.key)}": a field has id, type, label, required, options`
        : "each field must be an object { id, type, label, required?, options? }",
  ),
  v.check(
    (field) => (field.type === "select") === (field.options !== undefined),
    "a select field needs options, and only a select field takes them",
  ),
);

/** An app's pre-chat form: 1 to 10 fields with distinct ids, shown before a new conversation. */
export const PrechatFormSchema = v.pipe(
  v.array(PrechatFieldSchema, "the pre-chat form must be an array of fields"),
  v.minLength(1, "the pre-chat form needs at least one field (to remove it, set none)"),
  v.maxLength(EXTRAS_LIMITS.maxFields, `at most ${EXTRAS_LIMITS.maxFields} fields`),
  v.check(
    (fields) => new Set(fields.map((field) => field.id)).size === fields.length,
    "field ids must not repeat",
  ),
);

/** The visitor's answers by field id, as `start-conversation` carries them. */
export const PrechatAnswersSchema = v.record(
  PrechatFieldIdSchema,
  v.pipe(
    v.string("an answer must be a string"),
    v.maxLength(
      EXTRAS_LIMITS.maxAnswerChars,
      `an answer must be at most ${EXTRAS_LIMITS.maxAnswerChars} characters`,
    ),
  ),
);

/**
 * Visitor: rate a closed conversation of yours, 1 (bad) to 5 (great), with an optional comment.
 * Once per conversation: a second rating is refused with `already-rated`, an open conversation
 * with `not-closed`.
 */
export const RateConversationSchema = v.object({
  type: v.literal("rate-conversation"),
  id: RequestIdSchema,
  conversationId: IdSchema,
  score: v.pipe(
    v.number("score must be a number"),
    v.integer("score must be a whole number from 1 to 5"),
    v.minValue(1, "score must be from 1 to 5"),
    v.maxValue(5, "score must be from 1 to 5"),
  ),
  comment: v.optional(
    v.pipe(
      v.string("comment must be a string"),
      v.trim(),
      v.maxLength(
        EXTRAS_LIMITS.maxCommentChars,
        `comment must be at most ${EXTRAS_LIMITS.maxCommentChars} characters`,
      ),
    ),
  ),
});

export type PrechatField = v.InferOutput<typeof PrechatFieldSchema>;
export type PrechatForm = v.InferOutput<typeof PrechatFormSchema>;
export type PrechatAnswers = v.InferOutput<typeof PrechatAnswersSchema>;
export type RateConversation = v.InferOutput<typeof RateConversationSchema>;
