// `pnpm bench`: measures the budgets of DESIGN §8 and prints the figures. Sizes past their budget
// make the run fail; throughput and latency are printed against their budgets for the record
// (absolute speed drifts between machines, so it is reported, not gated).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { measureSizes } from "./sizes.ts";

const root = new URL("../", import.meta.url);
const kb = (n: number) => `${(n / 1024).toFixed(2)} kB`;

console.log("\nWidget weight (gzip -9)");
let failed = false;
for (const s of measureSizes(root)) {
  const verdict = s.ok ? "ok" : "OVER BUDGET";
  console.log(
    `  ${s.label.padEnd(34)} ${kb(s.gzip).padStart(9)} gzip  ${kb(s.raw).padStart(9)} raw   budget ${kb(s.budget)}  ${verdict}`,
  );
  if (!s.ok) failed = true;
}

console.log("\nRelay under load (one node, SQLite durable writes, memory bus)");
const load = spawnSync(
  process.execPath,
  [fileURLToPath(new URL("node_modules/tsx/dist/cli.mjs", root)), "packages/server/bench/relay-load.ts"],
  { cwd: fileURLToPath(root), stdio: "inherit" },
);
if (load.status !== 0) failed = true;

process.exit(failed ? 1 : 0);
