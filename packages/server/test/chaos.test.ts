import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditDelivery, countReorderedSends } from "./chaos/audit-delivery.ts";
import { type ChaosActor, createAgent, createLedger, createVisitor, sleep } from "./chaos/chaos-actor.ts";
import { buildRelaydeskBin, type RelayProcess, relaydesk, startRelayProcess } from "./chaos/relay-process.ts";
import { createSeededRandom } from "./chaos/seeded-random.ts";
import { auditStorage, readStoredMessages } from "./chaos/stored-messages.ts";

/**
 * The delivery promise under faults: every message its sender saw acknowledged reaches every
 * participant exactly once and in order, whatever the network or the relay do.
 *
 * The relay runs as a real `relaydesk start` process; 50 visitors and 5 agents talk through it with
 * the real client while the test cuts their sockets at random, SIGKILLs the relay mid-stream and
 * restarts it on the same port and database (a visitor writes a long outbox while it is down), and
 * re-sends acknowledged messages under their clientMsgId. Once everything is acknowledged and every
 * client has reconnected and resumed, each participant's `message` events are checked against the
 * acks and against the SQLite file, and each sender's messages for being stored in its send order.
 *
 * Every random choice comes from one seed, printed with the result; `CHAOS_SEED=<n>` replays a run's
 * decisions (the timing of the machine still varies).
 */

const PLAN = {
  visitors: 50,
  agents: 5,
  messagesPerVisitor: 10,
  /** Visitors with a second tab open (the same visitor, the same conversation) and what it sends. */
  secondTabs: 10,
  messagesPerTab: 3,
  visitorStartMs: [0, 1_500] as [number, number],
  messageGapMs: [100, 700] as [number, number],
  replyChance: 0.5,
  duplicateChance: 0.2,
  /** Relay SIGKILLs, each at a random time within its window (ms after traffic starts). */
  killWindowsMs: [
    [1_500, 2_500],
    [3_500, 4_500],
    [5_500, 6_500],
  ] as [number, number][],
  /** Relay down time after each kill, before the restart begins. */
  downMs: [0, 300] as [number, number],
  dropGapMs: [30, 150] as [number, number],
  /** Messages one visitor writes at once while the relay is down (more than a socket's request queue). */
  burstMessages: 80,
  /** Limits that only a failing run reaches; the whole test normally takes under 10 s. */
  settleTimeoutMs: 15_000,
  healTimeoutMs: 15_000,
};

const APP_ID = "chaos";
const ORIGIN = "http://app.chaos.test:8080";
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 32));

let dataDir: string;
let bin: { bin: string; remove(): Promise<void> };
let relay: RelayProcess | undefined;
let agentTokens: string[];
const actors: ChaosActor[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "relaydesk-chaos-"));
  bin = await buildRelaydeskBin();
  await relaydesk(bin.bin, ["apps", "add", APP_ID, "--origin", ORIGIN, "--data", dataDir]);
  agentTokens = [];
  for (let i = 0; i < PLAN.agents; i++) {
    const printed = await relaydesk(bin.bin, ["agents", "add", `Agent ${i}`, "--data", dataDir]);
    const token = /\b(rda_\S+)/.exec(printed)?.[1];
    if (!token) throw new Error(`no token in: ${printed}`);
    agentTokens.push(token);
    // Routing respects capacity (default 5): 50 visitors over 5 agents need room for 10 each.
    await relaydesk(bin.bin, [
      "agents",
      "set",
      "--name",
      `Agent ${i}`,
      "--capacity",
      "20",
      "--data",
      dataDir,
    ]);
  }
  relay = await startRelayProcess(bin.bin, dataDir);
});

