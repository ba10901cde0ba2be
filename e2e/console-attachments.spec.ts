import { expect, test } from "@playwright/test";
import { connectNodeVisitor, makePng, type NodeVisitor } from "./fixtures/node-visitor.ts";
import { acceptOffer, signIn } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";

// Files in the console against the real relay: the agent attaches files (picker and drag and drop)
// and the visitor receives them over the protocol; a visitor's image shows as a preview.

let relay: RunningRelay;
let visitor: NodeVisitor | undefined;
test.afterEach(async () => {
  visitor?.close();
  await relay?.stop();
});

async function visitorWithConversation(): Promise<{ visitor: NodeVisitor; conversationId: string }> {
  const v = await connectNodeVisitor(relay.url);
  const started = await v.request({ type: "start-conversation" });
  if (started.type !== "conversation") throw new Error(JSON.stringify(started));
  const sent = await v.request({
    type: "send-message",
    conversationId: started.conversation.id,
    clientMsgId: "hello-1",
    body: "I need a file",
  });
  if (sent.type !== "ack") throw new Error(JSON.stringify(sent));
  return { visitor: v, conversationId: started.conversation.id };
}

test("the agent attaches files by picker and by drop; the visitor receives them and their bytes", async ({
  page,
}) => {
  relay = await startRelay();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  const opened = await visitorWithConversation();
  visitor = opened.visitor;
  await signIn(page, relay.url, relay.agentToken);
  await acceptOffer(page, "I need a file");

  const notes = Buffer.from("Steps to reproduce:\n1. open\n2. click\n");
  await page
    .getByLabel("Attach files")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: notes });
  const png = makePng(6, [200, 30, 30]);
  const dropped = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "dropped.png", { type: "image/png" }));
    return transfer;
  }, Buffer.from(png).toString("base64"));
  const form = page.locator("form.reply");
  await form.dispatchEvent("dragover", { dataTransfer: dropped });
  await form.dispatchEvent("drop", { dataTransfer: dropped });
  // The relay sniffs bytes: an HTML file is refused, and the console says so in words.
  await page.getByLabel("Attach files").setInputFiles({
    name: "page.html",
    mimeType: "text/html",
    buffer: Buffer.from("<html><body>hi</body></html>"),
  });

  const files = page.getByRole("list", { name: "Files to send" });
  await expect(files.locator("[data-status=ready]")).toHaveCount(2);
  await expect(files.locator("[data-status=failed]")).toContainText(
    "page.html is not a type the relay accepts (images, PDF or plain text)",
  );
  await page.getByRole("textbox", { name: "Reply" }).fill("Here are the files");
  await page.getByRole("button", { name: "Send" }).click();

  const received = await visitor.waitFor(
    (f) => f.type === "message-created" && f.message.author.kind === "agent" && !!f.message.attachments,
  );
  if (received.type !== "message-created") throw new Error("unreachable");
  expect(received.message.body).toBe("Here are the files");
  expect(received.message.attachments?.map((a) => [a.name, a.type, a.size])).toEqual([
    ["notes.txt", "text/plain", notes.length],
    ["dropped.png", "image/png", png.length],
  ]);
  const [first, second] = received.message.attachments ?? [];
  expect(Buffer.from(await visitor.download(first!.id))).toEqual(notes);
  expect(Buffer.from(await visitor.download(second!.id))).toEqual(Buffer.from(png));

  // The agent's own message shows both files, the image as a preview; the refused one stays listed.
  const own = page.locator(".message-own").filter({ hasText: "Here are the files" });
  await expect(own.locator(".attachment-name")).toHaveText(["notes.txt", "dropped.png"]);
  await expect(own.locator("img.attachment-preview")).toHaveJSProperty("naturalWidth", 6);
  await expect(files.locator("[data-status]")).toHaveCount(1);
  expect(cspErrors).toEqual([]);
});

test("a visitor's image shows as a preview, and a file downloads under its name", async ({ page }) => {
  relay = await startRelay();
  const cspErrors: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  const opened = await visitorWithConversation();
  visitor = opened.visitor;
  const png = makePng(12, [20, 120, 220]);
  const image = await visitor.upload(opened.conversationId, "screen shot.png", png);
  const text = await visitor.upload(opened.conversationId, "log.txt", Buffer.from("error at line 3\n"));
  await visitor.request({
    type: "send-message",
    conversationId: opened.conversationId,
    clientMsgId: "files-1",
    body: "see attached",
    attachments: [image.id, text.id],
  });

  await signIn(page, relay.url, relay.agentToken);
  await acceptOffer(page, "see attached");
  const message = page.locator(".message-visitor").filter({ hasText: "see attached" });
  const preview = message.locator("img.attachment-preview");
  await expect(preview).toHaveJSProperty("naturalWidth", 12);
  expect(await preview.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  await expect(message.locator(".attachment-size")).toHaveText([`${png.length} B`, "16 B"]);

  const download = page.waitForEvent("download");
  await message.getByRole("button", { name: "Download log.txt" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("log.txt");
  const path = await file.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(path, "utf8")).toBe("error at line 3\n");
  // The console served under its CSP (img-src 'self' data:) without a violation.
  const csp = (await page.request.get(`${relay.url}/console`)).headers()["content-security-policy"];
  expect(csp).toContain("img-src 'self' data:");
  expect(cspErrors).toEqual([]);
});
