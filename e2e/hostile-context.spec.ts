import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { HOSTILE_CORPUS } from "./fixtures/hostile-corpus.ts";
import { connectNodeVisitor } from "./fixtures/node-visitor.ts";
import { signIn } from "./fixtures/pages.ts";
import { type RunningRelay, startRelay } from "./fixtures/relay.ts";
import { clickEveryLink, trapped } from "./fixtures/trap.ts";

// Issue "Security", item 5, for what agents see of the visitor: every hostile payload as an
// identified visitor's name, email and user id (identify with an HMAC signature made here), as the
// file name of an attachment, and as the page the visitor wrote from. None of it runs in the
// console, every link stays http(s) or mailto, and the text is shown as it was sent.

let relay: RunningRelay;
test.afterEach(async () => {
  await relay?.stop();
});

/** The longest prefix of whole code points that fits `max` UTF-16 units (the protocol's limits). */
const cut = (text: string, max: number) => {
  let out = "";
  for (const c of text) {
    if (out.length + c.length > max) break;
    out += c;
  }
  return out;
};
// User ids may hold anything but control characters; the payload id keeps each one distinct.
const userIdOf = (text: string, id: string) => `${cut(text.replace(/\p{Cc}/gu, ""), 240)} #${id}`;

const CHUNKS = 3;
for (let chunk = 0; chunk < CHUNKS; chunk++) {
  test(`payloads as visitor name, email, user id, file name and page stay text (part ${chunk + 1})`, async ({
    browser,
  }) => {
    test.slow();
    relay = await startRelay({ identitySecret: true });
    const secret = relay.identitySecret!;
    const payloads = HOSTILE_CORPUS.filter((_, i) => i % CHUNKS === chunk);
    const sent = new Map<string, { name: string; email: string; userId: string; fileName: string }>();
    for (const { id, text } of payloads) {
      const visitor = await connectNodeVisitor(relay.url, { url: cut(text, 2048), title: cut(text, 512) });
      const userId = userIdOf(text, id);
      const name = cut(text, 120);
      const email = cut(text, 254);
      const identified = await visitor.request({
        type: "identify",
        userId,
        signature: createHmac("sha256", secret).update(userId, "utf8").digest("hex"),
        profile: { name, email },
      });
      expect(identified.type, JSON.stringify(identified)).toBe("identified");
      const started = await visitor.request({ type: "start-conversation" });
      if (started.type !== "conversation") throw new Error(JSON.stringify(started));
      const file = await visitor.upload(
        started.conversation.id,
        cut(text, 1000),
        Buffer.from(`file of ${id}\n`),
      );
      const ack = await visitor.request({
        type: "send-message",
        conversationId: started.conversation.id,
        clientMsgId: `m-${id}`,
        body: `hello from ${id}.`,
        attachments: [file.id],
      });
      expect(ack.type, JSON.stringify(ack)).toBe("ack");
      sent.set(id, { name, email, userId, fileName: file.name });
      visitor.close();
    }

    const pwned: string[] = [];
    const context = await browser.newContext({ acceptDownloads: true });
    await trapped(context, pwned);
    const agent = await context.newPage();
    await signIn(agent, relay.url, relay.agentToken);
    // They wait (offered to the agent): the All view lists them, whoever holds them.
    await agent.getByRole("tab", { name: /^All/ }).click();
    const panel = agent.getByRole("region", { name: "Visitor" });
    for (const { id } of payloads) {
      const expected = sent.get(id)!;
      const item = agent.getByRole("button").filter({ hasText: `hello from ${id}.` });
      // The inbox names the visitor (as text, trimmed).
      await expect(item.locator(".inbox-item-visitor")).toHaveText(expected.name.trim() || /^Visitor /);
      await item.click();
      await expect(panel.locator("[data-field=user-id]")).toHaveText(expected.userId, {
        useInnerText: false,
      });
      expect(await panel.locator("[data-field=name]").textContent()).toBe(expected.name || "Visitor");
      expect(await panel.locator("[data-field=email]").textContent()).toBe(expected.email);
      expect(await panel.locator("[data-field=user-id]").textContent()).toBe(expected.userId);
      await expect(panel.locator("[data-field=identity]")).toHaveText("Unverified");
      const message = agent.locator(".message-visitor").filter({ hasText: `hello from ${id}.` });
      expect(await message.locator(".attachment-name").textContent()).toBe(expected.fileName);
      const download = agent.waitForEvent("download");
      await message.getByRole("button", { name: /^Download / }).click();
      expect((await download).suggestedFilename()).not.toBe("");
      await clickEveryLink(agent);
    }
    await agent.reload();
    await expect(agent.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
    await clickEveryLink(agent);
    expect(pwned).toEqual([]);
    await context.close();
  });
}
