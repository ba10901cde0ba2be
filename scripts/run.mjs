#!/usr/bin/env node
// The root scripts in one place, so that `npm start` and `npm test` work on a machine that has only
// Node.js and npm: install the workspace with a pinned pnpm when it is not installed yet, build what
// the task needs, then run it. `pnpm <script>` goes through here too, so both routes behave alike.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PNPM = "pnpm@12.21.0";
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Relaydesk needs Node.js >= 20.19; this is ${process.version}.`);
}

const tasks = {
  start: () => {
    install();
    build();
    const args = ["start", "--demo", ...process.argv.slice(3)];
    run(process.execPath, [join(root, "packages/server/bin/relaydesk.js"), ...args]);
  },
  build: () => {
    install();
    build();
  },
  test: () => {
    install();
    build();
    pnpm(["run", "typecheck"]);
    pnpm(["run", "lint"]);
    pnpm(["exec", "vitest", "run", ...process.argv.slice(3)]);
    e2e();
  },
  "test:e2e": () => {
    install();
    build();
    e2e();
  },
  bench: () => {
    install();
    build();
    run(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "bench/run.ts")]);
  },
};

const task = tasks[process.argv[2]];
if (!task) fail(`usage: node scripts/run.mjs <${Object.keys(tasks).join("|")}>`);
task();

function install() {
  const marker = join(root, "node_modules/.pnpm/lock.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // better-sqlite3 compiles from source where no prebuilt binary is reachable; node-gyp then needs
  // the headers of the running Node, which distro packages keep under <prefix>/include/node.
  const prefix = dirname(dirname(process.execPath));
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, "include/node/node.h"))) {
    process.env.npm_config_nodedir = prefix;
  }
  console.log("› installing dependencies (first run builds better-sqlite3, about a minute)");
  pnpm(["install", "--frozen-lockfile"]);
}

function build() {
  pnpm(["--filter", "./packages/**", "--workspace-concurrency=1", "run", "build"]);
}

function e2e() {
  process.env.CHROMIUM_PATH ??= findChromium() ?? installChromium();
  pnpm(["exec", "playwright", "test", "--config", "e2e/playwright.config.ts"]);
}

function findChromium() {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found) return found;
  }
  return undefined;
}

// Playwright's own browser download does not work everywhere (DESIGN §9); Debian's chromium does.
// The e2e suite is part of the test command and is never skipped, so without a browser we install
// one where we can and stop with instructions where we cannot.
function installChromium() {
  const asRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  const sudo = !asRoot && spawnSync("sudo", ["-n", "true"]).status === 0;
  if (hasApt && (asRoot || sudo)) {
    console.log("› chromium not found: installing Debian's chromium with apt-get");
    const prefix = asRoot ? [] : ["sudo", "-n"];
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [
      ["apt-get", "update", "-qq"],
      ["apt-get", "install", "-y", "-qq", "chromium"],
    ]) {
      const [cmd, ...rest] = [...prefix, ...args];
      run(cmd, rest, { env });
    }
    const found = findChromium();
    if (found) return found;
  }
  fail(
    "The end-to-end tests need Chromium and none was found. Install it (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
}

function pnpm(args) {
  const local = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (local.status === 0 && local.stdout.startsWith("12.")) return run("pnpm", args);
  run("npx", ["--yes", PNPM, ...args]);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...options });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  if (result.signal === "SIGINT" || result.signal === "SIGTERM") process.exit(0);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function fail(message) {
  console.error(`relaydesk: ${message}`);
  process.exit(1);
}
