import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { LogFields, Logger } from "../src/logger.ts";
import { verifyWebhook } from "../src/webhooks/sign-webhook.ts";
import type { WebhookPayload } from "../src/webhooks/webhook-sender.ts";
import {
  APP_ID,
  connectAgent,
  connectVisitor,
  delay,
  type Harness,
  request,
  startConversation,
  startHarness,
} from "./relay-harness.ts";
import { updated } from "./routing-helpers.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

const SECRET = "whsec_test_0123456789abcdef";
const CREATED = "conversation.created";

let harness: Harness | null = null;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
afterEach(async () => {
  await harness?.stop();
  harness = null;
  await receiver?.close();
});

function recordingLogger(): Logger & { lines: { level: string; msg: string; fields?: LogFields }[] } {
  const lines: { level: string; msg: string; fields?: LogFields }[] = [];
  const at = (level: string) => (msg: string, fields?: LogFields) =>
    void lines.push({ level, msg, ...(fields ? { fields } : {}) });
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}

const payload = (body: string) => JSON.parse(body) as WebhookPayload;

describe("webhooks", () => {
  it("POSTs conversation.created and conversation.closed, signed so the vendor can verify them", async () => {
    receiver = await startWebhookReceiver();
    harness = await startHarness({ webhook: { url: receiver.url, secret: SECRET } });
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await updated(agent, conversationId, (c) => c.status === "assigned");
    await request(agent, { type: "close-conversation", conversationId });

    const [created, closed] = await receiver.next(2);
    for (const hook of [created!, closed!]) {
      expect(hook.headers["content-type"]).toBe("application/json");
      const header = String(hook.headers["relaydesk-signature"]);
      expect(verifyWebhook(SECRET, header, hook.body)).toBe(true);
      // The documented scheme, checked without our own helper.
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      expect(createHmac("sha256", SECRET).update(`${t}.${hook.body}`).digest("hex")).toBe(v1);
      expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(5);
    }
    expect(payload(created!.body)).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: "conversation.created",
      data: { type: "conversation.created", appId: "acme", conversationId, queueId: "default", priority: 0 },
    });
    expect(payload(closed!.body)).toMatchObject({
      type: "conversation.closed",
      data: { conversationId, assigneeId: ada.id },
    });
    expect(payload(created!.body).id).not.toBe(payload(closed!.body).id);
    await delay(50);
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
  });

  it("retries a 500 with growing waits under the same event id, then stops once it is taken", async () => {
    receiver = await startWebhookReceiver();
    let calls = 0;
    receiver.answer = (hook) => (payload(hook.body).type === CREATED && ++calls <= 3 ? 500 : 200);
    harness = await startHarness({ webhook: { url: receiver.url, secret: SECRET, retryBaseMs: 100 } });
    const visitor = await connectVisitor(harness);
    await startConversation(visitor);
    const hooks = await receiver.next(4, 5_000, CREATED);
    expect(new Set(hooks.map((h) => payload(h.body).id)).size).toBe(1);
    const gaps = hooks.slice(1).map((h, i) => h.at - hooks[i]!.at);
    // 100, 200, 400 ms ceilings, jittered into their upper half.
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
    await delay(600);
    expect(receiver.of(CREATED)).toHaveLength(4);
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
  });

  it("gives up after maxAttempts with a warning that holds neither the secret nor the URL", async () => {
    receiver = await startWebhookReceiver();
    receiver.answer = () => 503;
    const logger = recordingLogger();
    harness = await startHarness({
      logger,
      webhook: { url: receiver.url, secret: SECRET, maxAttempts: 3, retryBaseMs: 20 },
    });
    const visitor = await connectVisitor(harness);
    await startConversation(visitor);
    const hooks = await receiver.next(3, 5_000, CREATED);
    await delay(300);
    expect(receiver.of(CREATED)).toHaveLength(3);
    const gaveUp = logger.lines.filter((l) => l.msg === "webhook gave up" && l.fields?.event === CREATED);
    expect(gaveUp).toEqual([
      {
        level: "warn",
        msg: "webhook gave up",
        fields: {
          eventId: payload(hooks[0]!.body).id,
          event: "conversation.created",
          attempts: 3,
          reason: "status 503",
          host: new URL(receiver.url).host,
        },
      },
    ]);
    const logged = JSON.stringify(logger.lines);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain("url-secret-token");
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
  });

  it("does not retry a 4xx other than 408 and 429", async () => {
    receiver = await startWebhookReceiver();
    receiver.answer = () => 401;
    const logger = recordingLogger();
    harness = await startHarness({ logger, webhook: { url: receiver.url, secret: SECRET, retryBaseMs: 20 } });
    await startConversation(await connectVisitor(harness));
    await receiver.next(1, 5_000, CREATED);
    await delay(200);
    expect(receiver.of(CREATED)).toHaveLength(1);
    expect(
      logger.lines.find((l) => l.msg === "webhook gave up" && l.fields?.event === CREATED)?.fields,
    ).toMatchObject({
      attempts: 1,
      reason: "status 401",
    });
  });

  it("keeps a pending delivery across a relay restart and sends it afterwards", async () => {
    receiver = await startWebhookReceiver();
    receiver.answer = () => 500;
    harness = await startHarness({
      webhook: { url: receiver.url, secret: SECRET, retryBaseMs: 300, retryMaxMs: 300 },
    });
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    const [first] = await receiver.next(1, 5_000, CREATED);
    // Down at the first attempt; the relay stops before the retry is due.
    await harness.restart();
    expect(await harness.storage.nextWebhookAttemptAt()).not.toBeNull();
    receiver.answer = () => 200;
    const [, again] = await receiver.next(2, 5_000, CREATED);
    expect(payload(again!.body)).toEqual(payload(first!.body));
    expect(payload(again!.body).data).toMatchObject({ type: "conversation.created", conversationId });
    expect(verifyWebhook(SECRET, String(again!.headers["relaydesk-signature"]), again!.body)).toBe(true);
    await delay(50);
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
  });

  it("routes and answers while the endpoint hangs; a timed-out attempt is retried", async () => {
    receiver = await startWebhookReceiver();
    receiver.answer = () => "hang";
    const logger = recordingLogger();
    harness = await startHarness({
      logger,
      webhook: { url: receiver.url, secret: SECRET, timeoutMs: 3_000, retryBaseMs: 50 },
    });
    const timedOut = () => logger.lines.filter((l) => l.msg === "webhook failed, will retry");
    const ada = await harness.addAgent("Ada");
    const agent = await connectAgent(harness, ada.token);
    const visitor = await connectVisitor(harness);
    const conversationId = await startConversation(visitor);
    await receiver.next(1, 5_000, CREATED);
    // The endpoint holds the event's request open, and still the conversation is routed and
    // messages are acknowledged: nothing waits for the webhook.
    await updated(agent, conversationId, (c) => c.status === "assigned");
    const reply = await request(visitor, {
      type: "send-message",
      conversationId,
      clientMsgId: "m1",
      body: "hi",
    });
    expect(reply.type).toBe("ack");
    expect(timedOut().filter((l) => l.fields?.event === CREATED)).toEqual([]);
    // Then the attempt times out and is made again, same event.
    const [first, second] = await receiver.next(2, 15_000, CREATED);
    expect(payload(second!.body).id).toBe(payload(first!.body).id);
    expect(timedOut().find((l) => l.fields?.event === CREATED)?.fields).toMatchObject({ reason: "timeout" });
  });
});

