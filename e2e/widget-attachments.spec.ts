import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { connectNodeVisitor, makePng, type NodeVisitor } from "./fixtures/node-visitor.ts";
import { acceptOffer, signIn } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Files in the widget against the real relay, on the demo page under its strict CSP (img-src 'self'
// data:): the visitor attaches by picker, drop and paste, sees progress and previews; the agent sees
// them in the console and answers with files of its own; files over the limits never leave the page.

let relay: RunningRelay;
let nodeVisitor: NodeVisitor | undefined;
test.afterEach(async () => {
  nodeVisitor?.close();
  nodeVisitor = undefined;
  await relay?.stop();
});

/** Records CSP violations of the page into `violations`. */
async function watchCsp(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeFunction("reportViolation", (v: string) => violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
}

async function openWidget(page: Page) {
  await page.goto(`${relay.url}/`);
  await page.getByRole("button", { name: "Open chat" }).click();
  const panel = page.getByRole("dialog", { name: "Chat" });
  await expect(panel).toBeVisible();
  return panel;
}

/** A DataTransfer in the page holding one file with these bytes. */
function transferOf(page: Page, name: string, type: string, bytes: Uint8Array) {
  return page.evaluateHandle(
    ({ name, type, b64 }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      return transfer;
    },
    { name, type, b64: Buffer.from(bytes).toString("base64") },
  );
}

test("a visitor attaches images by picker, drop and paste, with progress and previews; the agent sees them and answers with files", async ({
  browser,
}) => {
  test.slow();
  relay = await startRelay();
  const violations: string[] = [];
  const visitorContext = await browser.newContext();
  await watchCsp(visitorContext, violations);
  const visitor = await visitorContext.newPage();
  const panel = await openWidget(visitor);

  // Picker, before any conversation exists: attaching starts it.
  const picked = makePng(8, [200, 30, 30]);
  await panel
    .getByLabel("Attach files")
    .setInputFiles({ name: "picked.png", mimeType: "image/png", buffer: Buffer.from(picked) });
  const dropped = await transferOf(visitor, "dropped.png", "image/png", makePng(10, [30, 200, 30]));
  await panel.dispatchEvent("dragover", { dataTransfer: dropped });
  await panel.dispatchEvent("drop", { dataTransfer: dropped });
  const pasted = await transferOf(visitor, "pasted.png", "image/png", makePng(12, [30, 30, 200]));
  await panel.getByRole("textbox", { name: "Message", exact: true }).evaluate((field, clipboardData) => {
    field.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, pasted);

  // Each file went out in a message of its own, shown with its preview (a data: URL).
  const mine = panel.locator('.rd-msg[data-author="visitor"]');
  await expect(mine.locator(".rd-file-name")).toHaveText(["picked.png", "dropped.png", "pasted.png"]);
  await expect(mine.locator("img.rd-img")).toHaveCount(3);
  const widths = () =>
    mine.locator("img.rd-img").evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
  await expect.poll(widths).toEqual([8, 10, 12]);
  expect(await mine.locator("img.rd-img").nth(1).getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  await expect(mine.last()).toHaveAttribute("data-status", "sent");

  // The agent sees the three images in the console.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, relay.url, relay.agentToken);
  await acceptOffer(agent);
  await agent.getByRole("region", { name: "Mine" }).getByRole("button").first().click();
  const inConsole = agent.locator(".message-visitor");
  await expect(inConsole.locator(".attachment-name")).toHaveText(["picked.png", "dropped.png", "pasted.png"]);
  await expect(inConsole.locator("img.attachment-preview").nth(2)).toHaveJSProperty("naturalWidth", 12);

  // The agent answers with an image and a text file: the widget previews one, offers the other.
  const notes = Buffer.from("Steps:\n1. open\n2. click\n");
  await agent.getByLabel("Attach files").setInputFiles([
    { name: "answer.png", mimeType: "image/png", buffer: Buffer.from(makePng(14, [1, 2, 3])) },
    { name: "notes.txt", mimeType: "text/plain", buffer: notes },
  ]);
  await expect(agent.getByRole("list", { name: "Files to send" }).locator("[data-status=ready]")).toHaveCount(
    2,
  );
  await agent.getByRole("textbox", { name: "Reply" }).fill("Here is **the fix**");
  await agent.getByRole("button", { name: "Send" }).click();
  const reply = panel.locator('.rd-msg[data-author="agent"]').filter({ hasText: "Here is the fix" });
  await expect(reply.locator("strong")).toHaveText("the fix");
  await expect(reply.locator("img.rd-img")).toHaveJSProperty("naturalWidth", 14);
  await expect(reply.locator(".rd-file-size")).toHaveText([/^\d+ B$/, `${notes.length} B`]);
  const download = visitor.waitForEvent("download");
  await reply.getByRole("button", { name: "Download notes.txt" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("notes.txt");
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(await file.path(), "utf8")).toBe(notes.toString());

  // Everything again after a reload, from the relay's history.
  await visitor.reload();
  await visitor.getByRole("button", { name: "Open chat" }).click();
  await expect.poll(widths).toEqual([8, 10, 12]);
  await expect(reply.locator("img.rd-img")).toHaveJSProperty("naturalWidth", 14);
  expect(violations).toEqual([]);
});

test("files dropped or pasted before the attachments chunk has arrived wait for it and go out", async ({
  page,
}) => {
  relay = await startRelay();
  // The chunk is held back until the files are in: a visitor quicker than the network.
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/chunks\/attachments-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const panel = await openWidget(page);
  await expect(panel.getByLabel("Attach files")).toHaveCount(0);
  const dropped = await transferOf(page, "early-drop.png", "image/png", makePng(6, [30, 200, 30]));
  await panel.dispatchEvent("dragover", { dataTransfer: dropped });
  const navigated = await panel.evaluate(
    (node, dataTransfer) =>
      !node.dispatchEvent(new DragEvent("drop", { dataTransfer, bubbles: true, cancelable: true })),
    dropped,
  );
  // The drop was taken (the browser does not open the file in place of the page).
  expect(navigated).toBe(true);
  const pasted = await transferOf(page, "early-paste.png", "image/png", makePng(7, [30, 30, 200]));
  await panel.getByRole("textbox", { name: "Message", exact: true }).evaluate((field, clipboardData) => {
    field.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
  }, pasted);
  release();
  const mine = panel.locator('.rd-msg[data-author="visitor"]');
  // Each file goes out in a message of its own, in the order it was attached.
  await expect(mine.locator(".rd-file-name")).toHaveText(["early-drop.png", "early-paste.png"]);
  await expect(mine.locator("img.rd-img")).toHaveCount(2);
  await expect(panel.getByRole("textbox", { name: "Message", exact: true })).toHaveValue("");
});

test("a large upload shows its progress, then its preview, and a file attached after it goes out after it", async ({
  browser,
}) => {
  test.slow();
  relay = await startRelay();
  const context = await browser.newContext();
  const page = await context.newPage();
  const panel = await openWidget(page);
  // Uploads slowed (CDP) so that the progress bar can be seen moving; lifted once it is done.
  const cdp = await context.newCDPSession(page);
  const throttle = (uploadThroughput: number) =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput,
    });
  await throttle(400 * 1024);
  // A 4-pixel PNG followed by padding: the relay types it by its first bytes, decoders ignore the rest.
  const big = new Uint8Array(1_200_000);
  big.set(makePng(4, [10, 10, 10]));
  // Every 20 ms, the bar's value while it is shown (recorded in the page: the upload is fast).
  await page.evaluate(() => {
    const w = window as unknown as { seen: number[] };
    w.seen = [];
    setInterval(() => {
      const bar = document.querySelector("relaydesk-widget")?.shadowRoot?.querySelector("progress");
      if (bar) w.seen.push(bar.value);
    }, 20);
  });
  await panel
    .getByLabel("Attach files")
    .setInputFiles({ name: "big.png", mimeType: "image/png", buffer: Buffer.from(big) });
  // A small file attached while the big one is on its way: uploaded at once, sent after it.
  await expect(panel.getByRole("progressbar", { name: "Uploading big.png" })).toBeVisible();
  await panel
    .getByLabel("Attach files")
    .setInputFiles({ name: "small.png", mimeType: "image/png", buffer: Buffer.from(makePng(2, [0, 0, 0])) });
  await expect(panel.getByRole("progressbar", { name: "Uploading big.png" })).toHaveCount(0, {
    timeout: 30_000,
  });
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  await throttle(-1);
  // The bar was shown and moved off zero (how many steps Chromium reports depends on its buffering).
  expect(seen.length).toBeGreaterThan(0);
  expect(Math.max(...seen)).toBeGreaterThan(0);
  const mine = panel.locator('.rd-msg[data-author="visitor"]');
  await expect(mine.locator(".rd-file-name")).toHaveText(["big.png", "small.png"]);
  await expect(mine.locator(".rd-file-size").first()).toHaveText("1.2 MB");
  await expect(mine.locator("img.rd-img").first()).toHaveJSProperty("naturalWidth", 4, { timeout: 30_000 });
});

test("files over the size limit or of a refused type never leave the widget, and the relay refuses them too", async ({
  page,
}) => {
  test.slow();
  relay = await startRelay();
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/v1/uploads")) uploads.push(r.url());
  });
  const panel = await openWidget(page);
  // Made in the page (handing 10 MB to setInputFiles takes long): dropped on the panel.
  const huge = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(10 * 1024 * 1024 + 1)], "huge.png", { type: "image/png" }));
    return transfer;
  });
  await panel.dispatchEvent("drop", { dataTransfer: huge });
  await expect(panel.getByRole("alert")).toHaveText("huge.png is larger than 10 MB, the most we accept");
  await panel.getByLabel("Attach files").setInputFiles({
    name: "page.html",
    mimeType: "text/html",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await expect(panel.getByRole("alert")).toHaveText(
    "page.html is not a type we accept (images, PDF or plain text)",
  );
  expect(uploads).toEqual([]);
  await expect(panel.locator(".rd-msg")).toHaveCount(0);

  // A type the browser cannot tell (no extension) goes to the relay, which sniffs the bytes and
  // refuses markup: the file stays listed as failed, with Retry (it fails again) and Remove.
  await panel.getByLabel("Attach files").setInputFiles({
    name: "page",
    mimeType: "",
    buffer: Buffer.from("<svg onload=alert(1)></svg>"),
  });
  const failed = panel.getByRole("list", { name: "Files being sent" }).locator('[data-status="failed"]');
  await expect(failed).toContainText("page is not a type we accept (images, PDF or plain text)");
  expect(uploads).toHaveLength(1);
  await failed.getByRole("button", { name: "Retry" }).click();
  await expect.poll(() => uploads.length).toBe(2);
  await expect(failed).toContainText("page is not a type we accept");
  await failed.getByRole("button", { name: "Remove" }).click();
  await expect(panel.getByRole("list", { name: "Files being sent" })).toHaveCount(0);

  // Forced past the widget: the relay refuses both on its own.
  nodeVisitor = await connectNodeVisitor(relay.url);
  const started = await nodeVisitor.request({ type: "start-conversation" });
  if (started.type !== "conversation") throw new Error(JSON.stringify(started));
  const oversized = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41);
  // The relay answers 413 and stops reading at the limit; Node's fetch, still sending, may report
  // only that the connection ended.
  await expect(nodeVisitor.upload(started.conversation.id, "huge.png", oversized)).rejects.toThrow(
    /upload-too-large|larger|fetch failed/,
  );
  await expect(
    nodeVisitor.upload(
      started.conversation.id,
      "page.html",
      Buffer.from("<html><script>alert(1)</script></html>"),
    ),
  ).rejects.toThrow(/upload-type-not-allowed|HTML/);
});
