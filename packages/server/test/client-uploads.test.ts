import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type RelaydeskClient, RelaydeskError } from "@relaydesk/client";
import { uploadFile } from "@relaydesk/client/upload-file";
import type { Message } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { APP_ID, type Harness, ORIGIN, startHarness } from "./relay-harness.ts";

/** Node's `ws` with the Origin header a browser on the vendor's page would send. */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: ORIGIN });
  }
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

let harness: Harness;
let uploadsDir: string;
const clients: RelaydeskClient[] = [];
beforeEach(async () => {
  uploadsDir = mkdtempSync(join(tmpdir(), "relaydesk-client-uploads-"));
  harness = await startHarness({ uploadsDir, uploads: { maxBytes: 1024 } });
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness.stop();
  rmSync(uploadsDir, { recursive: true, force: true });
});

function client(auth: Parameters<typeof createClient>[0]["auth"]): RelaydeskClient {
  const made = createClient({
    url: harness.relay.url,
    auth,
    // Visitors come from the vendor's page; an agent here is a bot (no Origin: agent sockets
    // accept only the relay's own origin from browsers).
    WebSocket: auth.role === "visitor" ? PageWebSocket : WebSocket,
    requestTimeoutMs: 2_000,
  });
  clients.push(made);
  return made;
}

const welcomed = (c: RelaydeskClient) =>
  new Promise<{ visitorToken?: string | undefined }>((resolve) => c.on("welcome", resolve));

describe("uploadFile and sendMessage with attachments", () => {
  it("uploads a Blob and a Uint8Array, sends them, and the agent gets the message with both", async () => {
    const visitor = client({ role: "visitor", appId: APP_ID });
    const as = { url: harness.relay.url, appId: APP_ID, token: (await welcomed(visitor)).visitorToken! };
    const conversation = await visitor.startConversation();
    const image = await uploadFile(as, conversation.id, PNG, "screen.png");
    const notes = await uploadFile(as, conversation.id, new Blob(["steps to reproduce\n"]), "notes.txt");
    expect(image).toEqual({ id: image.id, name: "screen.png", type: "image/png", size: PNG.length });
    expect(notes).toMatchObject({ name: "notes.txt", type: "text/plain", size: 19 });

    const { token } = await harness.addAgent("Ada");
    const agent = client({ role: "agent", agentToken: token });
    const received = new Promise<Message>((resolve) =>
      agent.on("message", (m) => m.attachments && resolve(m)),
    );
    await welcomed(agent);
    const ack = await visitor.sendMessage(conversation.id, "", { attachments: [image.id, notes.id] });
    expect(ack.duplicate).toBe(false);
    expect((await received).attachments).toEqual([image, notes]);

    // The agent replies with a file of its own.
    const asAgent = { url: harness.wsUrl.replace(/\/v1\/ws$/, ""), token };
    const reply = await uploadFile(asAgent, conversation.id, new Blob(["%PDF-1.4\n"]), "invoice.pdf");
    expect(reply.type).toBe("application/pdf");
  });

  it("rejects with a readable RelaydeskError carrying the relay's code", async () => {
    const visitor = client({ role: "visitor", appId: APP_ID });
    const as = { url: harness.relay.url, appId: APP_ID, token: (await welcomed(visitor)).visitorToken! };
    const conversation = await visitor.startConversation();
    const html = uploadFile(as, conversation.id, new Blob(["<html><script>x</script>"]), "cat.png");
    await expect(html).rejects.toBeInstanceOf(RelaydeskError);
    await expect(html).rejects.toMatchObject({
      code: "upload-type-not-allowed",
      retry: false,
      message: expect.stringMatching(/^uploadFile: the file is HTML, SVG or XML/),
    });
    await expect(
      uploadFile(as, conversation.id, new Uint8Array(2048).fill(65), "big.txt"),
    ).rejects.toMatchObject({
      code: "upload-too-large",
    });
    await expect(uploadFile(as, "cnv_not_mine", PNG, "a.png")).rejects.toMatchObject({ code: "not-found" });
    await expect(uploadFile({ ...as, token: "" }, conversation.id, PNG, "a.png")).rejects.toMatchObject({
      code: "bad-request",
      retry: false,
    });
    await expect(
      uploadFile({ ...as, url: "http://127.0.0.1:1" }, conversation.id, PNG, "a.png"),
    ).rejects.toMatchObject({
      code: "internal",
      retry: true,
    });
    await expect(visitor.sendMessage(conversation.id, "")).rejects.toMatchObject({ code: "bad-frame" });
    await expect(
      visitor.sendMessage(conversation.id, "x", { attachments: ["upl_AAAAAAAAAAAAAAAAAAAAAA"] }),
    ).rejects.toMatchObject({ code: "invalid-attachment" });
  });
});
