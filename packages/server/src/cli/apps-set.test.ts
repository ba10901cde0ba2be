import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureIo } from "./capture-io.ts";
import { openDataStorage } from "./data-dir.ts";
import { main } from "./main.ts";

// Each test gets a data folder of its own; `run` is the CLI against it.
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

describe("relaydesk apps set --prechat", () => {
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
    expect((await run("apps", "set", "acme")).err).toContain(
      "needs --prechat <json | file | none> or --webhook-url",
    );
    const unknown = await run("apps", "set", "other", "--prechat", JSON.stringify(form));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("no such app");
  });
});

describe("relaydesk apps set --webhook-url", () => {
  async function stored(appId = "acme") {
    const storage = openDataStorage(dir);
    try {
      return await storage.getApp(appId);
    } finally {
      await storage.close();
    }
  }
  const SECRET = "whsec_0123456789abcdef0123";
  const URL = "https://hooks.acme.example/relaydesk?token=url-token-123";

  it("gives an app its own endpoint, shows it without the secret or query, and removes it with none", async () => {
    await run("apps", "add", "acme", "--origin", "https://a.example");
    await run("apps", "add", "beta", "--origin", "https://b.example");
    const set = await run("apps", "set", "acme", "--webhook-url", URL, "--webhook-secret", SECRET);
    expect(set).toMatchObject({
      code: 0,
      out: "App acme: events are POSTed to https://hooks.acme.example/relaydesk?…, signed with its own secret.\n",
    });
    expect((await stored())?.webhook).toEqual({ url: URL, secret: SECRET });
    // The pre-chat form is left as it was.
    expect((await stored())?.prechat).toBeNull();

    const list = await run("apps", "list");
    expect(list.out).toMatch(/acme\s+acme\s+optional\s+0\s+https:\/\/hooks\.acme\.example\/relaydesk\?…\s/);
    expect(list.out).toMatch(/beta\s+beta\s+optional\s+0\s+relay-wide\s/);
    for (const secret of [SECRET, "url-token-123"]) {
      expect(list.out).not.toContain(secret);
      expect(set.out).not.toContain(secret);
    }

    const cleared = await run("apps", "set", "acme", "--webhook-url", "none");
    expect(cleared).toMatchObject({
      code: 0,
      out: expect.stringContaining("no webhook endpoint of its own"),
    });
    expect((await stored())?.webhook).toBeNull();
  });

  it("sets the form and the endpoint in one go", async () => {
    await run("apps", "add", "acme", "--origin", "https://a.example");
    const form = [{ id: "name", type: "name", label: "Your name" }];
    const both = await run(
      "apps",
      "set",
      "acme",
      "--prechat",
      JSON.stringify(form),
      "--webhook-url",
      "http://127.0.0.1:9000/hook",
      "--webhook-secret",
      SECRET,
    );
    expect(both.code).toBe(0);
    expect(await stored()).toMatchObject({
      prechat: form,
      webhook: { url: "http://127.0.0.1:9000/hook", secret: SECRET },
    });
  });

  it.each([
    [
      ["--webhook-url", "ftp://hooks.example/x", "--webhook-secret", SECRET],
      "--webhook-url: give the http(s) URL",
    ],
    [["--webhook-url", "hooks.example/x", "--webhook-secret", SECRET], "--webhook-url: give the http(s) URL"],
    [["--webhook-url", `https://h.example/${"x".repeat(2100)}`, "--webhook-secret", SECRET], "at most 2048"],
    [["--webhook-url", URL, "--webhook-secret", "short"], "signing secret of 16 to 256 characters"],
    [["--webhook-url", URL, "--webhook-secret", "s".repeat(257)], "signing secret of 16 to 256 characters"],
    [["--webhook-url", URL], "--webhook-url needs --webhook-secret"],
    [["--webhook-secret", SECRET], "--webhook-secret needs --webhook-url"],
    [["--webhook-url", "none", "--webhook-secret", SECRET], "give no --webhook-secret with it"],
  ])("refuses %j and says why, storing nothing", async (flags, reason) => {
    await run("apps", "add", "acme", "--origin", "https://a.example");
    const result = await run("apps", "set", "acme", ...flags);
    expect(result.code).toBe(2);
    expect(result.err).toContain(reason);
    // Neither the secret nor a URL's token is echoed back.
    expect(result.err).not.toContain(SECRET);
    expect(result.err).not.toContain("url-token-123");
    expect((await stored())?.webhook).toBeNull();
  });

  it("refuses an unknown app", async () => {
    const result = await run("apps", "set", "nope", "--webhook-url", URL, "--webhook-secret", SECRET);
    expect(result.code).toBe(2);
    expect(result.err).toContain("no such app");
  });
});
