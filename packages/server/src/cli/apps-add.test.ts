import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

describe("relaydesk apps", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-cli-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function storedApp(appId: string) {
    const storage = openDataStorage(dir);
    try {
      return await storage.getApp(appId);
    } finally {
      await storage.close();
    }
  }

  it("adds an app with its canonical origins and lists it", async () => {
    const run = captureIo();
    const code = await main(
      [
        "apps",
        "add",
        "acme-web",
        "--origin",
        "https://App.Acme.example:443/",
        "--origin",
        "http://localhost:*",
        "--name",
        "Acme",
        "--data",
        dir,
      ],
      run.io,
    );
    expect(run.err()).toBe("");
    expect(code).toBe(0);
    expect(run.out()).toContain('Created app "acme-web" (Acme)');
    expect(await storedApp("acme-web")).toMatchObject({
      name: "Acme",
      allowedOrigins: ["https://app.acme.example", "http://localhost:*"],
    });

    const list = captureIo();
    expect(await main(["apps", "list", "--data", dir], list.io)).toBe(0);
    expect(list.out()).toMatch(/^APP ID\s+NAME\s+IDENTITY\s+SECRETS\s+WEBHOOK\s+ALLOWED ORIGINS\n/);
    expect(list.out()).toMatch(
      /acme-web\s+Acme\s+optional\s+0\s+relay-wide\s+https:\/\/app\.acme\.example http:\/\/localhost:\*/,
    );
  });

  it("updates an existing app's origins and name, keeping when it was created", async () => {
    await main(["apps", "add", "acme", "--origin", "https://a.example", "--data", dir], captureIo().io);
    const before = await storedApp("acme");
    const run = captureIo();
    expect(await main(["apps", "add", "acme", "--origin", "https://b.example", "--data", dir], run.io)).toBe(
      0,
    );
    expect(run.out()).toContain('Updated app "acme" (acme)');
    expect(await storedApp("acme")).toEqual({ ...before, allowedOrigins: ["https://b.example"] });
  });

  it("says how to add one when there are no apps", async () => {
    const list = captureIo();
    expect(await main(["apps", "list", "--data", dir], list.io)).toBe(0);
    expect(list.out()).toContain("relaydesk apps add <appId> --origin <url>");
  });

  it.each([
    [["apps", "add", "acme"], "at least one --origin"],
    [["apps", "add", "--origin", "https://a.example"], "needs an <appId>"],
    [["apps", "add", "bad id!", "--origin", "https://a.example"], '<appId> "bad id!"'],
    [["apps", "add", "acme", "extra", "--origin", "https://a.example"], 'got also "extra"'],
    [["apps", "add", "acme", "--origin", "https://a.example/app"], "no path"],
    [["apps", "add", "acme", "--origin", "https://a.example?x=1"], "no path, query"],
    [["apps", "add", "acme", "--origin", "ftp://a.example"], "only http and https"],
    [["apps", "add", "acme", "--origin", "https://*.example.com"], "`*` is allowed only as the port"],
    [["apps", "add", "acme", "--origin", "http://localhost:8080:*"], "either a port or `*`"],
    [["apps", "add", "acme", "--origin", "localhost:3000"], "only http and https"],
    [["apps", "add", "acme", "--origin", "not a url"], "not a URL"],
    [["apps", "add", "acme", "--origin", "https://user:pw@a.example"], "no user name"],
    [["apps", "add", "acme", "--origin", "https://a.example", "--name", " "], "--name must not be empty"],
    [["apps", "list", "extra"], "takes no arguments"],
  ])("rejects %j with exit code 2 and says why", async (argv, why) => {
    const run = captureIo();
    expect(await main([...argv, "--data", dir], run.io)).toBe(2);
    expect(run.err()).toContain(why);
    expect(run.err()).toContain(`Usage: relaydesk ${argv.slice(0, 2).join(" ")}`);
    expect(run.out()).toBe("");
    expect(await storedApp("acme")).toBeNull();
  });

  it("names --data when the data folder cannot be created", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "not a folder");
    const run = captureIo();
    expect(await main(["apps", "list", "--data", join(file, "sub")], run.io)).toBe(2);
    expect(run.err()).toContain(`--data ${join(file, "sub")}: cannot use it as the data folder`);
    const fromEnv = captureIo({ RELAYDESK_DATA_DIR: file });
    expect(await main(["apps", "list"], fromEnv.io)).toBe(2);
    expect(fromEnv.err()).toContain(`RELAYDESK_DATA_DIR ${file}: cannot use it as the data folder`);
  });
});
