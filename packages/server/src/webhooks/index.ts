export { retryDelay } from "./retry-delay.ts";
export {
  DEFAULT_TOLERANCE_SECONDS,
  SIGNATURE_HEADER,
  signWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
} from "./sign-webhook.ts";
export {
  WEBHOOK_DEFAULTS,
  type WebhookOptions,
  type WebhookSettings,
  type WebhookTarget,
  type WebhookTuning,
  webhookSettings,
  webhookTarget,
} from "./webhook-options.ts";
export { createWebhookSender, type WebhookPayload, type WebhookSender } from "./webhook-sender.ts";
