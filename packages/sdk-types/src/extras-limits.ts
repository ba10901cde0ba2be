/**
 * Limits of pre-chat forms and ratings (`PrechatFormSchema`, `checkPrechat`, `rate-conversation`);
 * in a module of their own, apart from
 * `LIMITS`, which the widget core bundles (a module shared with a chunk goes whole into the core).
 */
export const EXTRAS_LIMITS = {
  maxFields: 10,
  maxLabelChars: 80,
  maxOptions: 20,
  /** Longest answer (a `text` field), in characters. */
  maxAnswerChars: 1000,
  maxCommentChars: 1000,
} as const;
