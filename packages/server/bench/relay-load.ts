// Load generator for `pnpm bench`. Against the relay (its own process, SQLite with durable writes,
// memory bus) and, as a baseline in the same run, a bare `ws` forwarder (bare-forwarder.ts):
//   1. saturated: N visitors each send K messages with W in flight; M agents receive them.
//      Throughput = messages received by agents / wall time.
//   2. paced (relay only): an open-loop rate well below saturation; routed latency = time from a
//      visitor's send to the assigned agent's `message-created`, both on this process's clock.
//      Latency at saturation only measures the queue (in flight / throughput), so it is printed
//      for the record but the latency budget is read at the paced rate.
//   3. idle sockets (relay only): memory of the relay per connected, idle visitor socket.
// Each run also reports the server's CPU time per routed message (asked from the child over stdin):
// on a shared machine the throughput follows whatever else runs, the CPU cost per message much less.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const VISITORS = Number(process.env.BENCH_VISITORS ?? 200);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 10);
const PER_VISITOR = Number(process.env.BENCH_MESSAGES ?? 100);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 4);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 2000);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 4);
const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2000);

type Frame = Record<string, unknown> & { type: string };

interface Target {
  url: string;
  agentTokens: string[];
  child: ChildProcess;
  lines: Interface;
}

async function startTarget(script: string, args: string[]): Promise<Target> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--expose-gc", fileURLToPath(new URL(script, import.meta.url)), ...args],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, "line")) as [string];
  return { ...(JSON.parse(line) as { url: string; agentTokens: string[] }), child, lines };
}

async function stopTarget(target: Target): Promise<void> {
  target.child.kill("SIGTERM");
  await once(target.child, "exit");
}