describe("per-app webhooks", () => {
  const APP_SECRET = "whsec_acme_own_0123456789";
  const BETA = "beta";
  const BETA_ORIGIN = "https://beta.example.test";
  let own: Awaited<ReturnType<typeof startWebhookReceiver>>;
  afterEach(async () => {
    await own?.close();
  });

  const signedBy = (secret: string, hook: { headers: Record<string, unknown>; body: string }) =>
    verifyWebhook(secret, String(hook.headers["relaydesk-signature"]), hook.body);

  it("sends an app's events to its own endpoint, signed with its secret, and the others' to the relay-wide one", async () => {
    receiver = await startWebhookReceiver();
    own = await startWebhookReceiver();
    harness = await startHarness({ webhook: { url: receiver.url, secret: SECRET } });
    await harness.storage.putApp({ appId: BETA, name: "Beta", allowedOrigins: [BETA_ORIGIN], createdAt: 1 });
    // As `relaydesk apps set acme --webhook-url … --webhook-secret …` writes it, while the relay runs.
    await harness.storage.setAppWebhook(APP_ID, { url: own.url, secret: APP_SECRET });

    const acme = await startConversation(await connectVisitor(harness));
    const beta = await startConversation(
      await connectVisitor(harness, {}, { appId: BETA, origin: BETA_ORIGIN }),
    );
    const [acmeHook] = await own.next(1, 5_000, CREATED);
    const [betaHook] = await receiver.next(1, 5_000, CREATED);
    expect(payload(acmeHook!.body).data).toMatchObject({ appId: APP_ID, conversationId: acme });
    expect(payload(betaHook!.body).data).toMatchObject({ appId: BETA, conversationId: beta });
    // Each is signed with its endpoint's secret, and only that one.
    expect(signedBy(APP_SECRET, acmeHook!)).toBe(true);
    expect(signedBy(SECRET, acmeHook!)).toBe(false);
    expect(signedBy(SECRET, betaHook!)).toBe(true);
    await delay(100);
    expect(own.of(CREATED)).toHaveLength(1);
    expect(receiver.of(CREATED)).toHaveLength(1);

    // Removed: the app's next events go to the relay-wide endpoint again.
    await harness.storage.setAppWebhook(APP_ID, null);
    const again = await startConversation(await connectVisitor(harness));
    const hooks = await receiver.next(2, 5_000, CREATED);
    expect(payload(hooks[1]!.body).data).toMatchObject({ appId: APP_ID, conversationId: again });
    expect(own.of(CREATED)).toHaveLength(1);
  });

  it("without a relay-wide endpoint, sends only the events of apps that have their own", async () => {
    own = await startWebhookReceiver();
    harness = await startHarness();
    await harness.storage.putApp({ appId: BETA, name: "Beta", allowedOrigins: [BETA_ORIGIN], createdAt: 1 });
    await harness.storage.setAppWebhook(BETA, { url: own.url, secret: APP_SECRET });
    await startConversation(await connectVisitor(harness));
    const beta = await startConversation(
      await connectVisitor(harness, {}, { appId: BETA, origin: BETA_ORIGIN }),
    );
    const [hook] = await own.next(1, 5_000, CREATED);
    expect(payload(hook!.body).data).toMatchObject({ appId: BETA, conversationId: beta });
    expect(signedBy(APP_SECRET, hook!)).toBe(true);
    await delay(100);
    // Beta's events only (created, and offline: nobody is online); acme's had nowhere to go, so
    // nothing of acme's was left in the outbox.
    expect(own.of(CREATED)).toHaveLength(1);
    expect(own.received.map((h) => payload(h.body).data.appId)).toEqual(own.received.map(() => BETA));
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
  });

  it("a pending retry goes to the app's endpoint as it is at the attempt; one whose endpoint is gone is dropped", async () => {
    receiver = await startWebhookReceiver();
    own = await startWebhookReceiver();
    receiver.answer = () => 500;
    const logger = recordingLogger();
    harness = await startHarness({
      logger,
      webhook: { url: receiver.url, secret: SECRET, retryBaseMs: 200 },
    });
    await startConversation(await connectVisitor(harness));
    const [first] = await receiver.next(1, 5_000, CREATED);
    // The vendor moves acme to its own endpoint before the retry is due: the retry goes there,
    // same event, signed with the new secret.
    await harness.storage.setAppWebhook(APP_ID, { url: own.url, secret: APP_SECRET });
    const [moved] = await own.next(1, 5_000, CREATED);
    expect(payload(moved!.body)).toEqual(payload(first!.body));
    expect(signedBy(APP_SECRET, moved!)).toBe(true);
    // The start's other event (conversation.offline: nobody online) goes there too; then the
    // outbox is empty.
    await own.next(1, 5_000, "conversation.offline");
    await delay(50);
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
    await harness.stop();

    // A relay without a relay-wide endpoint: an app's pending event whose endpoint was removed
    // (an earlier run queued it for acme's own) has nowhere to go, and is dropped with a warning
    // naming the event only.
    const quiet = recordingLogger();
    harness = await startHarness({ logger: quiet });
    await harness.storage.addWebhookDelivery({
      id: "evt_pending",
      appId: APP_ID,
      type: CREATED,
      body: JSON.stringify({ id: "evt_pending", type: CREATED, createdAt: 1, data: {} }),
      attempts: 1,
      nextAttemptAt: Date.now(),
      createdAt: Date.now(),
    });
    await harness.storage.setAppWebhook(APP_ID, null);
    await harness.restart();
    for (let i = 0; i < 250 && !quiet.lines.some((l) => l.msg === "webhook dropped: no endpoint"); i++)
      await delay(20);
    expect(quiet.lines.find((l) => l.msg === "webhook dropped: no endpoint")).toEqual({
      level: "warn",
      msg: "webhook dropped: no endpoint",
      fields: { eventId: "evt_pending", event: CREATED },
    });
    expect(await harness.storage.nextWebhookAttemptAt()).toBeNull();
    expect(own.of(CREATED)).toHaveLength(1);
    expect(JSON.stringify(quiet.lines)).not.toContain(APP_SECRET);
  });
});
