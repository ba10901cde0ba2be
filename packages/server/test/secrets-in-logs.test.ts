import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildRelaydeskBin, type RelayProcess, relaydesk, startRelayProcess } from "./chaos/relay-process.ts";
import { openSocket, request, type TestSocket } from "./relay-harness.ts";

/**
 * Logs are kept longer and shared more widely than conversations: an operator pastes them into
 * tickets and ships them to log stores. This runs the real `relaydesk start`, drives it through
 * the paths that log (connects, replies, bad hellos, malformed frames, closes), with every token
 * and message body marked by a canary, and then reads everything the process printed.
 */

const APP_ID = "logs";
const ORIGIN = "http://app.logs.test:8080";
const TAIL_CHARS = 20_000;

let dataDir: string;
let bin: { bin: string; remove(): Promise<void> };
let relay: RelayProcess | undefined;
let agentToken: string;
let identitySecret: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "relaydesk-logs-"));
  bin = await buildRelaydeskBin();
  await relaydesk(bin.bin, ["apps", "add", APP_ID, "--origin", ORIGIN, "--data", dataDir]);
  const printed = await relaydesk(bin.bin, ["agents", "add", "Log Agent", "--data", dataDir]);
  agentToken = /\b(rda_\S+)/.exec(printed)?.[1] ?? "";
  const secretPrinted = await relaydesk(bin.bin, ["apps", "secret", "--app", APP_ID, "--data", dataDir]);
  identitySecret = /shown only this once:\n\s+(\S+)/.exec(secretPrinted)?.[1] ?? "";
  relay = await startRelayProcess(bin.bin, dataDir);
}, 60_000);

afterAll(async () => {
  await relay?.kill();
  await bin?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const wsUrl = () => `${relay!.url.replace(/^http/, "ws")}/v1/ws`;

async function visitor(visitorToken?: string): Promise<TestSocket & { token: string }> {
  const socket = await openSocket(`${wsUrl()}?appId=${APP_ID}`, { origin: ORIGIN });
  socket.send({
    type: "hello",
    protocol: 1,
    role: "visitor",
    appId: APP_ID,
    ...(visitorToken ? { visitorToken } : {}),
    page: { url: "https://app.logs.test/PAGE-CANARY", title: "TITLE-CANARY" },
  });
  const welcome = await socket.next("welcome");
  await socket.next("sync-complete");
  return Object.assign(socket, { token: welcome.visitorToken ?? visitorToken ?? "" });
}

it("never prints a token or a message body, also when frames carrying them are rejected", {
  timeout: 30_000,
}, async () => {
  expect(agentToken).toMatch(/^rda_/);
  const first = await visitor();
  expect(first.token).toMatch(/^rdv_/);
  const conversation = await request(first, { type: "start-conversation" });
  if (conversation.type !== "conversation") throw new Error(JSON.stringify(conversation));
  const conversationId = conversation.conversation.id;
  const sent = await request(first, {
    type: "send-message",
    conversationId,
    clientMsgId: "c1",
    body: "BODY-CANARY-visitor",
  });
  expect(sent.type).toBe("ack");

  const agent = await openSocket(wsUrl());
  agent.send({ type: "hello", protocol: 1, role: "agent", agentToken });
  await agent.next("sync-complete");
  const reply = await request(agent, {
    type: "send-message",
    conversationId,
    clientMsgId: "a1",
    body: "BODY-CANARY-agent",
  });
  expect(reply.type).toBe("ack");
  await first.next("message-created", (f) => f.message.body === "BODY-CANARY-agent");
  first.close();
  await first.closed;

  // A file, with the token in the Authorization header.
  const upload = await fetch(
    `${relay!.url}/v1/uploads?appId=${APP_ID}&conversationId=${conversationId}&name=FILENAME-CANARY.txt`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${first.token}`, origin: ORIGIN },
      body: "FILE-CANARY",
    },
  );
  expect(upload.status).toBe(201);
  const refused = await fetch(`${relay!.url}/v1/uploads/upl_nope?appId=${APP_ID}`, {
    headers: { authorization: "Bearer rdv_HEADER-TOKEN-CANARY" },
  });
  expect(refused.status).toBe(404);

  // The same visitor again, by token: the token travels in hello.
  const again = await visitor(first.token);
  expect(again.token).toBe(first.token);

  // Identify: a good signature, a wrong one, a forged JWT. The relay issues a new token.
  const signature = createHmac("sha256", identitySecret).update("USER-CANARY").digest("hex");
  const identified = await request(again, { type: "identify", userId: "USER-CANARY", signature });
  if (identified.type !== "identified") throw new Error(JSON.stringify(identified));
  const wrong = await request(again, { type: "identify", userId: "USER-CANARY", signature: "ab".repeat(32) });
  expect(wrong).toMatchObject({ type: "error", code: "identity-invalid" });
  const forged = await request(again, {
    type: "identify",
    jwt: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJKV1QtQ0FOQVJZIn0.",
  });
  expect(forged).toMatchObject({ type: "error", code: "identity-invalid" });

  // Rejected on the way in: a wrong agent token, and frames whose bad parts carry secrets.
  const wrongAgent = await openSocket(wsUrl());
  wrongAgent.send({ type: "hello", protocol: 1, role: "agent", agentToken: "rda_WRONG-TOKEN-CANARY" });
  expect((await wrongAgent.closed).code).toBe(4003);
  const tooLong = `rdv_${"LONG-TOKEN-CANARY".repeat(40)}`;
  const badHello = await openSocket(`${wsUrl()}?appId=${APP_ID}`, { origin: ORIGIN });
  badHello.send({ type: "hello", protocol: 1, role: "visitor", appId: APP_ID, visitorToken: tooLong });
  expect((await badHello.closed).code).toBe(4001);
  again.sendRaw('{"type":"send-message","body":"BODY-CANARY-broken-json');
  again.send({ type: "send-message", id: "x1", conversationId, clientMsgId: 7, body: "BODY-CANARY-bad-id" });
  again.send({
    type: "send-message",
    id: "x2",
    conversationId,
    clientMsgId: "c2",
    body: 42,
    note: "BODY-CANARY-extra",
  });
  again.send({ type: "no-such-frame", id: "x3", body: "BODY-CANARY-unknown", token: agentToken });
  for (const id of ["x1", "x2", "x3"]) await again.waitFor((f) => "replyTo" in f && f.replyTo === id);
  again.close();
  agent.close();
  await Promise.all([again.closed, agent.closed]);

  expect(await relay!.stop()).toBe(0);
  const printed = relay!.tail();
  // Everything the process printed is here, not just its end.
  expect(printed.length).toBeLessThan(TAIL_CHARS);
  // The paths above did log: connections, closes with their codes, the shutdown.
  expect(printed).toMatch(/"msg":"connection ready"/);
  expect(printed).toMatch(/"code":"unauthorized"/);
  expect(printed).toMatch(/"code":"bad-hello"/);
  expect(printed).toMatch(/"msg":"relay closed"/);

  expect(identitySecret.length).toBeGreaterThan(20);
  for (const secret of [
    agentToken,
    first.token,
    identified.visitorToken,
    identitySecret,
    signature,
    "eyJhbGciOiJub25lIn0",
    "WRONG-TOKEN-CANARY",
    "LONG-TOKEN-CANARY",
    "HEADER-TOKEN-CANARY",
    "BODY-CANARY",
    "FILE-CANARY",
  ]) {
    expect(printed, `the relay printed ${secret}`).not.toContain(secret);
  }
  // Token prefixes alone would show a token leaking in another shape (cut, quoted, escaped).
  expect(printed).not.toMatch(/rd[av]_/);
});
