import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

describe("relaydesk routing, agents set, canned", () => {
  let dir: string;
  let adaId: string;
  const run = async (...args: string[]) => {
    const io = captureIo();
    const code = await main([...args, "--data", dir], io.io);
    return { code, out: io.out(), err: io.err() };
  };
  const file = (document: unknown) => {
    const path = join(dir, `routing-${Math.random()}.json`);
    writeFileSync(path, typeof document === "string" ? document : JSON.stringify(document));
    return path;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-cli-routing-"));
    expect((await run("apps", "add", "acme", "--origin", "https://a.example")).code).toBe(0);
    const added = await run("agents", "add", "Ada");
    adaId = /\((agt_[A-Za-z0-9_-]+)\)/.exec(added.out)![1]!;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("sets and shows a routing document; without one, shows the implicit queue", async () => {
    const implicit = await run("routing", "show", "--app", "acme");
    expect(implicit.code).toBe(0);
    expect(JSON.parse(implicit.out)).toMatchObject({ queues: [{ id: "default", strategy: "round-robin" }] });
    expect(implicit.err).toContain("no routing document");
    const document = {
      queues: [
        { id: "general", strategy: "round-robin", members: [adaId] },
        { id: "billing", strategy: "least-busy", skills: ["billing"], offerTimeoutMs: 20000 },
      ],
      rules: [{ when: { pageUrl: "https://app.example/billing" }, queue: "billing" }],
      defaultQueue: "general",
    };
    const set = await run("routing", "set", "--app", "acme", "--file", file(document));
    expect(set).toMatchObject({ code: 0 });
    expect(set.out).toContain(
      "queues general (round-robin), billing (least-busy); 1 rule(s); default general",
    );
    expect(JSON.parse((await run("routing", "show", "--app", "acme")).out)).toEqual(document);
  });

  it("refuses a bad document with every problem's path, and changes nothing (exit 2)", async () => {
    const bad = await run(
      "routing",
      "set",
      "--app",
      "acme",
      "--file",
      file({
        queues: [{ id: "a", strategy: "fifo", members: ["agt_ghost"] }],
        rules: [{ when: { plan: "gold" }, queue: "b" }],
        defaultQueue: "a",
      }),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("queues[0].strategy");
    // Cross-references are checked once every field has the right shape.
    const dangling = await run(
      "routing",
      "set",
      "--app",
      "acme",
      "--file",
      file({
        queues: [{ id: "a", strategy: "manual" }],
        rules: [{ when: { plan: "gold" }, queue: "b" }],
        defaultQueue: "a",
      }),
    );
    expect(dangling.err).toContain('rules[0].queue: no queue "b"');
    const ghost = await run(
      "routing",
      "set",
      "--app",
      "acme",
      "--file",
      file({ queues: [{ id: "a", strategy: "manual", members: ["agt_ghost"] }], defaultQueue: "a" }),
    );
    expect(ghost).toMatchObject({ code: 2 });
    expect(ghost.err).toContain('queues[0].members[0]: no agent "agt_ghost"');
    const sla = await run(
      "routing",
      "set",
      "--app",
      "acme",
      "--file",
      file({
        queues: [{ id: "a", strategy: "manual", sla: { firstResponseMinutes: 5 } }],
        defaultQueue: "a",
      }),
    );
    expect(sla).toMatchObject({ code: 2 });
    expect(sla.err).toContain("queues[0].sla.firstResponseMinutes: ");
    expect((await run("routing", "set", "--app", "acme", "--file", file("{ not json"))).err).toContain(
      "cannot read it as JSON",
    );
    expect(
      (
        await run(
          "routing",
          "set",
          "--app",
          "nope",
          "--file",
          file({ queues: [{ id: "a", strategy: "manual" }], defaultQueue: "a" }),
        )
      ).err,
    ).toContain('--app "nope": no such app');
    expect((await run("routing", "set", "--app", "acme")).err).toContain("routing set needs --file");
    const storage = openDataStorage(dir);
    expect(await storage.getRoutingConfig("acme")).toBeNull();
    await storage.close();
  });

  it("sets an agent's capacity and skills by id or name, with clear errors", async () => {
    const set = await run("agents", "set", adaId, "--capacity", "3", "--skill", "billing", "--skill", "fr");
    expect(set).toMatchObject({ code: 0 });
    expect(set.out).toContain("capacity 3, skills billing, fr");
    expect(
      (await run("agents", "set", "--name", "Ada", "--capacity", "default", "--no-skills")).out,
    ).toContain("capacity default, skills none");
    expect(await run("agents", "set", adaId, "--capacity", "0")).toMatchObject({ code: 2 });
    expect((await run("agents", "set", adaId, "--capacity", "0")).err).toContain('--capacity "0"');
    expect((await run("agents", "set", adaId, "--skill", "Billing!")).err).toContain('--skill "Billing!"');
    expect((await run("agents", "set", adaId)).err).toContain("needs --capacity, --skill or --no-skills");
    expect((await run("agents", "set", "--name", "Nobody", "--capacity", "2")).err).toContain(
      '--name "Nobody": no such agent',
    );
  });

  it("adds and lists canned replies, one per shortcut", async () => {
    expect(
      (await run("canned", "add", "--app", "acme", "--shortcut", "hello", "--text", "Hi {visitor.name}!"))
        .code,
    ).toBe(0);
    const again = await run("canned", "add", "--app", "acme", "--shortcut", "hello", "--text", "Hey");
    expect(again).toMatchObject({ code: 2 });
    expect(again.err).toContain("has a canned reply with it already");
    expect(
      (await run("canned", "add", "--app", "acme", "--shortcut", "Hello There", "--text", "x")).err,
    ).toContain("--shortcut");
    const list = await run("canned", "list", "--app", "acme");
    expect(list.out).toMatch(/SHORTCUT\s+TEXT\nhello\s+Hi \{visitor.name\}!/);
  });
});
