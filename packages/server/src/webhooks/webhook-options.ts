import { RelaydeskError } from "../errors.ts";

/** Where and how the relay POSTs its events (`createRelay({ webhook })`, `relaydesk start --webhook-url`). */
export interface WebhookOptions {
  /** The vendor's endpoint, `http:` or `https:`. */
  url: string;
  /** Signs every request (see `signWebhook`); at least 16 characters. */
  secret: string;
  /** Attempts per event, the first included, before it is given up (logged). */
  maxAttempts?: number | undefined;
  /** How long one attempt waits for the response status before it counts as failed. */
  timeoutMs?: number | undefined;
  /** Wait after the first failure; each later one doubles it (with jitter). */
  retryBaseMs?: number | undefined;
  /** Longest wait between two attempts. */
  retryMaxMs?: number | undefined;
}

export type WebhookSettings = Required<{ [K in keyof WebhookOptions]: NonNullable<WebhookOptions[K]> }>;

export const WEBHOOK_DEFAULTS = {
  maxAttempts: 10,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
} as const;

export const MIN_SECRET_CHARS = 16;
const DAY_MS = 86_400_000;

/**
 * Check webhook options and fill in the defaults; a bad one throws `invalid-option` naming it
 * (`source` is how the caller calls the option, e.g. `--webhook-url`).
 */
export function webhookSettings(
  options: WebhookOptions,
  source: { url: string; secret: string } = { url: "webhook.url", secret: "webhook.secret" },
): WebhookSettings {
  const fail = (message: string): never => {
    throw new RelaydeskError("invalid-option", message);
  };
  let url: URL | null = null;
  try {
    url = new URL(String(options.url).trim());
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    // The value is not echoed: a webhook URL may carry a token in its query string.
    fail(
      `${source.url}: give the http(s) URL of your endpoint, e.g. https://api.example.com/relaydesk-events.`,
    );
  }
  if (typeof options.secret !== "string" || options.secret.trim().length < MIN_SECRET_CHARS) {
    fail(
      `${source.secret}: a webhook needs a signing secret of at least ${MIN_SECRET_CHARS} characters (e.g. from \`openssl rand -hex 32\`).`,
    );
  }
  const whole = (name: keyof typeof WEBHOOK_DEFAULTS, min: number, max: number): number => {
    const value = options[name] ?? WEBHOOK_DEFAULTS[name];
    if (!(Number.isInteger(value) && value >= min && value <= max))
      fail(`webhook.${name} must be a whole number from ${min} to ${max}, got ${String(value)}.`);
    return value;
  };
  const settings: WebhookSettings = {
    url: url!.href,
    secret: options.secret.trim(),
    maxAttempts: whole("maxAttempts", 1, 100),
    timeoutMs: whole("timeoutMs", 100, 120_000),
    retryBaseMs: whole("retryBaseMs", 1, DAY_MS),
    retryMaxMs: whole("retryMaxMs", 1, 7 * DAY_MS),
  };
  if (settings.retryMaxMs < settings.retryBaseMs)
    fail(
      `webhook.retryMaxMs (${settings.retryMaxMs}) must not be below webhook.retryBaseMs (${settings.retryBaseMs}).`,
    );
  return settings;
}
