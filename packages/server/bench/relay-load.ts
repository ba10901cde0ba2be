// Load generator: N visitors each send K messages with W in flight; M agents receive them.
// Routed latency = time from the visitor's send to the assigned agent's `message-created`, both
// measured on this process's clock. Throughput = messages received by agents / wall time.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";

const VISITORS = Number(process.env.BENCH_VISITORS ?? 200);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 10);
const PER_VISITOR = Number(process.env.BENCH_MESSAGES ?? 50);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 4);

const tsx = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));
const child = spawn(
  process.execPath,
  [tsx, fileURLToPath(new URL("relay-process.ts", import.meta.url)), String(AGENTS)],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
const { url, agentTokens } = JSON.parse(line) as { url: string; agentTokens: string[] };
const wsUrl = url.replace(/^http/, "ws");

type Frame = Record<string, unknown> & { type: string };

function open(path: string, headers: Record<string, string>, hello: object): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsUrl}${path}`, { headers });
    ws.once("open", () => ws.send(JSON.stringify(hello)));
    ws.once("error", reject);
    ws.on("message", function onWelcome(data) {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.type === "welcome") {
        ws.off("message", onWelcome);
        resolve(ws);
      }
    });
    ws.once("close", (code) => reject(new Error(`closed ${code} before welcome`)));
  });
}

const sentAt = new Map<string, number>();
const latencies: number[] = [];
let received = 0;
const total = VISITORS * PER_VISITOR;
let resolveDone: () => void;
const done = new Promise<void>((r) => {
  resolveDone = r;
});

for (const token of agentTokens) {
  const ws = await open("/v1/ws", {}, { type: "hello", protocol: 1, role: "agent", agentToken: token });
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.type !== "message-created") return;
    const message = frame.message as { clientMsgId: string; author: { kind: string } };
    if (message.author.kind !== "visitor") return;
    const start = sentAt.get(message.clientMsgId);
    if (start === undefined) return;
    sentAt.delete(message.clientMsgId);
    latencies.push(performance.now() - start);
    if (++received === total) resolveDone();
  });
}

const visitors = await Promise.all(
  Array.from({ length: VISITORS }, async (_, v) => {
    const ws = await open(
      "/v1/ws?appId=bench",
      { Origin: "http://bench.test" },
      { type: "hello", protocol: 1, role: "visitor", appId: "bench" },
    );
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

const started = performance.now();
await Promise.all(
  visitors.map(
    ({ ws, conversationId, v }) =>
      new Promise<void>((resolve) => {
        let next = 0;
        let acked = 0;
        const send = () => {
          const clientMsgId = `v${v}m${next++}`;
          sentAt.set(clientMsgId, performance.now());
          ws.send(
            JSON.stringify({
              type: "send-message",
              id: clientMsgId,
              conversationId,
              clientMsgId,
              body: "hello, I need help",
            }),
          );
        };
        ws.on("message", (data) => {
          const frame = JSON.parse(String(data)) as Frame;
          if (frame.type !== "ack") return;
          if (++acked === PER_VISITOR) resolve();
          else if (next < PER_VISITOR) send();
        });
        for (let i = 0; i < Math.min(WINDOW, PER_VISITOR); i++) send();
      }),
  ),
);
await Promise.race([done, new Promise((r) => setTimeout(r, 30_000))]);
const seconds = (performance.now() - started) / 1000;

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
const rate = received / seconds;
console.log(
  `  ${VISITORS} visitors, ${AGENTS} agents, ${PER_VISITOR} messages each, ${WINDOW} in flight per visitor`,
);
console.log(
  `  routed ${received}/${total} messages in ${seconds.toFixed(2)} s: ${Math.round(rate)} messages/s`,
);
console.log(
  `  latency visitor→agent  p50 ${pct(50).toFixed(2)} ms  p99 ${pct(99).toFixed(2)} ms  max ${pct(100).toFixed(2)} ms`,
);
console.log(`  budget (DESIGN §8): ≥ 10,000 messages/s with p99 ≤ 10 ms on 2 cores`);

for (const { ws } of visitors) ws.terminate();
child.kill("SIGTERM");
await once(child, "exit");
process.exit(received === total ? 0 : 1);
