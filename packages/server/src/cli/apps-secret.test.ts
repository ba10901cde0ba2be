import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

describe("relaydesk apps: identity", () => {
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
  const run = async (...argv: string[]) => {
    const io = captureIo();
    const code = await main([...argv, "--data", dir], io.io);
    return { code, out: io.out(), err: io.err() };
  };
  const addAcme = (...flags: string[]) =>
    run("apps", "add", "acme", "--origin", "https://a.example", ...flags);
  const printedSecret = (out: string) => /shown only this once:\n {2}(\S+)\n/.exec(out)?.[1];

  it("creates a secret, prints it once, and lists only how many are active", async () => {
    await addAcme();
    const created = await run("apps", "secret", "--app", "acme");
    expect(created.code).toBe(0);
    const secret = printedSecret(created.out);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.out).not.toContain("previous secret");
    expect((await storedApp("acme"))?.identitySecrets).toEqual([
      { secret, createdAt: expect.any(Number), expiresAt: null },
    ]);

    const list = await run("apps", "list");
    expect(list.out).toMatch(/acme\s+acme\s+optional\s+1\s+relay-wide\s+https:\/\/a\.example/);
    expect(list.out).not.toContain(secret);
  });

  it("rotates with an overlap: the previous secret expires then, the new one never", async () => {
    await addAcme();
    const first = printedSecret((await run("apps", "secret", "--app", "acme")).out);
    const before = Date.now();
    const rotated = await run("apps", "secret", "--app", "acme", "--overlap", "2h");
    const second = printedSecret(rotated.out);
    expect(second).not.toBe(first);
    expect(rotated.out).toMatch(/1 previous secret still verifies until \S+ \(--overlap 2h\)/);
    const [old, current] = (await storedApp("acme"))!.identitySecrets;
    expect(old?.secret).toBe(first);
    expect(old?.expiresAt).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(old?.expiresAt).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    expect(current).toMatchObject({ secret: second, expiresAt: null });
    expect((await run("apps", "list")).out).toMatch(/acme\s+acme\s+optional\s+2\s+relay-wide\s/);

    // --overlap 0 ends every previous secret at once (they are dropped).
    const third = printedSecret((await run("apps", "secret", "--app", "acme", "--overlap", "0")).out);
    expect((await storedApp("acme"))!.identitySecrets.map((s) => s.secret)).toEqual([third]);
  });

  it("requires identity with --require-identity, keeps it on a plain update, undoes it with --allow-anonymous", async () => {
    const added = await addAcme("--require-identity");
    expect(added.out).toContain("Visitors must identify");
    expect(added.out).toContain("relaydesk apps secret --app acme");
    await run("apps", "secret", "--app", "acme");
    const updated = await run("apps", "add", "acme", "--origin", "https://b.example");
    expect(updated.out).toContain("Visitors must identify");
    expect(await storedApp("acme")).toMatchObject({
      allowedOrigins: ["https://b.example"],
      requireIdentity: true,
      identitySecrets: [expect.objectContaining({ expiresAt: null })],
    });
    expect((await run("apps", "list")).out).toMatch(/acme\s+acme\s+required\s+1\s/);
    await addAcme("--allow-anonymous");
    expect(await storedApp("acme")).toMatchObject({ requireIdentity: false });
  });

  it.each([
    [["apps", "secret"], "needs --app <appId>"],
    [["apps", "secret", "acme"], "takes no arguments"],
    [["apps", "secret", "--app", "bad id!"], '--app "bad id!"'],
    [["apps", "secret", "--app", "acme", "--overlap", "tomorrow"], '--overlap "tomorrow": use a duration'],
    [["apps", "secret", "--app", "acme", "--overlap", "31d"], "at most 30d"],
    [["apps", "secret", "--app", "acme", "--overlap", "-1h"], "--overlap"],
    [
      ["apps", "add", "acme", "--origin", "https://a.example", "--require-identity", "--allow-anonymous"],
      "not both",
    ],
  ])("rejects %j with exit code 2 and says why", async (argv, why) => {
    if (argv[1] === "secret") await addAcme();
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(why);
    expect(result.err).toContain(`Usage: relaydesk ${argv.slice(0, 2).join(" ")}`);
    expect(result.out).toBe("");
    expect((await storedApp("acme"))?.identitySecrets ?? []).toEqual([]);
  });

  it("fails with exit code 1 for an app that does not exist, naming how to create it", async () => {
    const result = await run("apps", "secret", "--app", "ghost");
    expect(result.code).toBe(1);
    expect(result.err).toContain('no app "ghost"');
    expect(result.err).toContain("relaydesk apps add ghost");
    expect(result.out).toBe("");
  });
});
