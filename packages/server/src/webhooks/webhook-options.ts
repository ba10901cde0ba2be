import { RelaydeskError } from "../errors.ts";

/** Where and how the relay POSTs its events (`createRelay({ webhook })`, `relaydesk start --webhook-url`). */
export interface WebhookOptions {
  /** The vendor's endpoint, `http:` or `https:`. */
  url: string;
  /** Signs every request (see `signWebhook`); 16 to 256 characters. */
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

/** How every endpoint is tried (attempts, timeout, backoff), relay-wide or an app's own. */
export type WebhookTuning = Omit<WebhookSettings, "url" | "secret">;

/** One endpoint: where to POST and the secret that signs it. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

export const WEBHOOK_DEFAULTS = {
  maxAttempts: 10,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryMaxMs: 3_600_000,
} as const;

export const MIN_SECRET_CHARS = 16;
export const MAX_SECRET_CHARS = 256;
export const MAX_URL_CHARS = 2048;
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
  const target = webhookTarget(options.url, options.secret, source);
  const whole = (name: keyof typeof WEBHOOK_DEFAULTS, min: number, max: number): number => {
    const value = options[name] ?? WEBHOOK_DEFAULTS[name];
    if (!(Number.isInteger(value) && value >= min && value <= max))
      fail(`webhook.${name} must be a whole number from ${min} to ${max}, got ${String(value)}.`);
    return value;
  };
  const settings: WebhookSettings = {
    ...target,
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

/**
 * Check one endpoint: an `http:` or `https:` URL of at most 2048 characters (normalised) and a
 * secret of 16 to 256 characters (trimmed). A bad one throws `invalid-option` naming the option as
 * `source` calls it, never echoing the value (a URL may carry a token in its query string).
 *
 * @example
 * webhookTarget("https://api.example.com/hooks", secret, { url: "--webhook-url", secret: "--webhook-secret" });
 */
export function webhookTarget(
  url: unknown,
  secret: unknown,
  source: { url: string; secret: string } = { url: "webhook.url", secret: "webhook.secret" },
): WebhookTarget {
  let parsed: URL | null = null;
  try {
    parsed = new URL(String(url).trim());
  } catch {
    // reported below
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw new RelaydeskError(
      "invalid-option",
      `${source.url}: give the http(s) URL of your endpoint, e.g. https://api.example.com/relaydesk-events.`,
    );
  }
  if (parsed.href.length > MAX_URL_CHARS)
    throw new RelaydeskError("invalid-option", `${source.url}: at most ${MAX_URL_CHARS} characters.`);
  const trimmed = typeof secret === "string" ? secret.trim() : "";
  if (trimmed.length < MIN_SECRET_CHARS || trimmed.length > MAX_SECRET_CHARS) {
    throw new RelaydeskError(
      "invalid-option",
      `${source.secret}: a webhook needs a signing secret of ${MIN_SECRET_CHARS} to ${MAX_SECRET_CHARS} characters (e.g. from \`openssl rand -hex 32\`).`,
    );
  }
  return { url: parsed.href, secret: trimmed };
}

/** A webhook URL as shown to people: origin and path only, since a query string may hold a token. */
export function webhookDisplayUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search ? "?…" : ""}`;
}