function open(
  target: Target,
  path: string,
  headers: Record<string, string>,
  hello: object,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${target.url.replace(/^http/, "ws")}${path}`, {
      headers,
      perMessageDeflate: false,
    });
    ws.once("open", () => ws.send(JSON.stringify(hello)));
    ws.once("error", reject);
    ws.on("message", function onWelcome(data) {
      if ((JSON.parse(String(data)) as Frame).type !== "welcome") return;
      ws.off("message", onWelcome);
      resolve(ws);
    });
    ws.once("close", (code) => reject(new Error(`closed ${code} before welcome`)));
  });
}

const openVisitor = (target: Target) =>
  open(
    target,
    "/v1/ws?appId=bench",
    { Origin: "http://bench.test" },
    { type: "hello", protocol: 1, role: "visitor", appId: "bench" },
  );

interface Visitor {
  ws: WebSocket;
  conversationId: string;
  v: number;
}

/** Agents and visitors connected, one conversation per visitor, and a shared latency recorder. */
async function connect(target: Target, agentCount: number) {
  const sentAt = new Map<string, number>();
  const recorder = { latencies: [] as number[], received: 0, onReceived: () => {} };
  const tokens =
    target.agentTokens.length > 0 ? target.agentTokens : Array.from({ length: agentCount }, () => "");
  const agents = await Promise.all(
    tokens.map((agentToken) =>
      open(target, "/v1/ws", {}, { type: "hello", protocol: 1, role: "agent", agentToken }),
    ),
  );
  for (const ws of agents) {
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.type !== "message-created") return;
      const message = frame.message as { clientMsgId: string; author: { kind: string } };
      const start = message.author.kind === "visitor" ? sentAt.get(message.clientMsgId) : undefined;
      if (start === undefined) return;
      sentAt.delete(message.clientMsgId);
      recorder.latencies.push(performance.now() - start);
      recorder.received++;
      recorder.onReceived();
    });
  }
  const visitors: Visitor[] = await Promise.all(
    Array.from({ length: VISITORS }, async (_, v) => {
      const ws = await openVisitor(target);
      const conversationId = await new Promise<string>((resolve) => {
        ws.on("message", function onReply(data) {
          const frame = JSON.parse(String(data)) as Frame;
          if (frame.replyTo !== "start") return;
          ws.off("message", onReply);
          resolve((frame.conversation as { id: string }).id);
        });
        ws.send(JSON.stringify({ type: "start-conversation", id: "start" }));
      });
      return { ws, conversationId, v };
    }),
  );
  let sequence = 0;
  const send = (visitor: Visitor, tag: string) => {
    const clientMsgId = `${tag}${visitor.v}m${sequence++}`;
    sentAt.set(clientMsgId, performance.now());
    visitor.ws.send(
      JSON.stringify({
        type: "send-message",
        id: clientMsgId,
        conversationId: visitor.conversationId,
        clientMsgId,
        body: "hello, I need help with my invoice",
      }),
    );
  };
  const close = () => {
    for (const ws of [...agents, ...visitors.map((v) => v.ws)]) ws.terminate();
  };
  return { visitors, recorder, send, close };
}

function untilReceived(
  recorder: { received: number; onReceived: () => void },
  total: number,
  timeoutMs: number,
) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    recorder.onReceived = () => {
      if (recorder.received >= total) {
        clearTimeout(timer);
        resolve();
      }
    };
  });
}

/** CPU microseconds (user + system) the target's process has used so far. */
async function cpuTime(target: Target): Promise<number> {
  target.child.stdin!.write("cpu\n");
  const [line] = (await once(target.lines, "line")) as [string];
  const { user, system } = JSON.parse(line) as { user: number; system: number };
  return user + system;
}

async function saturated(target: Target) {
  const { visitors, recorder, send, close } = await connect(target, AGENTS);
  const total = VISITORS * PER_VISITOR;
  const done = untilReceived(recorder, total, 60_000);
  const cpuBefore = await cpuTime(target);
  const started = performance.now();
  for (const visitor of visitors) {
    let sent = 0;
    visitor.ws.on("message", (data) => {
      if ((JSON.parse(String(data)) as Frame).type === "ack" && sent < PER_VISITOR) {
        sent++;
        send(visitor, "s");
      }
    });
    for (let i = 0; i < Math.min(WINDOW, PER_VISITOR); i++, sent++) send(visitor, "s");
  }
  await done;
  const seconds = (performance.now() - started) / 1000;
  const cpuPerMessage = ((await cpuTime(target)) - cpuBefore) / recorder.received;
  close();
  return {
    received: recorder.received,
    total,
    rate: recorder.received / seconds,
    seconds,
    cpuPerMessage,
    ...percentiles(recorder.latencies),
  };
}

async function paced(target: Target) {
  const { visitors, recorder, send, close } = await connect(target, AGENTS);
  const total = Math.round(PACED_RATE * PACED_SECONDS);
  const done = untilReceived(recorder, total, PACED_SECONDS * 1000 + 30_000);
  const cpuBefore = await cpuTime(target);
  const started = performance.now();
  let sent = 0;
  // Open loop: every 5 ms, send what the schedule says should have gone out by now, whatever
  // the relay's replies, so slowness shows up as latency instead of a lower offered rate.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * PACED_RATE));
      for (; sent < due; sent++) send(visitors[sent % visitors.length]!, "p");
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  await done;
  const cpuPerMessage = ((await cpuTime(target)) - cpuBefore) / recorder.received;
  close();
  return { received: recorder.received, total, cpuPerMessage, ...percentiles(recorder.latencies) };
}

async function idleMemory(target: Target) {
  const mem = async () => {
    target.child.stdin!.write("mem\n");
    const [line] = (await once(target.lines, "line")) as [string];
    return JSON.parse(line) as { heapUsed: number; rss: number };
  };
  await new Promise((r) => setTimeout(r, 200));
  const before = await mem();
  const sockets: WebSocket[] = [];
  for (let i = 0; i < IDLE_SOCKETS; i += 100) {
    sockets.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(100, IDLE_SOCKETS - i) }, () => openVisitor(target)),
      )),
    );
  }
  await new Promise((r) => setTimeout(r, 500));
  const after = await mem();
  for (const ws of sockets) ws.terminate();
  return {
    heap: (after.heapUsed - before.heapUsed) / IDLE_SOCKETS,
    rss: (after.rss - before.rss) / IDLE_SOCKETS,
  };
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  return { p50: at(50), p99: at(99), max: at(100) };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const us = (n: number) => `${Math.round(n)} µs`;
const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const bare = await startTarget("bare-forwarder.ts", []);
const baseline = await saturated(bare);
await stopTarget(bare);

const relay = await startTarget("relay-process.ts", [String(AGENTS)]);
const load = await saturated(relay);
const steady = await paced(relay);
const idle = await idleMemory(relay);
await stopTarget(relay);

const ratio = load.rate / baseline.rate;
console.log(
  `  ${VISITORS} visitors, ${AGENTS} agents, ${PER_VISITOR} messages each, ${WINDOW} in flight per visitor`,
);
console.log(
  `  saturated   relay ${Math.round(load.rate)} msg/s (${load.received}/${load.total} in ${load.seconds.toFixed(2)} s; queueing p50 ${ms(load.p50)} p99 ${ms(load.p99)}; ${us(load.cpuPerMessage)} CPU per message)`,
);
console.log(
  `              bare ws forwarder ${Math.round(baseline.rate)} msg/s (${us(baseline.cpuPerMessage)} CPU per message) → relay at ${(ratio * 100).toFixed(0)} % of it`,
);
console.log(
  `  paced       ${PACED_RATE} msg/s offered for ${PACED_SECONDS} s: routed ${steady.received}/${steady.total}, latency p50 ${ms(steady.p50)} p99 ${ms(steady.p99)} max ${ms(steady.max)}; ${us(steady.cpuPerMessage)} CPU per message`,
);
console.log(
  `  idle        ${IDLE_SOCKETS} visitor sockets: ${kB(idle.heap)} heap, ${kB(idle.rss)} rss per socket`,
);
console.log(
  "  budgets     ≥ 10,000 msg/s with p99 ≤ 10 ms; ≥ 50 % of bare ws; ≤ 16 kB per idle visitor socket (DESIGN §8)",
);
const complete = load.received === load.total && steady.received === steady.total;
process.exit(complete ? 0 : 1);
