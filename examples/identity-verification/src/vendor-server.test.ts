import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type IdentifyClaim, type RelaydeskClient } from "@relaydesk/client";
import {
  createMemoryBus,
  createRelay,
  createSqliteStorage,
  type Relay,
  type SqliteStorage,
} from "@relaydesk/server";
import { afterEach, beforeEach, expect, it } from "vitest";
import { WebSocket } from "ws";
import { signUserId } from "./sign-identity.ts";
import { startVendorServer, type VendorServer } from "./vendor-server.ts";

// What `relaydesk apps secret --app acme` would have printed.
const SECRET = randomBytes(32).toString("base64url");

let dir: string;
let relay: Relay;
let storage: SqliteStorage;
let vendor: VendorServer;
let stopBus: () => Promise<void>;
const clients: RelaydeskClient[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "relaydesk-identity-"));
  storage = createSqliteStorage({ path: join(dir, "relaydesk.sqlite") });
  const bus = createMemoryBus();
  stopBus = () => bus.close();
  relay = await createRelay({ storage, bus, port: 0 });
  vendor = await startVendorServer({ relayUrl: relay.url, appId: "acme", secret: SECRET, port: 0 });
  await storage.putApp({
    appId: "acme",
    name: "Acme",
    allowedOrigins: [vendor.url],
    createdAt: 1,
    identitySecrets: [{ secret: SECRET, createdAt: 1, expiresAt: null }],
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await vendor.close();
  await relay.close();
  await stopBus();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A visitor in a browser on the vendor's page (Node's WebSocket sends no Origin of its own). */
function browser(): RelaydeskClient {
  const origin = vendor.url;
  class VendorPageSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { Origin: origin } });
    }
  }
  const client = createClient({
    url: relay.url,
    auth: { role: "visitor", appId: "acme" },
    WebSocket: VendorPageSocket,
  });
  clients.push(client);
  return client;
}

const claimFromVendor = async (mode = ""): Promise<IdentifyClaim> =>
  (await fetch(`${vendor.url}/relaydesk-identity${mode}`)).json() as Promise<IdentifyClaim>;

it("identifies a visitor with the example's HMAC signature, then the same user in a second browser with its JWT", async () => {
  const laptop = browser();
  const conversation = await laptop.startConversation();
  await laptop.sendMessage(conversation.id, "I signed in, where is my invoice?");

  const hmac = await claimFromVendor();
  expect(hmac).toMatchObject({ userId: "user-42", signature: signUserId("user-42", SECRET) });
  const first = await laptop.identify(hmac);
  expect(first).toMatchObject({ type: "identified", userId: "user-42", carried: [conversation.id] });
  expect(first.self.name).toBe("Ada Lovelace");

  const phone = browser();
  const second = await phone.identify(await claimFromVendor("?mode=jwt"));
  expect(second.visitorId).toBe(first.visitorId);
  expect((await phone.listConversations()).map((c) => c.id)).toEqual([conversation.id]);
  expect(await storage.findVisitorByUserId("acme", "user-42")).toMatchObject({
    profile: { name: "Ada Lovelace", email: "ada@example.com", verified: true },
  });
});

it("rejects a signature made with another secret, and creates no visitor for that user", async () => {
  const visitor = browser();
  const forged = { userId: "user-42", signature: signUserId("user-42", "not-the-app-secret") };
  await expect(visitor.identify(forged)).rejects.toMatchObject({
    code: "identity-invalid",
    message: "signature does not match userId under this app's identity secret",
  });
  expect(await storage.findVisitorByUserId("acme", "user-42")).toBeNull();
});

it("serves a page that embeds the widget and hands it the claim, never the secret", async () => {
  for (const mode of ["", "?mode=jwt"]) {
    const html = await (await fetch(`${vendor.url}/${mode}`)).text();
    expect(html).toContain(`<script async src="${relay.url}/widget/loader.js" data-app-id="acme"></script>`);
    expect(html).toContain('<script type="application/json" id="relaydesk-identity">');
    expect(html).toContain(mode ? '"jwt":"' : `"signature":"${signUserId("user-42", SECRET)}"`);
    expect(html).not.toContain(SECRET);
  }
  const script = await (await fetch(`${vendor.url}/identify.js`)).text();
  expect(script).toContain('window.Relaydesk("identify", claim)');
});
