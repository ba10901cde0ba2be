/**
 * The English texts of the conversation extras (pre-chat form, queue position, offline notice and
 * form, rating, transcript): part of the conversations chunk, added to `EN` with `LIST_EN` when it
 * loads (list-strings.ts), so widget.js does not carry them. `{name}`s are filled by `store.t`.
 */
export const EXTRAS_EN = {
  // Pre-chat form (prechat-form.tsx); a required field's label ends in " *".
  prechatTitle: "Before we start",
  startChat: "Start chat",
  optional: "{label} (optional)",
  choose: "Choose…",
  fieldRequired: "{label} is required",
  fieldEmail: "{label} must be an address like name@example.com",
  fieldTooLong: "{label} must be at most {n} characters",
  fieldChoice: "{label} must be one of: {options}",
  // Queue position and offline notice (offline-notice.tsx, reply-time.ts). `{n}` is a place, not a
  // count; `{day}` a weekday ("Monday", replyWeekday) or a date ("3 December", replyDate).
  queuePosition: "You are number {n} in line. Expected wait: {wait}.",
  waitSoon: "any moment",
  waitMinutes_one: "about {n} minute",
  waitMinutes: "about {n} minutes",
  waitHours: "about {n} hours",
  closedNow: "We are closed right now.",
  nobodyOnline: "Nobody is online right now.",
  replyToday: "We reply today at {time}.",
  replyTomorrow: "We reply tomorrow at {time}.",
  replyWeekday: "We reply on {day} at {time}.",
  replyDate: "We reply on {day} at {time}.",
  replySoon: "We will reply as soon as we can.",
  leaveEmail: "Leave your email",
  leaveEmailAsk: "Leave your email and we will answer there.",
  yourEmail: "Your email",
  answerAt: "We will answer at {email}.",
  emailFailed: "Your email was not sent ({reason}). Try again.",
  // Rating (rating-form.tsx).
  rateTitle: "Rate this conversation",
  rateQuestion: "How was this conversation?",
  rate1: "Very bad",
  rate2: "Bad",
  rate3: "Okay",
  rate4: "Good",
  rate5: "Great",
  rateScore: "{n} of {max}: {label}",
  comment: "Comment",
  rateChoose: "Choose a rating from {min} to {max}",
  sendRating: "Send rating",
  rateFailed: "Your rating was not sent ({reason}). Try again.",
  rated: "Thanks for your rating: {n} of {max}.",
  // Transcript (transcript-link.tsx, transcript-text.ts).
  transcript: "Download transcript",
  transcriptTitle: "{name} — conversation transcript",
  transcriptYou: "You",
};
