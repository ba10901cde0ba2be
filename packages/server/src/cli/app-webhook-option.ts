import { RelaydeskError } from "../errors.ts";
import type { AppWebhook } from "../storage/types.ts";
import { webhookTarget } from "../webhooks/webhook-options.ts";
import type { ParsedArgs } from "./command.ts";

/**
 * `apps set`'s `--webhook-url` and `--webhook-secret`: both to give the app its own endpoint,
 * `--webhook-url none` alone to remove it (its events go to the relay-wide endpoint again).
 * Resolves to undefined when neither is given (the endpoint stays as it is).
 */
export function appWebhookOption(args: ParsedArgs): AppWebhook | null | undefined {
  const url = args.values["webhook-url"];
  const secret = args.values["webhook-secret"];
  if (typeof url !== "string") {
    if (typeof secret === "string")
      throw new RelaydeskError(
        "usage",
        "--webhook-secret needs --webhook-url <url> (the endpoint it signs for).",
      );
    return undefined;
  }
  if (url.trim() === "none") {
    if (typeof secret === "string")
      throw new RelaydeskError(
        "usage",
        "--webhook-url none removes the endpoint; give no --webhook-secret with it.",
      );
    return null;
  }
  if (typeof secret !== "string")
    throw new RelaydeskError(
      "usage",
      "--webhook-url needs --webhook-secret <secret> (16 to 256 characters, e.g. from `openssl rand -hex 32`).",
    );
  return webhookTarget(url, secret, { url: "--webhook-url", secret: "--webhook-secret" });
}
