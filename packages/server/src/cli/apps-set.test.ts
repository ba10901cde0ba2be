import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

describe("relaydesk apps set --prechat", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "relaydesk-cli-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (...argv: string[]) => {
    const io = captureIo();
    const code = await main([...argv, "--data", dir], io.io);
    return { code, out: io.out(), err: io.err() };
  };
  async function storedForm() {
    const storage = openDataStorage(dir);
    try {
      return (await storage.getApp("acme"))?.prechat;
    } finally {
      await storage.close();
    }
  }
  const form = [
    { id: "name", type: "name", label: "Your name", required: true },
    { id: "plan", type: "select", label: "Plan", options: ["Free", "Pro"] },
  ];

  it("sets a form from inline JSON or a file, and removes it with none", async () => {
    await run("apps", "add", "acme", "--origin", "https://a.example");
    const inline = await run("apps", "set", "acme", "--prechat", JSON.stringify(form));
    expect(inline).toMatchObject({
      code: 0,
      out: "App acme: pre-chat form name (name, required), plan (select).\n",
    });
    expect(await storedForm()).toEqual(form);

    const file = join(dir, "prechat.json");
    writeFileSync(file, JSON.stringify(form.slice(0, 1)));
    expect((await run("apps", "set", "acme", "--prechat", file)).code).toBe(0);
    expect(await storedForm()).toEqual(form.slice(0, 1));

    expect(await run("apps", "set", "acme", "--prechat", "none")).toMatchObject({ code: 0 });
    expect(await storedForm()).toBeNull();
  });

  it.each([
    [[{ id: "Name", type: "name", label: "x" }], "[0].id: a field id is a lowercase letter"],
    [[{ id: "a", type: "phone", label: "x" }], "[0].type: type must be name, email, text or select"],
    [[{ id: "a", type: "select", label: "x" }], "a select field needs options"],
    [[{ id: "a", type: "name", label: "" }], "[0].label: label must not be empty"],
    [[{ id: "a", type: "name", label: "x", colour: "red" }], 'unknown field property "colour"'],
    [
      [
        { id: "a", type: "name", label: "x" },
        { id: "a", type: "email", label: "y" },
      ],
      "field ids must not repeat",
    ],
    [[], "needs at least one field"],
  ])("refuses %j and says why", async (document, reason) => {
    await run("apps", "add", "acme", "--origin", "https://a.example");
    const result = await run("apps", "set", "acme", "--prechat", JSON.stringify(document));
    expect(result.code).toBe(2);
    expect(result.err).toContain(reason);
    expect(await storedForm()).toBeNull();
  });

  it("refuses bad JSON, a missing file, a missing flag and an unknown app", async () => {
    await run("apps", "add", "acme", "--origin", "https://a.example");
    expect((await run("apps", "set", "acme", "--prechat", "[{")).err).toContain("not valid JSON");
    expect((await run("apps", "set", "acme", "--prechat", "nope.json")).err).toContain("no such file");
    expect((await run("apps", "set", "acme")).err).toContain("needs --prechat");
    const unknown = await run("apps", "set", "other", "--prechat", JSON.stringify(form));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("no such app");
  });
});