afterAll(async () => {
  for (const actor of actors) actor.client.close();
  await relay?.kill();
  await bin?.remove();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Poll until `done` holds; false if it did not within `timeoutMs`. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

it(`delivers every acknowledged message once and in order through drops, kills and resends (seed ${SEED})`, {
  timeout: 90_000,
}, async () => {
  const random = createSeededRandom(SEED);
  const ledger = createLedger();
  const url = relay!.url;
  let replying = true;
  // Armed before a kill: fires as some client hands the relay a message.
  let onSendMessage: (() => void) | null = null;
  const onSend = (data: string) => {
    if (!onSendMessage || !data.includes('"type":"send-message"')) return;
    const fire = onSendMessage;
    onSendMessage = null;
    fire();
  };

  const agents = agentTokens.map((agentToken, i) =>
    createAgent({
      name: `agent${i}`,
      url,
      agentToken,
      random: random.fork(`agent${i}`),
      ledger,
      onSend,
      duplicateChance: PLAN.duplicateChance,
      replyChance: PLAN.replyChance,
      replying: () => replying,
    }),
  );
  const visitors = Array.from({ length: PLAN.visitors }, (_, i) =>
    createVisitor({
      name: `visitor${i}`,
      url,
      appId: APP_ID,
      origin: ORIGIN,
      random: random.fork(`visitor${i}`),
      ledger,
      onSend,
      duplicateChance: PLAN.duplicateChance,
    }),
  );
  actors.push(...agents, ...visitors);
  expect(await until(() => actors.every((a) => a.healed()), 10_000)).toBe(true);
  // Some visitors have the widget open in a second tab, as the same visitor.
  const tabs = visitors.slice(0, PLAN.secondTabs).map((visitor) =>
    createVisitor({
      name: `${visitor.name}-tab2`,
      url,
      appId: APP_ID,
      origin: ORIGIN,
      visitorToken: visitor.client.session?.visitorToken,
      random: random.fork(`${visitor.name}-tab2`),
      ledger,
      onSend,
      duplicateChance: PLAN.duplicateChance,
    }),
  );
  actors.push(...tabs);
  expect(await until(() => tabs.every((a) => a.healed()), 10_000)).toBe(true);

  // Traffic.
  const faults = random.fork("faults");
  const traffic = Promise.all(
    [...visitors, ...tabs].map((visitor) =>
      visitor
        .run({
          startAfterMs: faults.int(...PLAN.visitorStartMs),
          messages: visitor.name.endsWith("-tab2") ? PLAN.messagesPerTab : PLAN.messagesPerVisitor,
          gapMs: PLAN.messageGapMs,
        })
        .catch((error: unknown) => {
          ledger.errors.push(`${visitor.name}: ${error}`);
        }),
    ),
  );
  let trafficDone = false;
  let faultsDone = false;
  void traffic.finally(() => {
    trafficDone = true;
  });

  // Faults while it flows: socket drops all along, relay kills in their windows.
  let drops = 0;
  const dropping = (async () => {
    while (!trafficDone && !faultsDone) {
      await sleep(faults.int(...PLAN.dropGapMs));
      if (faults.pick(actors).drop()) drops += 1;
    }
  })();
  const kills: { pending: number }[] = [];
  let bursts = 0;
  const killing = (async () => {
    const start = Date.now();
    const killAt = PLAN.killWindowsMs.map((window) => faults.int(...window));
    for (const at of killAt) {
      await sleep(start + at - Date.now());
      if (trafficDone || faultsDone) break;
      // Kill as a client hands the relay a message: that send is in flight when the relay dies.
      let killed: Promise<void> | null = null;
      let pending = 0;
      const fired = new Promise<void>((resolve) => {
        onSendMessage = () => {
          killed = relay!.kill();
          pending = actors.reduce((sum, actor) => sum + actor.client.pending().length, 0);
          resolve();
        };
      });
      await Promise.race([fired, traffic]);
      onSendMessage = null;
      if (!killed) break;
      await killed;
      kills.push({ pending });
      // Someone writes a long outbox while the relay is down: it is flushed at once on reconnect.
      if (faults.pick(visitors).burst(PLAN.burstMessages)) bursts += 1;
      await sleep(faults.int(...PLAN.downMs));
      await relay!.restart();
    }
  })();

  // Every send settles (acked) without help: the outbox resends across reconnects by itself.
  const allSent = await until(() => trafficDone, PLAN.settleTimeoutMs);
  faultsDone = true;
  await Promise.all([dropping, killing]);
  replying = false;
  const settled = await until(() => ledger.settled === ledger.started, PLAN.settleTimeoutMs);

  // Healing: everyone reconnected and resumed, and holds the newest acked seq of its conversations.
  const newest = new Map<string, number>();
  for (const ack of ledger.acked)
    newest.set(ack.conversationId, Math.max(newest.get(ack.conversationId) ?? 0, ack.seq));
  const caughtUp = (actor: ChaosActor) =>
    [...(actor.participant.conversations ?? actor.seen.keys())].every(
      (id) => (actor.seen.get(id) ?? 0) >= (newest.get(id) ?? 0),
    );
  const healed = await until(() => actors.every((a) => a.healed() && caughtUp(a)), PLAN.healTimeoutMs);

  for (const actor of actors) actor.client.close();
  const exitCode = await relay!.stop();
  const stored = readStoredMessages(join(dataDir, "relaydesk.sqlite"));
  const delivery = auditDelivery(
    ledger.acked,
    actors.map((a) => a.participant),
    stored,
  );
  const storage = auditStorage(ledger.acked, stored);
  const sendOrder = countReorderedSends(ledger.sendOrder, ledger.acked);

  console.log(
    `chaos: seed=${SEED} visitors=${visitors.length} agents=${agents.length} second tabs=${tabs.length} sent=${ledger.sent} ` +
      `acked=${ledger.acked.length} relay kills=${kills.length} socket drops=${drops} ` +
      `duplicate sends=${ledger.duplicateSends} bursts=${bursts}x${PLAN.burstMessages} | lost=${delivery.lost} duplicates=${delivery.duplicates} ` +
      `out-of-order=${delivery.outOfOrder} | mismatched=${delivery.mismatched} foreign=${delivery.foreign} ` +
      `reordered sends=${sendOrder.reordered} ` +
      `acks lost to kills=${ledger.lostAcks} pending at kills=${kills.map((k) => k.pending).join("/")} ` +
      `storage gaps=${storage.gaps} repeated clientMsgIds=${storage.repeatedClientMsgIds} ` +
      `acked-not-stored=${storage.ackedNotStored} stored-not-acked=${storage.storedNotAcked}`,
  );
  const problems = [
    ...delivery.problems,
    ...storage.problems,
    ...sendOrder.problems,
    ...ledger.duplicateFailures,
    ...ledger.errors,
  ];
  if (problems.length > 0 || !allSent || !settled || !healed) {
    console.log(
      `chaos: seed=${SEED} all sent=${allSent} settled=${settled} healed=${healed}\n  ${problems.slice(0, 30).join("\n  ")}`,
    );
  }

  expect(kills.length).toBeGreaterThanOrEqual(2);
  expect(drops).toBeGreaterThan(0);
  expect(ledger.duplicateSends).toBeGreaterThan(0);
  expect({ lost: delivery.lost, duplicates: delivery.duplicates, outOfOrder: delivery.outOfOrder }).toEqual({
    lost: 0,
    duplicates: 0,
    outOfOrder: 0,
  });
  expect({
    mismatched: delivery.mismatched,
    foreign: delivery.foreign,
    reordered: sendOrder.reordered,
  }).toEqual({
    mismatched: 0,
    foreign: 0,
    reordered: 0,
  });
  expect(ledger.duplicateFailures).toEqual([]);
  expect(ledger.errors).toEqual([]);
  expect(storage).toEqual({
    gaps: 0,
    repeatedClientMsgIds: 0,
    ackedNotStored: 0,
    storedNotAcked: 0,
    problems: [],
  });
  expect(ledger.acked).toHaveLength(ledger.sent);
  expect({ allSent, settled, healed }).toEqual({ allSent: true, settled: true, healed: true });
  expect(exitCode).toBe(0);
});
