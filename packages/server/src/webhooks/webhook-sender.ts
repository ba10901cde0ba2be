import { newId } from "../ids.ts";
import type { Logger } from "../logger.ts";
import type { RelayEvent } from "../routing/relay-events.ts";
import type { Storage, WebhookDelivery } from "../storage/types.ts";
import { retryDelay } from "./retry-delay.ts";
import { SIGNATURE_HEADER, signWebhook } from "./sign-webhook.ts";
import type { WebhookSettings, WebhookTarget, WebhookTuning } from "./webhook-options.ts";

export interface WebhookSenderOptions {
  storage: Storage;
  /**
   * How every endpoint is tried, and the relay-wide endpoint (`WebhookSettings`) that takes the
   * events of apps without their own; without a `url` only those apps' events are sent.
   */
  settings: WebhookSettings | WebhookTuning;
  logger: Logger;
  now: () => number;
  /** In [0, 1); the retry jitter. */
  random?: () => number;
}

export interface WebhookSender {
  /** Put the event in the outbox and wake the sender; never throws, never waits for the POST. */
  enqueue(event: RelayEvent): void;
  /** Resolves once the outbox writes asked for so far are done and a pass over due ones ran. */
  idle(): Promise<void>;
  /** Stop: requests in flight are cut and stay in the outbox (not counted as attempts). */
  close(): Promise<void>;
}

/** Deliveries POSTed at once; the rest of what is due waits for these. */
const BATCH = 10;
/** Longest sleep between looks at the outbox, so a delivery written by another process is seen. */
const MAX_SLEEP_MS = 60_000;

/** What the vendor receives: one JSON object per request. */
export interface WebhookPayload {
  /** Unique per event and kept across retries: the receiver's idempotency key. */
  id: string;
  type: RelayEvent["type"];
  createdAt: number;
  data: RelayEvent;
}

type Outcome = { ok: true } | { ok: false; retry: boolean; reason: string };

/**
 * Signed, retried webhooks over a durable outbox. `enqueue` writes the event to storage (the
 * routing code that emitted it has already moved on) when someone is to receive it: the event's
 * app's own endpoint (`relaydesk apps set --webhook-url`), else the relay-wide one. The endpoint
 * is looked up again at each attempt, so a changed URL or secret applies to what is still pending,
 * and an event whose endpoint is gone by then is dropped with a warning. A single loop POSTs what
 * is due, deletes what the endpoint took (any 2xx), reschedules what failed for a reason worth
 * retrying (network error, timeout, 5xx, 408, 429) with `retryDelay`, and gives up — deleting it
 * with a warning that names the event and the host, never the secret or the whole URL — after
 * `maxAttempts` or at once on another status (a 4xx will not change by retrying). Because the
 * outbox is in storage, a delivery pending when the relay stops is sent after it starts again.
 * Delivery is at least once: a request that reached the vendor but whose answer was lost is sent
 * again with the same `id`.
 */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { storage, settings, logger, now } = options;
  const random = options.random ?? Math.random;
  const fallback: WebhookTarget | null =
    "url" in settings ? { url: settings.url, secret: settings.secret } : null;
  /** Where the events of `appId` go now; null: nowhere. */
  const targetOf = async (appId: string | null): Promise<WebhookTarget | null> =>
    (appId === null ? null : (await storage.getApp(appId))?.webhook) ?? fallback;
  const stop = new AbortController();
  let writes = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const wake = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = drain()
      .catch((error: unknown) => {
        if (!closed) logger.error("webhook outbox failed", { error });
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        } else void sleep();
      });
  };

  const sleep = async () => {
    if (closed) return;
    try {
      const next = await storage.nextWebhookAttemptAt();
      if (closed || running) return;
      const wait = next === null ? MAX_SLEEP_MS : Math.min(Math.max(next - now(), 0), MAX_SLEEP_MS);
      if (timer) clearTimeout(timer);
      timer = setTimeout(wake, wait);
      timer.unref();
    } catch (error) {
      if (!closed) logger.error("webhook outbox failed", { error });
    }
  };

  const drain = async () => {
    for (;;) {
      const due = await storage.listDueWebhookDeliveries(now(), BATCH);
      if (closed || due.length === 0) return;
      await Promise.all(due.map(deliver));
      if (closed) return;
    }
  };

  const deliver = async (delivery: WebhookDelivery) => {
    const target = await targetOf(delivery.appId);
    if (closed) return;
    if (target === null) {
      await storage.deleteWebhookDelivery(delivery.id);
      logger.warn("webhook dropped: no endpoint", { eventId: delivery.id, event: delivery.type });
      return;
    }
    const outcome = await post(target, delivery.body);
    if (closed) return; // cut by close(): not an attempt, it stays due
    const attempts = delivery.attempts + 1;
    const fields = { eventId: delivery.id, event: delivery.type, attempts };
    if (outcome.ok) {
      await storage.deleteWebhookDelivery(delivery.id);
      logger.info("webhook delivered", fields);
    } else if (outcome.retry && attempts < settings.maxAttempts) {
      const wait = retryDelay(attempts, settings.retryBaseMs, settings.retryMaxMs, random());
      await storage.rescheduleWebhookDelivery(delivery.id, attempts, now() + wait);
      logger.info("webhook failed, will retry", { ...fields, reason: outcome.reason, retryInMs: wait });
    } else {
      await storage.deleteWebhookDelivery(delivery.id);
      logger.warn("webhook gave up", { ...fields, reason: outcome.reason, host: new URL(target.url).host });
    }
  };

  const post = async (target: WebhookTarget, body: string): Promise<Outcome> => {
    const timestamp = Math.floor(now() / 1000);
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Relaydesk-Webhook/1",
          [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
        },
        body,
        redirect: "manual",
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(settings.timeoutMs)]),
      });
      // The body is not read: the status is the answer. Cancelling frees the connection.
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) return { ok: true };
      const retry = response.status >= 500 || response.status === 408 || response.status === 429;
      return { ok: false, retry, reason: `status ${response.status}` };
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === "TimeoutError") return { ok: false, retry: true, reason: "timeout" };
      const cause = (error as { cause?: { code?: unknown } }).cause;
      const code = typeof cause?.code === "string" ? cause.code : "network error";
      return { ok: false, retry: true, reason: code };
    }
  };

  const enqueue = (event: RelayEvent) => {
    if (closed) return;
    const createdAt = now();
    const id = newId("evt");
    const body = JSON.stringify({ id, type: event.type, createdAt, data: event } satisfies WebhookPayload);
    const { appId } = event;
    const write = (async () => {
      // Nobody to tell (no endpoint of the app's, none relay-wide): nothing goes to the outbox.
      if ((await targetOf(appId)) === null) return;
      await storage.addWebhookDelivery({
        id,
        appId,
        type: event.type,
        body,
        attempts: 0,
        nextAttemptAt: createdAt,
        createdAt,
      });
      wake();
    })().catch((error: unknown) => logger.error("webhook not queued", { event: event.type, error }));
    writes.add(write);
    void write.finally(() => writes.delete(write));
  };

  // Whatever a previous run left in the outbox is due now or later.
  wake();

  return {
    enqueue,
    async idle() {
      await Promise.all(writes);
      while (running) await running;
    },
    async close() {
      await Promise.all(writes);
      closed = true;
      writes = new Set();
      if (timer) clearTimeout(timer);
      stop.abort();
      await running;
    },
  } satisfies WebhookSender;
}
