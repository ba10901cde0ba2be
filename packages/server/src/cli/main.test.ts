import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { captureIo } from "./capture-io.ts";
import { main } from "./main.ts";

const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("relaydesk main", () => {
  it.each([["--version"], ["-v"]])("%s prints the package version", async (flag) => {
    const run = captureIo();
    expect(await main([flag], run.io)).toBe(0);
    expect(run.out()).toBe(`${version}\n`);
  });

  it.each([["--help"], ["-h"], ["help"]])("%s lists every command on stdout", async (flag) => {
    const run = captureIo();
    expect(await main([flag], run.io)).toBe(0);
    for (const command of ["start", "agents add", "agents list", "apps add", "apps list"]) {
      expect(run.out()).toContain(`relaydesk ${command} `);
    }
    expect(run.err()).toBe("");
  });

  it("shows a command's own help, even next to other flags, and does nothing else", async () => {
    const run = captureIo();
    expect(await main(["agents", "add", "Ada", "--help"], run.io)).toBe(0);
    expect(run.out()).toMatch(/^Usage: relaydesk agents add <name>/);
    const start = captureIo();
    expect(await main(["start", "--port", "abc", "-h"], start.io)).toBe(0);
    expect(start.out()).toContain("--port <port>");
  });

  it("shows both subcommands for `agents --help`", async () => {
    const run = captureIo();
    expect(await main(["agents", "--help"], run.io)).toBe(0);
    expect(run.out()).toContain("relaydesk agents add <name>");
    expect(run.out()).toContain("relaydesk agents list");
  });

  it.each([
    [[], "no command given"],
    [["serve"], 'unknown command "serve"'],
    [["apps"], "apps needs a command"],
    [["apps", "remove", "x"], 'unknown command "apps remove"'],
  ])("%j is a usage error: exit 2, message and usage on stderr", async (argv, message) => {
    const run = captureIo();
    expect(await main(argv, run.io)).toBe(2);
    expect(run.err()).toContain(`relaydesk: ${message}`);
    expect(run.err()).toContain("Usage:");
    expect(run.out()).toBe("");
  });
});
