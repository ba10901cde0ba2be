import { createHmac, timingSafeEqual } from "node:crypto";

/** The header that carries the signature of a webhook request. */
export const SIGNATURE_HEADER = "Relaydesk-Signature";

/** How far a signature's timestamp may be from the receiver's clock by default (replay window). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/**
 * The `Relaydesk-Signature` value for a request body sent at `timestamp` (whole seconds since the
 * epoch): `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`. The
 * timestamp is signed with the body, so a captured request cannot be replayed later than the
 * receiver's tolerance; `v1` names the scheme so another can be added beside it.
 *
 * @example
 * signWebhook("whsec_…", 1764000000, '{"id":"evt_1"}'); // "t=1764000000,v1=5f2b…"
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyWebhookOptions {
  /** Seconds a timestamp may differ from now (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock, ms since the epoch (default `Date.now()`). */
  now?: number;
}

/**
 * For the vendor's receiving endpoint: whether `header` (the `Relaydesk-Signature` value) signs
 * `body` (the raw request body, exactly as received, before any JSON parsing) with `secret`,
 * within the tolerance. Compares in constant time; any `v1` entry may match (several appear
 * while secrets rotate).
 *
 * @example
 * if (!verifyWebhook(secret, req.headers["relaydesk-signature"], rawBody)) return res.writeHead(400).end();
 */
export function verifyWebhook(
  secret: string,
  header: string | undefined,
  body: string,
  options: VerifyWebhookOptions = {},
): boolean {
  if (typeof header !== "string") return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value = ""] = part.trim().split("=", 2);
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs((options.now ?? Date.now()) / 1000 - timestamp) > tolerance) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, "hex"), expected));
}
