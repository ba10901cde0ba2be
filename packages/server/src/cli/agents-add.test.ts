import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashToken } from "../auth/tokens.ts";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

describe("relaydesk agents", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-cli-"));
    await addApp(dir, "acme");
  });

  async function addApp(dataDir: string, appId: string): Promise<void> {
    const run = captureIo();
    expect(
      await main(["apps", "add", appId, "--origin", "https://a.example", "--data", dataDir], run.io),
    ).toBe(0);
  }
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("adds an agent, prints its token once, and stores only the token's hash", async () => {
    const run = captureIo();
    expect(await main(["agents", "add", "Ada", "Lovelace", "--data", dir], run.io)).toBe(0);
    const token = /rda_[A-Za-z0-9_-]{43}/.exec(run.out())?.[0];
    const id = /\((agt_[A-Za-z0-9_-]+)\)/.exec(run.out())?.[1];
    expect(token).toBeDefined();
    expect(run.out()).toContain('Created agent "Ada Lovelace"');

    const storage = openDataStorage(dir);
    expect(await storage.findAgentByTokenHash(hashToken(token!))).toMatchObject({ id, name: "Ada Lovelace" });
    expect(await storage.findAgentByTokenHash(token!)).toBeNull();
    await storage.close();

    const list = captureIo();
    expect(await main(["agents", "list", "--data", dir], list.io)).toBe(0);
    expect(list.out()).toMatch(/^ID\s+NAME\s+ROLE\s+APPS\s+CREATED\n/);
    expect(list.out()).toMatch(/Ada Lovelace\s+agent\s+acme\s/);
    expect(list.out()).toContain(id!);
    expect(list.out()).toContain("Ada Lovelace");
    expect(list.out()).not.toContain("rda_");
  });

  it("gives every agent its own token and lists them oldest first", async () => {
    const first = captureIo();
    const second = captureIo();
    await main(["agents", "add", "Ada", "--data", dir], first.io);
    await main(["agents", "add", "Grace", "--data", dir], second.io);
    const tokenOf = (text: string) => /rda_\S+/.exec(text)?.[0];
    expect(tokenOf(first.out())).not.toBe(tokenOf(second.out()));
    const list = captureIo();
    await main(["agents", "list", "--data", dir], list.io);
    expect(list.out().indexOf("Ada")).toBeLessThan(list.out().indexOf("Grace"));
  });

  it("takes the data folder from RELAYDESK_DATA_DIR, and --data wins over it", async () => {
    const other = join(dir, "other");
    await addApp(other, "acme");
    await main(["agents", "add", "FromEnv"], captureIo({ RELAYDESK_DATA_DIR: dir }).io);
    await main(["agents", "add", "FromFlag", "--data", other], captureIo({ RELAYDESK_DATA_DIR: dir }).io);
    const inEnvDir = captureIo();
    await main(["agents", "list", "--data", dir], inEnvDir.io);
    expect(inEnvDir.out()).toContain("FromEnv");
    expect(inEnvDir.out()).not.toContain("FromFlag");
    const inFlagDir = captureIo();
    await main(["agents", "list", "--data", other], inFlagDir.io);
    expect(inFlagDir.out()).toContain("FromFlag");
  });

  it("says how to add one when there are no agents", async () => {
    const list = captureIo();
    expect(await main(["agents", "list", "--data", dir], list.io)).toBe(0);
    expect(list.out()).toContain("relaydesk agents add <name>");
  });

  it("rejects a missing name and unknown flags with exit code 2 and the usage", async () => {
    const missing = captureIo();
    expect(await main(["agents", "add", "--data", dir], missing.io)).toBe(2);
    expect(missing.err()).toContain("needs the agent's name");
    expect(missing.err()).toContain("Usage: relaydesk agents add <name>");

    const unknown = captureIo();
    expect(await main(["agents", "list", "--dta", dir], unknown.io)).toBe(2);
    expect(unknown.err()).toContain("unknown option '--dta'");
  });

  it("makes the only app the default, and names the agent's role and apps", async () => {
    const run = captureIo();
    expect(await main(["agents", "add", "--name", "Ada Lovelace", "--data", dir], run.io)).toBe(0);
    expect(run.out()).toMatch(/Created agent "Ada Lovelace" \(agt_\S+\), role agent, apps: acme\./);
    const storage = openDataStorage(dir);
    expect((await storage.listAgents())[0]).toMatchObject({
      name: "Ada Lovelace",
      role: "agent",
      appIds: ["acme"],
    });
    await storage.close();
  });

  it("requires --app when there are several apps, and serves every app given", async () => {
    await addApp(dir, "beta");
    await addApp(dir, "gamma");
    const ambiguous = captureIo();
    expect(await main(["agents", "add", "Ada", "--data", dir], ambiguous.io)).toBe(2);
    expect(ambiguous.err()).toContain(
      "there are several apps (acme, beta, gamma): say which this agent serves with --app",
    );
    expect(ambiguous.err()).toContain("Usage: relaydesk agents add");

    const both = captureIo();
    const argv = ["agents", "add", "Bo", "--app", "gamma", "--app", "acme", "--role", "admin", "--data", dir];
    expect(await main(argv, both.io)).toBe(0);
    expect(both.out()).toContain("role admin, apps: acme, gamma.");
    const list = captureIo();
    await main(["agents", "list", "--data", dir], list.io);
    expect(list.out()).toMatch(/Bo\s+admin\s+acme,gamma\s/);
    // The refused one was not created.
    expect(list.out()).not.toContain("Ada");
  });

  it.each([
    [["Ada", "--app", "ghost"], "no such app (apps: acme)"],
    [["Ada", "--app", "bad id!"], '--app "bad id!"'],
    [["Ada", "--role", "owner"], '--role "owner": give agent or admin'],
    [["Ada", "--name", "Bob"], "either <name> or --name, not both"],
    [["--name", "  "], "needs the agent's name"],
  ])("refuses agents add %j with exit code 2, the reason and the usage", async (args, reason) => {
    const run = captureIo();
    expect(await main(["agents", "add", ...args, "--data", dir], run.io)).toBe(2);
    expect(run.err()).toContain(reason);
    expect(run.err()).toContain("Usage: relaydesk agents add");
    const storage = openDataStorage(dir);
    expect(await storage.listAgents()).toEqual([]);
    await storage.close();
  });

  it("says to create an app first when there is none", async () => {
    const empty = join(dir, "empty");
    const run = captureIo();
    expect(await main(["agents", "add", "Ada", "--data", empty], run.io)).toBe(2);
    expect(run.err()).toContain("there are no apps yet");
    expect(run.err()).toContain("relaydesk apps add <appId> --origin <url>");
  });
});
