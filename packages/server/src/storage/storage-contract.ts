import type { Author, Conversation } from "@relaydesk/sdk-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RelaydeskError } from "../errors.ts";
import type { App, NewMessage, NewUpload, Storage } from "./types.ts";

export interface StorageUnderTest {
  storage: Storage;
  /** Release what `create` made (files, schemas); called after each test, also after `close()`. */
  cleanup: () => Promise<void>;
}

const T0 = 1_700_000_000_000;
const VISITOR: Author = { kind: "visitor", id: "vis_1" };
const AGENT: Author = { kind: "agent", id: "agt_1", name: "Ada" };

/**
 * The behaviour every `Storage` implementation must have. Run it from the implementation's test
 * file; `create` gives each test a fresh, empty storage.
 *
 * @example
 * describeStorageContract("sqlite", async () => {
 *   const dir = await mkdtemp(join(tmpdir(), "relaydesk-"));
 *   const storage = createSqliteStorage({ path: join(dir, "db.sqlite") });
 *   return { storage, cleanup: async () => { await storage.close(); await rm(dir, { recursive: true }); } };
 * });
 */
export function describeStorageContract(name: string, create: () => Promise<StorageUnderTest>): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ storage, cleanup } = await create());
    });
    afterEach(async () => {
      await cleanup();
    });

    const app = (appId: string, overrides: Partial<App> = {}): App => ({
      appId,
      name: `App ${appId}`,
      allowedOrigins: ["https://example.com"],
      createdAt: T0,
      identitySecrets: [],
      requireIdentity: false,
      prechat: null,
      webhook: null,
      ...overrides,
    });

    /** An app with one visitor and one open conversation, the usual start of a message test. */
    async function conversation(id = "cnv_1", appId = "app1", visitorId = "vis_1"): Promise<Conversation> {
      if (!(await storage.getApp(appId))) await storage.putApp(app(appId));
      if (!(await storage.findVisitorByTokenHash(appId, `hash-${visitorId}`))) {
        await storage.createVisitor({ id: visitorId, appId, tokenHash: `hash-${visitorId}`, createdAt: T0 });
      }
      return storage.createConversation({
        id,
        appId,
        visitorId,
        status: "open",
        createdAt: T0,
        attributes: { pageUrl: "https://example.com/pricing" },
      });
    }

    const message = (n: number, overrides: Partial<NewMessage> = {}): NewMessage => ({
      id: `msg_${n}`,
      conversationId: "cnv_1",
      clientMsgId: `c${n}`,
      author: VISITOR,
      kind: "text",
      body: `hello ${n}`,
      createdAt: T0 + n,
      ...overrides,
    });

    describe("apps", () => {
      it("stores an app and reads it back; an unknown app is null", async () => {
        await storage.putApp(app("app1", { allowedOrigins: ["https://a.example", "http://localhost:*"] }));
        expect(await storage.getApp("app1")).toEqual(
          app("app1", { allowedOrigins: ["https://a.example", "http://localhost:*"] }),
        );
        expect(await storage.getApp("nope")).toBeNull();
      });

      it("replaces an app put again under the same appId", async () => {
        await storage.putApp(app("app1"));
        await storage.putApp(app("app1", { name: "Renamed", allowedOrigins: ["https://b.example"] }));
        expect(await storage.getApp("app1")).toMatchObject({
          name: "Renamed",
          allowedOrigins: ["https://b.example"],
        });
        expect(await storage.listApps()).toHaveLength(1);
      });

      it("lists every app ordered by appId", async () => {
        await storage.putApp(app("beta"));
        await storage.putApp(app("alpha"));
        await storage.putApp(app("gamma"));
        expect((await storage.listApps()).map((a) => a.appId)).toEqual(["alpha", "beta", "gamma"]);
      });
    });

    describe("agents", () => {
      /** An agent of `app1` (created if missing), the usual start of an agent test. */
      async function agent(id: string, name: string, tokenHash: string, createdAt = T0) {
        if (!(await storage.getApp("app1"))) await storage.putApp(app("app1"));
        return storage.createAgent({ id, name, tokenHash, role: "agent", appIds: ["app1"], createdAt });
      }

      it("finds an agent by its token hash only, never by the raw token or another hash", async () => {
        const created = await agent("agt_1", "Ada", "h-ada");
        expect(created).toEqual({
          id: "agt_1",
          name: "Ada",
          role: "agent",
          appIds: ["app1"],
          createdAt: T0,
          capacity: null,
          skills: [],
        });
        expect(await storage.findAgentByTokenHash("h-ada")).toEqual(created);
        expect(await storage.findAgentByTokenHash("rda_raw-token")).toBeNull();
        expect(await storage.findAgentByTokenHash("h-other")).toBeNull();
        expect(await storage.getAgent(created.id)).toEqual(created);
        expect(await storage.getAgent("agt_missing")).toBeNull();
      });

      it("lists agents oldest first", async () => {
        await agent("agt_b", "Bo", "h-b", T0 + 1);
        await agent("agt_a", "Al", "h-a", T0 + 2);
        await agent("agt_c", "Cy", "h-c", T0);
        expect((await storage.listAgents()).map((a) => a.name)).toEqual(["Cy", "Bo", "Al"]);
      });

      it("rejects a second agent with a token hash already in use", async () => {
        await agent("agt_1", "Ada", "h-same");
        await expect(agent("agt_2", "Bob", "h-same")).rejects.toMatchObject({ code: "conflict" });
        expect(await storage.listAgents()).toHaveLength(1);
      });

      it("rotates a token so that only the new hash signs in", async () => {
        await agent("agt_1", "Ada", "h-old");
        expect(await storage.rotateAgentToken("agt_1", "h-new")).toEqual({
          id: "agt_1",
          name: "Ada",
          role: "agent",
          appIds: ["app1"],
          createdAt: T0,
          capacity: null,
          skills: [],
        });
        expect(await storage.findAgentByTokenHash("h-old")).toBeNull();
        expect(await storage.findAgentByTokenHash("h-new")).toMatchObject({ id: "agt_1" });
        expect(await storage.rotateAgentToken("agt_missing", "h-x")).toBeNull();
      });

      it("keeps each agent's role and apps, ordered by appId, with duplicates ignored", async () => {
        await storage.putApp(app("beta"));
        await storage.putApp(app("alpha"));
        await storage.putApp(app("gamma"));
        const both = await storage.createAgent({
          id: "agt_1",
          name: "Ada",
          tokenHash: "h-ada",
          role: "admin",
          appIds: ["beta", "alpha", "beta"],
          createdAt: T0,
        });
        await storage.createAgent({
          id: "agt_2",
          name: "Bob",
          tokenHash: "h-bob",
          role: "agent",
          appIds: ["gamma"],
          createdAt: T0 + 1,
        });
        expect(both).toMatchObject({ role: "admin", appIds: ["alpha", "beta"] });
        expect(await storage.findAgentByTokenHash("h-bob")).toMatchObject({
          role: "agent",
          appIds: ["gamma"],
        });
        expect((await storage.listAgents()).map((a) => [a.id, a.role, a.appIds])).toEqual([
          ["agt_1", "admin", ["alpha", "beta"]],
          ["agt_2", "agent", ["gamma"]],
        ]);
      });

      it("rejects an agent without apps or with an app that does not exist, and stores nothing", async () => {
        await storage.putApp(app("app1"));
        const input = { id: "agt_1", name: "Ada", tokenHash: "h-ada", role: "agent" as const, createdAt: T0 };
        await expect(storage.createAgent({ ...input, appIds: [] })).rejects.toMatchObject({
          code: "invalid-option",
        });
        await expect(storage.createAgent({ ...input, appIds: ["app1", "ghost"] })).rejects.toMatchObject({
          code: "not-found",
        });
        expect(await storage.listAgents()).toEqual([]);
        expect(await storage.findAgentByTokenHash("h-ada")).toBeNull();
        // The failed attempts left nothing behind that would block the same agent now.
        expect(await storage.createAgent({ ...input, appIds: ["app1"] })).toMatchObject({ appIds: ["app1"] });
      });

      it("returns copies of an agent's apps", async () => {
        const created = await agent("agt_1", "Ada", "h-ada");
        created.appIds.push("app2");
        const found = (await storage.findAgentByTokenHash("h-ada"))!;
        found.appIds.push("app3");
        expect((await storage.listAgents())[0]?.appIds).toEqual(["app1"]);
      });
    });

    describe("visitors", () => {
      it("finds a visitor only within its own app", async () => {
        await storage.putApp(app("app1"));
        await storage.putApp(app("app2"));
        const visitor = await storage.createVisitor({
          id: "vis_1",
          appId: "app1",
          tokenHash: "h-v",
          createdAt: T0,
        });
        expect(visitor).toEqual({ id: "vis_1", appId: "app1", createdAt: T0 });
        expect(await storage.findVisitorByTokenHash("app1", "h-v")).toEqual(visitor);
        expect(await storage.findVisitorByTokenHash("app2", "h-v")).toBeNull();
        expect(await storage.findVisitorByTokenHash("app1", "h-other")).toBeNull();
      });

      it("keeps two apps' visitors apart even when their token hashes are equal", async () => {
        await storage.putApp(app("app1"));
        await storage.putApp(app("app2"));
        await storage.createVisitor({ id: "vis_1", appId: "app1", tokenHash: "h-v", createdAt: T0 });
        await storage.createVisitor({ id: "vis_2", appId: "app2", tokenHash: "h-v", createdAt: T0 });
        expect(await storage.findVisitorByTokenHash("app2", "h-v")).toMatchObject({ id: "vis_2" });
        await expect(
          storage.createVisitor({ id: "vis_3", appId: "app1", tokenHash: "h-v", createdAt: T0 }),
        ).rejects.toMatchObject({ code: "conflict" });
      });

      it("rejects a visitor of an app that does not exist", async () => {
        await expect(
          storage.createVisitor({ id: "vis_1", appId: "ghost", tokenHash: "h-v", createdAt: T0 }),
        ).rejects.toMatchObject({ code: "not-found" });
      });
    });

    describe("identity", () => {
      const secret = (n: number, expiresAt: number | null = null) => ({
        secret: `secret-${n}`,
        createdAt: T0 + n,
        expiresAt,
      });

      it("round-trips an app's identity secrets and requireIdentity", async () => {
        await storage.putApp(
          app("app1", { identitySecrets: [secret(1, T0 + 99), secret(2)], requireIdentity: true }),
        );
        expect(await storage.getApp("app1")).toMatchObject({
          identitySecrets: [secret(1, T0 + 99), secret(2)],
          requireIdentity: true,
        });
        expect((await storage.listApps())[0]).toMatchObject({ requireIdentity: true });
      });

      it("gives a new app no secrets, and keeps an app's identity settings when put again without them", async () => {
        const { identitySecrets: _s, requireIdentity: _r, ...bare } = app("app1");
        await storage.putApp(bare);
        expect(await storage.getApp("app1")).toMatchObject({ identitySecrets: [], requireIdentity: false });
        await storage.putApp(app("app1", { identitySecrets: [secret(1)], requireIdentity: true }));
        await storage.putApp({ ...bare, allowedOrigins: ["https://b.example"] });
        expect(await storage.getApp("app1")).toMatchObject({
          allowedOrigins: ["https://b.example"],
          identitySecrets: [secret(1)],
          requireIdentity: true,
        });
        await storage.putApp(app("app1", { identitySecrets: [], requireIdentity: false }));
        expect(await storage.getApp("app1")).toMatchObject({ identitySecrets: [], requireIdentity: false });
      });

      it("creates an identified visitor with a profile and finds it by user id within its app only", async () => {
        await storage.putApp(app("app1"));
        await storage.putApp(app("app2"));
        const profile = { name: "Ada", email: "ada@example.com", verified: true };
        const created = await storage.createVisitor({
          id: "vis_u",
          appId: "app1",
          tokenHash: "h-u",
          createdAt: T0,
          userId: "user-42",
          profile,
        });
        expect(created).toEqual({ id: "vis_u", appId: "app1", createdAt: T0, userId: "user-42", profile });
        expect(await storage.findVisitorByUserId("app1", "user-42")).toEqual(created);
        expect(await storage.findVisitorByTokenHash("app1", "h-u")).toEqual(created);
        expect(await storage.findVisitorByUserId("app2", "user-42")).toBeNull();
        expect(await storage.findVisitorByUserId("app1", "user-43")).toBeNull();
        // The same user id is another user in another app.
        await storage.createVisitor({
          id: "vis_u2",
          appId: "app2",
          tokenHash: "h-u2",
          createdAt: T0,
          userId: "user-42",
        });
        await expect(
          storage.createVisitor({
            id: "vis_u3",
            appId: "app1",
            tokenHash: "h-u3",
            createdAt: T0,
            userId: "user-42",
          }),
        ).rejects.toMatchObject({ code: "conflict" });
        expect(await storage.findVisitorByTokenHash("app1", "h-u3")).toBeNull();
      });

      it("gives a visitor a token per browser and revokes one without touching the others", async () => {
        await storage.putApp(app("app1"));
        await storage.putApp(app("app2"));
        await storage.createVisitor({ id: "vis_1", appId: "app1", tokenHash: "h-a", createdAt: T0 });
        await storage.addVisitorToken({
          appId: "app1",
          visitorId: "vis_1",
          tokenHash: "h-b",
          createdAt: T0 + 1,
        });
        expect(await storage.findVisitorByTokenHash("app1", "h-b")).toMatchObject({ id: "vis_1" });
        expect(await storage.revokeVisitorToken("app1", "h-a")).toBe(true);
        expect(await storage.revokeVisitorToken("app1", "h-a")).toBe(false);
        expect(await storage.revokeVisitorToken("app2", "h-b")).toBe(false);
        expect(await storage.findVisitorByTokenHash("app1", "h-a")).toBeNull();
        expect(await storage.findVisitorByTokenHash("app1", "h-b")).toMatchObject({ id: "vis_1" });
        await expect(
          storage.addVisitorToken({ appId: "app1", visitorId: "vis_1", tokenHash: "h-b", createdAt: T0 }),
        ).rejects.toMatchObject({ code: "conflict" });
        await expect(
          storage.addVisitorToken({ appId: "app2", visitorId: "vis_1", tokenHash: "h-c", createdAt: T0 }),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(
          storage.addVisitorToken({ appId: "app1", visitorId: "vis_ghost", tokenHash: "h-d", createdAt: T0 }),
        ).rejects.toMatchObject({ code: "not-found" });
      });

      it("replaces and clears a visitor's profile", async () => {
        await storage.putApp(app("app1"));
        await storage.createVisitor({
          id: "vis_1",
          appId: "app1",
          tokenHash: "h",
          createdAt: T0,
          userId: "u",
        });
        const profile = { name: "Bo", verified: false };
        expect(await storage.updateVisitorProfile("vis_1", profile)).toMatchObject({ userId: "u", profile });
        expect((await storage.findVisitorByUserId("app1", "u"))?.profile).toEqual(profile);
        expect(await storage.updateVisitorProfile("vis_1", null)).toEqual({
          id: "vis_1",
          appId: "app1",
          createdAt: T0,
          userId: "u",
        });
        expect(await storage.updateVisitorProfile("vis_ghost", profile)).toBeNull();
      });

      it("gives every conversation its visitor's current identity, wherever it is read", async () => {
        await conversation("cnv_1", "app1", "vis_anon");
        await storage.createVisitor({
          id: "vis_user",
          appId: "app1",
          tokenHash: "hash-user",
          createdAt: T0,
          userId: "user-42",
          profile: { name: "Ada", email: "ada@example.com", verified: true },
        });
        const identified = { userId: "user-42", name: "Ada", email: "ada@example.com", verified: true };
        expect((await storage.getConversation("cnv_1"))?.visitor).toEqual({ verified: false });
        const [moved] = await storage.moveConversations("vis_anon", "vis_user");
        expect(moved?.visitor).toEqual(identified);
        expect((await storage.listConversations({ visitorId: "vis_user" }))[0]?.visitor).toEqual(identified);
        const hmac = { name: "Not Ada", verified: false };
        await storage.updateVisitorProfile("vis_user", hmac);
        const renamed = { userId: "user-42", name: "Not Ada", verified: false };
        expect((await storage.getConversation("cnv_1"))?.visitor).toEqual(renamed);
        expect(
          (await storage.updateConversation("cnv_1", { status: "pending", updatedAt: T0 + 1 }))?.visitor,
        ).toEqual(renamed);
        const fresh = await storage.createConversation({
          id: "cnv_2",
          appId: "app1",
          visitorId: "vis_user",
          status: "open",
          createdAt: T0,
          attributes: {},
        });
        expect(fresh.visitor).toEqual(renamed);
        // Copies, like everything returned.
        fresh.visitor!.name = "mutated";
        expect((await storage.getConversation("cnv_2"))?.visitor).toEqual(renamed);
      });

      it("moves every conversation of one visitor to another, with their messages", async () => {
        await conversation("cnv_1", "app1", "vis_anon");
        await conversation("cnv_2", "app1", "vis_anon");
        await conversation("cnv_other", "app1", "vis_user");
        await storage.appendMessage(message(1, { conversationId: "cnv_1" }));
        const moved = await storage.moveConversations("vis_anon", "vis_user");
        expect(moved.map((c) => [c.id, c.visitorId])).toEqual([
          ["cnv_1", "vis_user"],
          ["cnv_2", "vis_user"],
        ]);
        expect(await storage.listConversations({ visitorId: "vis_anon" })).toEqual([]);
        expect((await storage.listConversations({ visitorId: "vis_user" })).map((c) => c.id).sort()).toEqual([
          "cnv_1",
          "cnv_2",
          "cnv_other",
        ]);
        expect((await storage.listMessages("cnv_1", 0, 10)).map((m) => m.body)).toEqual(["hello 1"]);
        expect(await storage.moveConversations("vis_anon", "vis_user")).toEqual([]);
      });

      it("moves nothing between apps or to a missing visitor, and drops a key the target already uses", async () => {
        await conversation("cnv_1", "app1", "vis_1");
        await conversation("cnv_2", "app2", "vis_2");
        await expect(storage.moveConversations("vis_1", "vis_2")).rejects.toMatchObject({
          code: "not-found",
        });
        await expect(storage.moveConversations("vis_1", "vis_ghost")).rejects.toMatchObject({
          code: "not-found",
        });
        expect(await storage.getConversation("cnv_1")).toMatchObject({ visitorId: "vis_1" });

        await conversation("cnv_3", "app1", "vis_3");
        const keyed = (id: string, visitorId: string) =>
          storage.createConversation({
            id,
            appId: "app1",
            visitorId,
            status: "open",
            createdAt: T0,
            attributes: {},
            clientConversationId: "same-key",
          });
        await keyed("cnv_k1", "vis_1");
        await keyed("cnv_k3", "vis_3");
        await storage.moveConversations("vis_1", "vis_3");
        const found = await storage.listConversations({
          visitorId: "vis_3",
          clientConversationId: "same-key",
        });
        expect(found.map((c) => c.id)).toEqual(["cnv_k3"]);
        expect(await storage.getConversation("cnv_k1")).toMatchObject({ visitorId: "vis_3" });
      });
    });

    describe("conversations", () => {
      it("creates an empty, unassigned conversation and reads it back", async () => {
        const created = await conversation();
        expect(created).toEqual({
          id: "cnv_1",
          appId: "app1",
          visitorId: "vis_1",
          status: "open",
          assignee: null,
          lastSeq: 0,
          createdAt: T0,
          updatedAt: T0,
          attributes: { pageUrl: "https://example.com/pricing" },
          queueId: null,
          priority: 0,
          waitingSince: T0,
          tags: [],
          visitor: { verified: false },
        });
        expect(await storage.getConversation("cnv_1")).toEqual(created);
        expect(await storage.getConversation("cnv_missing")).toBeNull();
      });

      it("rejects a conversation whose visitor belongs to another app", async () => {
        await conversation("cnv_1", "app1", "vis_1");
        await storage.putApp(app("app2"));
        await expect(
          storage.createConversation({
            id: "cnv_2",
            appId: "app2",
            visitorId: "vis_1",
            status: "open",
            createdAt: T0,
            attributes: {},
          }),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(conversation("cnv_1", "app1", "vis_1")).rejects.toMatchObject({ code: "conflict" });
      });

      describe("listing", () => {
        // Four conversations over two apps and three visitors, touched in a known order.
        beforeEach(async () => {
          await conversation("cnv_a", "app1", "vis_1");
          await conversation("cnv_b", "app1", "vis_2");
          await conversation("cnv_c", "app2", "vis_3");
          await conversation("cnv_d", "app1", "vis_1");
          const ada = { id: "agt_ada", name: "Ada" };
          await storage.updateConversation("cnv_a", {
            status: "assigned",
            assignee: ada,
            updatedAt: T0 + 40,
          });
          await storage.updateConversation("cnv_b", { status: "closed", updatedAt: T0 + 30 });
          await storage.updateConversation("cnv_c", { status: "pending", updatedAt: T0 + 20 });
          await storage.updateConversation("cnv_d", {
            assignee: ada,
            status: "assigned",
            updatedAt: T0 + 50,
          });
        });
        const ids = (list: Conversation[]) => list.map((c) => c.id);

        it("lists everything newest updatedAt first", async () => {
          expect(ids(await storage.listConversations({}))).toEqual(["cnv_d", "cnv_a", "cnv_b", "cnv_c"]);
        });

        it("lists oldest first in creation order, also within one millisecond, for queues", async () => {
          // All four were created at T0: only the creation order tells them apart.
          expect(ids(await storage.listConversations({ order: "oldest" }))).toEqual([
            "cnv_a",
            "cnv_b",
            "cnv_c",
            "cnv_d",
          ]);
          expect(ids(await storage.listConversations({ order: "oldest", appId: "app1", limit: 2 }))).toEqual([
            "cnv_a",
            "cnv_b",
          ]);
        });

        it("filters by app, visitor, assignee and any of several statuses", async () => {
          expect(ids(await storage.listConversations({ appId: "app1" }))).toEqual([
            "cnv_d",
            "cnv_a",
            "cnv_b",
          ]);
          expect(ids(await storage.listConversations({ appId: "app2" }))).toEqual(["cnv_c"]);
          expect(ids(await storage.listConversations({ visitorId: "vis_1" }))).toEqual(["cnv_d", "cnv_a"]);
          expect(ids(await storage.listConversations({ assigneeId: "agt_ada" }))).toEqual(["cnv_d", "cnv_a"]);
          expect(ids(await storage.listConversations({ status: ["closed"] }))).toEqual(["cnv_b"]);
          expect(ids(await storage.listConversations({ status: ["pending", "closed"] }))).toEqual([
            "cnv_b",
            "cnv_c",
          ]);
          expect(ids(await storage.listConversations({ status: [] }))).toEqual([]);
          expect(ids(await storage.listConversations({ appIds: ["app2", "app1"] }))).toEqual([
            "cnv_d",
            "cnv_a",
            "cnv_b",
            "cnv_c",
          ]);
          expect(ids(await storage.listConversations({ appIds: ["app2", "ghost"] }))).toEqual(["cnv_c"]);
          expect(ids(await storage.listConversations({ appIds: [] }))).toEqual([]);
          expect(
            ids(await storage.listConversations({ appIds: ["app1", "app2"], status: ["closed", "pending"] })),
          ).toEqual(["cnv_b", "cnv_c"]);
        });

        it("combines filters and applies the limit after ordering", async () => {
          expect(
            ids(await storage.listConversations({ appId: "app1", status: ["assigned", "open"] })),
          ).toEqual(["cnv_d", "cnv_a"]);
          expect(ids(await storage.listConversations({ appId: "app1", visitorId: "vis_2" }))).toEqual([
            "cnv_b",
          ]);
          expect(ids(await storage.listConversations({ appId: "app2", assigneeId: "agt_ada" }))).toEqual([]);
          expect(ids(await storage.listConversations({ limit: 2 }))).toEqual(["cnv_d", "cnv_a"]);
          expect(ids(await storage.listConversations({ appId: "app1", limit: 1 }))).toEqual(["cnv_d"]);
        });
      });

      it("updates status and assignee, unassigns with null, and leaves unpatched fields alone", async () => {
        await conversation();
        const ada = { id: "agt_ada", name: "Ada" };
        expect(await storage.updateConversation("cnv_1", { assignee: ada, updatedAt: T0 + 5 })).toMatchObject(
          {
            status: "open",
            assignee: ada,
            updatedAt: T0 + 5,
          },
        );
        expect(
          await storage.updateConversation("cnv_1", { status: "assigned", updatedAt: T0 + 6 }),
        ).toMatchObject({
          status: "assigned",
          assignee: ada,
          updatedAt: T0 + 6,
        });
        const unassigned = await storage.updateConversation("cnv_1", {
          status: "pending",
          assignee: null,
          updatedAt: T0 + 7,
        });
        expect(unassigned).toMatchObject({
          status: "pending",
          assignee: null,
          updatedAt: T0 + 7,
          lastSeq: 0,
        });
        expect(await storage.getConversation("cnv_1")).toEqual(unassigned);
      });

      it("answers null when updating a conversation that does not exist", async () => {
        expect(
          await storage.updateConversation("cnv_missing", { status: "closed", updatedAt: T0 }),
        ).toBeNull();
        expect(await storage.getConversation("cnv_missing")).toBeNull();
      });

      it("reads a conversation's access fields as they are now, and null for none", async () => {
        await conversation();
        expect(await storage.getConversationAccess("cnv_1")).toEqual({
          id: "cnv_1",
          appId: "app1",
          visitorId: "vis_1",
          status: "open",
          lastSeq: 0,
          assigneeId: null,
        });
        await storage.appendMessage(message(1));
        await storage.updateConversation("cnv_1", {
          status: "assigned",
          assignee: { id: "agt_ada", name: "Ada" },
          updatedAt: T0 + 5,
        });
        expect(await storage.getConversationAccess("cnv_1")).toMatchObject({
          status: "assigned",
          lastSeq: 1,
          assigneeId: "agt_ada",
        });
        await storage.createVisitor({ id: "vis_2", appId: "app1", tokenHash: "hash-vis_2", createdAt: T0 });
        await storage.moveConversations("vis_1", "vis_2");
        expect((await storage.getConversationAccess("cnv_1"))?.visitorId).toBe("vis_2");
        expect(await storage.getConversationAccess("cnv_missing")).toBeNull();
      });
    });

    describe("messages", () => {
      it("assigns seqs 1, 2, 3 and keeps what was sent", async () => {
        await conversation();
        const first = await storage.appendMessage(message(1));
        expect(first).toEqual({
          duplicate: false,
          message: {
            id: "msg_1",
            conversationId: "cnv_1",
            seq: 1,
            author: VISITOR,
            kind: "text",
            body: "hello 1",
            clientMsgId: "c1",
            createdAt: T0 + 1,
          },
        });
        const second = await storage.appendMessage(message(2, { author: AGENT }));
        const third = await storage.appendMessage(message(3));
        expect([second.message.seq, third.message.seq]).toEqual([2, 3]);
        expect(second.message.author).toEqual(AGENT);
      });

      it("gives 200 concurrent appends the seqs 1..200 exactly once each", async () => {
        await conversation();
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => storage.appendMessage(message(i + 1))),
        );
        const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
        expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(results.every((r) => !r.duplicate)).toBe(true);
        const stored = await storage.listMessages("cnv_1", 0, 500);
        expect(stored.map((m) => m.seq)).toEqual(seqs);
        expect(new Set(stored.map((m) => m.clientMsgId)).size).toBe(200);
        expect((await storage.getConversation("cnv_1"))?.lastSeq).toBe(200);
      });

      it("answers a repeated clientMsgId with the original message and stores nothing", async () => {
        await conversation();
        const original = await storage.appendMessage(message(1));
        await storage.appendMessage(message(2));
        const retry = await storage.appendMessage(
          message(9, { clientMsgId: "c1", id: "msg_retry", body: "edited on retry", createdAt: T0 + 99 }),
        );
        expect(retry).toEqual({ duplicate: true, message: original.message });
        expect((await storage.listMessages("cnv_1", 0, 10)).map((m) => m.id)).toEqual(["msg_1", "msg_2"]);
        expect(await storage.getConversation("cnv_1")).toMatchObject({ lastSeq: 2, updatedAt: T0 + 2 });
        expect((await storage.appendMessage(message(3))).message.seq).toBe(3);
      });

      it("treats the same clientMsgId in another conversation as a different message", async () => {
        await conversation("cnv_1");
        await conversation("cnv_2");
        const a = await storage.appendMessage(message(1, { conversationId: "cnv_1", clientMsgId: "same" }));
        const b = await storage.appendMessage(
          message(2, { conversationId: "cnv_2", clientMsgId: "same", body: "other" }),
        );
        expect(b.duplicate).toBe(false);
        expect(b.message).toMatchObject({ id: "msg_2", conversationId: "cnv_2", seq: 1, body: "other" });
        expect(a.message.id).not.toBe(b.message.id);
      });

      it("rejects a new message in a closed conversation but still answers a retry of an old one", async () => {
        await conversation();
        const before = await storage.appendMessage(message(1));
        await storage.updateConversation("cnv_1", { status: "closed", updatedAt: T0 + 10 });
        const attempt = storage.appendMessage(message(2));
        await expect(attempt).rejects.toBeInstanceOf(RelaydeskError);
        await expect(attempt).rejects.toMatchObject({ code: "conversation-closed" });
        expect(await storage.appendMessage(message(1))).toEqual({ duplicate: true, message: before.message });
        expect(await storage.getConversation("cnv_1")).toMatchObject({ lastSeq: 1, status: "closed" });
      });

      it("rejects an append to a conversation that does not exist", async () => {
        const attempt = storage.appendMessage(message(1, { conversationId: "cnv_missing" }));
        await expect(attempt).rejects.toBeInstanceOf(RelaydeskError);
        await expect(attempt).rejects.toMatchObject({ code: "not-found" });
      });

      it("lists messages after a seq, ascending, at most limit", async () => {
        await conversation();
        for (let n = 1; n <= 10; n++) await storage.appendMessage(message(n));
        const seqs = async (afterSeq: number, limit: number) =>
          (await storage.listMessages("cnv_1", afterSeq, limit)).map((m) => m.seq);
        expect(await seqs(0, 100)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await seqs(7, 100)).toEqual([8, 9, 10]);
        expect(await seqs(2, 3)).toEqual([3, 4, 5]);
        expect(await seqs(10, 5)).toEqual([]);
        expect(await seqs(0, 0)).toEqual([]);
        expect(await storage.listMessages("cnv_missing", 0, 10)).toEqual([]);
      });

      it("moves the conversation's lastSeq and updatedAt with each append", async () => {
        await conversation();
        await storage.appendMessage(message(1, { createdAt: T0 + 100 }));
        expect(await storage.getConversation("cnv_1")).toMatchObject({ lastSeq: 1, updatedAt: T0 + 100 });
        await storage.appendMessage(message(2, { createdAt: T0 + 200 }));
        expect(await storage.getConversation("cnv_1")).toMatchObject({ lastSeq: 2, updatedAt: T0 + 200 });
      });
    });

    describe("retention", () => {
      it("prunes each conversation up to its newest message created before the cutoff", async () => {
        await conversation("cnv_1");
        await conversation("cnv_2");
        for (let n = 1; n <= 5; n++) await storage.appendMessage(message(n));
        await storage.appendMessage(message(11, { conversationId: "cnv_2", createdAt: T0 + 1 }));
        await storage.appendMessage(message(12, { conversationId: "cnv_2", createdAt: T0 + 10 }));
        expect(await storage.firstSeq("cnv_1")).toBe(1);

        expect(await storage.pruneMessages(T0 + 4)).toBe(4);
        expect((await storage.listMessages("cnv_1", 0, 10)).map((m) => m.seq)).toEqual([4, 5]);
        expect((await storage.listMessages("cnv_2", 0, 10)).map((m) => m.seq)).toEqual([2]);
        expect(await storage.firstSeq("cnv_1")).toBe(4);
        expect(await storage.firstSeq("cnv_2")).toBe(2);
        // The conversation itself is untouched.
        expect(await storage.getConversation("cnv_1")).toMatchObject({ lastSeq: 5, status: "open" });
        // The same cutoff again has nothing left to delete.
        expect(await storage.pruneMessages(T0 + 4)).toBe(0);
        expect(await storage.firstSeq("cnv_1")).toBe(4);
      });

      it("never leaves a hole: an older seq with a later clock goes with the newer one", async () => {
        await conversation();
        await storage.appendMessage(message(1, { createdAt: T0 + 9 }));
        await storage.appendMessage(message(2, { createdAt: T0 + 2 }));
        await storage.appendMessage(message(3, { createdAt: T0 + 9 }));
        expect(await storage.pruneMessages(T0 + 5)).toBe(2);
        expect((await storage.listMessages("cnv_1", 0, 10)).map((m) => m.seq)).toEqual([3]);
        expect(await storage.firstSeq("cnv_1")).toBe(3);
      });

      it("prunes everything to firstSeq = lastSeq + 1, and appends go on at the next seq", async () => {
        await conversation();
        for (let n = 1; n <= 3; n++) await storage.appendMessage(message(n));
        expect(await storage.pruneMessages(T0 + 1_000)).toBe(3);
        expect(await storage.listMessages("cnv_1", 0, 10)).toEqual([]);
        expect(await storage.firstSeq("cnv_1")).toBe(4);
        const { message: next } = await storage.appendMessage(message(4));
        expect(next.seq).toBe(4);
        expect((await storage.listMessages("cnv_1", 0, 10)).map((m) => m.seq)).toEqual([4]);
        expect(await storage.firstSeq("cnv_1")).toBe(4);
      });

      it("answers firstSeq 1 for a conversation never pruned and null for an unknown one", async () => {
        await conversation();
        expect(await storage.firstSeq("cnv_1")).toBe(1);
        expect(await storage.firstSeq("cnv_nope")).toBeNull();
        expect(await storage.pruneMessages(T0)).toBe(0);
      });
    });

    describe("several conversations per visitor", () => {
      const keyed = (id: string, visitorId: string, key: string) =>
        storage.createConversation({
          id,
          appId: "app1",
          visitorId,
          status: "open",
          createdAt: T0,
          attributes: {},
          clientConversationId: key,
        });

      it("finds a conversation by the visitor's key, and only that visitor's", async () => {
        await conversation("cnv_1", "app1", "vis_1");
        await conversation("cnv_2", "app1", "vis_2");
        await keyed("cnv_k1", "vis_1", "key-a");
        await keyed("cnv_k2", "vis_2", "key-a");
        const found = await storage.listConversations({ visitorId: "vis_1", clientConversationId: "key-a" });
        expect(found.map((c) => c.id)).toEqual(["cnv_k1"]);
        expect(
          await storage.listConversations({ visitorId: "vis_1", clientConversationId: "key-b" }),
        ).toEqual([]);
        expect((await storage.listConversations({ visitorId: "vis_1" })).map((c) => c.id).sort()).toEqual([
          "cnv_1",
          "cnv_k1",
        ]);
      });

      it("rejects a second conversation of one visitor under the same key with conflict", async () => {
        await conversation("cnv_1", "app1", "vis_1");
        await keyed("cnv_k1", "vis_1", "key-a");
        await expect(keyed("cnv_k2", "vis_1", "key-a")).rejects.toMatchObject({ code: "conflict" });
      });
    });

    describe("uploads", () => {
      const upload = (id: string, overrides: Partial<NewUpload> = {}): NewUpload => ({
        id,
        appId: "app1",
        conversationId: "cnv_1",
        uploader: { kind: "visitor", id: "vis_1" },
        name: `${id}.png`,
        type: "image/png",
        size: 10,
        sha256: "ab".repeat(32),
        createdAt: T0,
        ...overrides,
      });

      it("stores an upload unattached and reads it back; an unknown one is null", async () => {
        await conversation();
        const created = await storage.createUpload(upload("upl_1"));
        expect(created).toEqual({ ...upload("upl_1"), messageId: null });
        expect(await storage.getUpload("upl_1")).toEqual(created);
        expect(await storage.getUpload("upl_nope")).toBeNull();
        await expect(storage.createUpload(upload("upl_1"))).rejects.toMatchObject({ code: "conflict" });
      });

      it("rejects an upload to a missing conversation, or one of another app, with not-found", async () => {
        await conversation("cnv_1", "app1");
        await conversation("cnv_2", "app2", "vis_2");
        await expect(
          storage.createUpload(upload("upl_1", { conversationId: "cnv_nope" })),
        ).rejects.toMatchObject({ code: "not-found" });
        await expect(
          storage.createUpload(upload("upl_2", { conversationId: "cnv_2" })),
        ).rejects.toMatchObject({ code: "not-found" });
      });

      it("counts uploads by conversation, by uploader and since a time", async () => {
        await conversation("cnv_1");
        await conversation("cnv_2", "app1", "vis_2");
        await storage.createUpload(upload("upl_1", { createdAt: T0 }));
        await storage.createUpload(upload("upl_2", { createdAt: T0 + 10 }));
        await storage.createUpload(
          upload("upl_3", { conversationId: "cnv_2", uploader: { kind: "visitor", id: "vis_2" } }),
        );
        await storage.createUpload(upload("upl_4", { uploader: { kind: "agent", id: "vis_1" } }));
        expect(await storage.countUploads({ conversationId: "cnv_1" })).toBe(3);
        expect(await storage.countUploads({ uploader: { kind: "visitor", id: "vis_1" } })).toBe(2);
        expect(
          await storage.countUploads({ uploader: { kind: "visitor", id: "vis_1" }, createdSince: T0 + 10 }),
        ).toBe(1);
        expect(await storage.countUploads({})).toBe(4);
      });

      it("attaches the author's own uploads to a message, in order, once", async () => {
        await conversation();
        await storage.createUpload(upload("upl_1"));
        await storage.createUpload(upload("upl_2", { type: "text/plain", name: "notes.txt", size: 3 }));
        const { message: sent } = await storage.appendMessage(
          message(1, { body: "", attachments: ["upl_2", "upl_1"] }),
        );
        const expected = [
          { id: "upl_2", name: "notes.txt", type: "text/plain", size: 3 },
          { id: "upl_1", name: "upl_1.png", type: "image/png", size: 10 },
        ];
        expect(sent.attachments).toEqual(expected);
        expect((await storage.listMessages("cnv_1", 0, 10))[0]?.attachments).toEqual(expected);
        expect((await storage.getUpload("upl_1"))?.messageId).toBe("msg_1");
        // A message without attachments has no attachments field at all.
        const { message: plain } = await storage.appendMessage(message(2));
        expect("attachments" in plain).toBe(false);
        expect("attachments" in (await storage.listMessages("cnv_1", 1, 10))[0]!).toBe(false);
        // The retry of the first send is its duplicate, attachments and all.
        const retry = await storage.appendMessage(message(1, { body: "", attachments: ["upl_2", "upl_1"] }));
        expect(retry).toMatchObject({ duplicate: true, message: { id: "msg_1", attachments: expected } });
        // A second message cannot take them again.
        await expect(storage.appendMessage(message(3, { attachments: ["upl_1"] }))).rejects.toMatchObject({
          code: "invalid-attachment",
        });
      });

      it("refuses someone else's, another conversation's and unknown uploads, storing nothing", async () => {
        await conversation("cnv_1");
        await conversation("cnv_2", "app1", "vis_1");
        await storage.createUpload(upload("upl_other_cnv", { conversationId: "cnv_2" }));
        await storage.createUpload(upload("upl_agent", { uploader: { kind: "agent", id: "agt_1" } }));
        await storage.createUpload(upload("upl_mine"));
        for (const id of ["upl_other_cnv", "upl_agent", "upl_unknown"]) {
          await expect(
            storage.appendMessage(message(1, { attachments: ["upl_mine", id] })),
            id,
          ).rejects.toMatchObject({ code: "invalid-attachment" });
        }
        // Nothing stored, nothing half-attached, and the seq was not used up.
        expect(await storage.listMessages("cnv_1", 0, 10)).toEqual([]);
        expect((await storage.getUpload("upl_mine"))?.messageId).toBeNull();
        const { message: ok } = await storage.appendMessage(message(1, { attachments: ["upl_mine"] }));
        expect(ok.seq).toBe(1);
        // The agent attaches its own.
        const { message: byAgent } = await storage.appendMessage(
          message(2, { author: AGENT, attachments: ["upl_agent"] }),
        );
        expect(byAgent.attachments?.map((a) => a.id)).toEqual(["upl_agent"]);
      });

      it("prunes unattached uploads past the cutoff and those whose message was pruned", async () => {
        await conversation();
        await storage.createUpload(upload("upl_old_loose", { createdAt: T0 }));
        await storage.createUpload(upload("upl_new_loose", { createdAt: T0 + 100 }));
        await storage.createUpload(upload("upl_sent_old", { createdAt: T0 }));
        await storage.createUpload(upload("upl_sent_new", { createdAt: T0 }));
        await storage.appendMessage(message(1, { attachments: ["upl_sent_old"], createdAt: T0 + 1 }));
        await storage.appendMessage(message(2, { attachments: ["upl_sent_new"], createdAt: T0 + 200 }));

        expect((await storage.pruneUploads(T0 + 50)).sort()).toEqual(["upl_old_loose"]);
        expect(await storage.pruneMessages(T0 + 50)).toBe(1);
        expect(await storage.pruneUploads(T0 + 50)).toEqual(["upl_sent_old"]);
        expect(await storage.pruneUploads(T0 + 50)).toEqual([]);
        expect(await storage.getUpload("upl_new_loose")).not.toBeNull();
        expect(await storage.getUpload("upl_sent_new")).not.toBeNull();
        expect(await storage.getUpload("upl_sent_old")).toBeNull();
      });
    });

    it("returns copies, and keeps no reference to what it was given", async () => {
      const input = app("app1");
      await storage.putApp(input);
      input.allowedOrigins.push("https://evil.example");
      const read = (await storage.getApp("app1"))!;
      read.allowedOrigins.push("https://evil.example");
      read.name = "mutated";
      expect(await storage.getApp("app1")).toEqual(app("app1"));

      const created = await conversation();
      created.attributes.pageUrl = "mutated";
      created.status = "closed";
      const listed = (await storage.listConversations({}))[0]!;
      listed.attributes.extra = "x";
      expect(await storage.getConversation("cnv_1")).toMatchObject({
        status: "open",
        attributes: { pageUrl: "https://example.com/pricing" },
      });

      const author = { kind: "agent", id: "agt_1", name: "Ada" } satisfies Author;
      const { message: appended } = await storage.appendMessage(message(1, { author }));
      author.name = "mutated";
      appended.body = "mutated";
      appended.author.id = "mutated";
      expect((await storage.listMessages("cnv_1", 0, 1))[0]).toMatchObject({
        body: "hello 1",
        author: { kind: "agent", id: "agt_1", name: "Ada" },
      });
    });

    it("rejects every call after close with storage-closed, and a second close is harmless", async () => {
      await conversation();
      await storage.close();
      await storage.close();
      const calls: [string, () => Promise<unknown>][] = [
        ["putApp", () => storage.putApp(app("x"))],
        ["getApp", () => storage.getApp("app1")],
        ["listApps", () => storage.listApps()],
        [
          "createAgent",
          () =>
            storage.createAgent({
              id: "a",
              name: "A",
              tokenHash: "h",
              role: "agent",
              appIds: ["app1"],
              createdAt: T0,
            }),
        ],
        ["findAgentByTokenHash", () => storage.findAgentByTokenHash("h")],
        ["rotateAgentToken", () => storage.rotateAgentToken("a", "h2")],
        ["listAgents", () => storage.listAgents()],
        [
          "createVisitor",
          () => storage.createVisitor({ id: "v", appId: "app1", tokenHash: "h", createdAt: T0 }),
        ],
        ["findVisitorByTokenHash", () => storage.findVisitorByTokenHash("app1", "h")],
        ["findVisitorByUserId", () => storage.findVisitorByUserId("app1", "u")],
        [
          "addVisitorToken",
          () =>
            storage.addVisitorToken({ appId: "app1", visitorId: "vis_1", tokenHash: "h2", createdAt: T0 }),
        ],
        ["revokeVisitorToken", () => storage.revokeVisitorToken("app1", "h")],
        ["updateVisitorProfile", () => storage.updateVisitorProfile("vis_1", null)],
        ["moveConversations", () => storage.moveConversations("vis_1", "vis_2")],
        [
          "createConversation",
          () =>
            storage.createConversation({
              id: "c",
              appId: "app1",
              visitorId: "vis_1",
              status: "open",
              createdAt: T0,
              attributes: {},
            }),
        ],
        ["getConversation", () => storage.getConversation("cnv_1")],
        ["listConversations", () => storage.listConversations({})],
        [
          "updateConversation",
          () => storage.updateConversation("cnv_1", { status: "closed", updatedAt: T0 }),
        ],
        ["appendMessage", () => storage.appendMessage(message(1))],
        ["listMessages", () => storage.listMessages("cnv_1", 0, 10)],
        ["pruneMessages", () => storage.pruneMessages(T0)],
        ["firstSeq", () => storage.firstSeq("cnv_1")],
        [
          "createUpload",
          () =>
            storage.createUpload({
              id: "upl_x",
              appId: "app1",
              conversationId: "cnv_1",
              uploader: { kind: "visitor", id: "vis_1" },
              name: "x.png",
              type: "image/png",
              size: 1,
              sha256: "00",
              createdAt: T0,
            }),
        ],
        ["getUpload", () => storage.getUpload("upl_x")],
        ["countUploads", () => storage.countUploads({})],
        ["pruneUploads", () => storage.pruneUploads(T0)],
      ];
      for (const [method, call] of calls) {
        const error = await call().then(
          () => new Error(`${method} resolved after close`),
          (e: unknown) => e,
        );
        expect(error, method).toBeInstanceOf(RelaydeskError);
        expect((error as RelaydeskError).code, method).toBe("storage-closed");
      }
    });
    describe("routing state", () => {
      it("sets an agent's capacity and skills, and back to the default", async () => {
        await storage.putApp(app("app1"));
        await storage.createAgent({
          id: "agt_1",
          name: "Ada",
          tokenHash: "h",
          role: "agent",
          appIds: ["app1"],
          createdAt: T0,
        });
        expect(
          await storage.updateAgent("agt_1", { capacity: 3, skills: ["fr", "billing", "fr"] }),
        ).toMatchObject({
          capacity: 3,
          skills: ["billing", "fr"],
        });
        expect(await storage.updateAgent("agt_1", { capacity: null })).toMatchObject({
          capacity: null,
          skills: ["billing", "fr"],
        });
        await expect(storage.updateAgent("agt_1", { capacity: 0 })).rejects.toMatchObject({
          code: "invalid-option",
        });
        expect(await storage.updateAgent("agt_missing", { capacity: 2 })).toBeNull();
      });

      it("stores an app's routing document as given and replaces it", async () => {
        await storage.putApp(app("app1"));
        expect(await storage.getRoutingConfig("app1")).toBeNull();
        await storage.putRoutingConfig("app1", { defaultQueue: "a", queues: [{ id: "a" }] }, T0);
        await storage.putRoutingConfig("app1", { defaultQueue: "b", queues: [{ id: "b" }] }, T0 + 1);
        expect(await storage.getRoutingConfig("app1")).toEqual({ defaultQueue: "b", queues: [{ id: "b" }] });
        await expect(storage.putRoutingConfig("ghost", {}, T0)).rejects.toMatchObject({ code: "not-found" });
      });

      it("updates queue, priority, waiting time and tags, and checks a precondition atomically", async () => {
        await conversation();
        const moved = await storage.updateConversation("cnv_1", {
          queueId: "billing",
          priority: 5,
          tags: ["vip"],
          waitingSince: T0 - 10,
          updatedAt: T0 + 1,
        });
        expect(moved).toMatchObject({
          queueId: "billing",
          priority: 5,
          tags: ["vip"],
          waitingSince: T0 - 10,
          status: "open",
        });
        const claim = (agentId: string) =>
          storage.updateConversation("cnv_1", {
            status: "assigned",
            assignee: { id: agentId, name: agentId },
            updatedAt: T0 + 2,
            expect: { status: ["open"], assigneeId: null },
          });
        const results = await Promise.allSettled([claim("agt_a"), claim("agt_b")]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
        expect((await storage.getConversation("cnv_1"))?.assignee?.id).toBe("agt_a");
        expect(
          await storage.updateConversation("cnv_x", { updatedAt: T0, expect: { status: ["open"] } }),
        ).toBeNull();
      });

      it("keeps SLA clocks, finds the due ones, and records breaches, first responses and offline emails", async () => {
        await conversation();
        const clock = { kind: "first-response" as const, dueAt: T0 + 100 };
        expect(await storage.updateConversation("cnv_1", { sla: clock, updatedAt: T0 })).toMatchObject({
          sla: clock,
        });
        expect(await storage.listConversations({ slaDueBy: T0 + 99 })).toEqual([]);
        expect((await storage.listConversations({ slaDueBy: T0 + 100 })).map((c) => c.id)).toEqual(["cnv_1"]);
        const breached = { ...clock, breachedAt: T0 + 150 };
        const after = await storage.updateConversation("cnv_1", {
          sla: breached,
          countBreach: true,
          updatedAt: T0,
        });
        expect(after).toMatchObject({ sla: breached, slaBreaches: 1 });
        // A breached clock is not due any more.
        expect(await storage.listConversations({ slaDueBy: T0 + 1_000 })).toEqual([]);
        await storage.updateConversation("cnv_1", { firstResponseAt: T0 + 200, updatedAt: T0 });
        const stopped = await storage.updateConversation("cnv_1", {
          sla: null,
          firstResponseAt: T0 + 300, // set once: the first stays
          offlineEmail: "ana@example.com",
          updatedAt: T0,
        });
        expect(stopped).toMatchObject({
          firstResponseAt: T0 + 200,
          offlineEmail: "ana@example.com",
          slaBreaches: 1,
        });
        expect(stopped?.sla).toBeUndefined();
        // Fields not in a patch are left as they are.
        expect(await storage.updateConversation("cnv_1", { tags: ["x"], updatedAt: T0 })).toMatchObject({
          offlineEmail: "ana@example.com",
          slaBreaches: 1,
        });
      });

      it("merges attributes into a conversation's: given keys set, the others kept", async () => {
        await conversation("cnv_a");
        await storage.updateConversation("cnv_a", { attributes: { plan: "pro" }, updatedAt: T0 });
        const first = await storage.updateConversation("cnv_a", {
          attributes: { currentPageUrl: "https://example.com/billing", currentPageTitle: "Billing" },
          updatedAt: T0 + 1,
        });
        expect(first?.attributes).toEqual({
          pageUrl: "https://example.com/pricing",
          plan: "pro",
          currentPageUrl: "https://example.com/billing",
          currentPageTitle: "Billing",
        });
        // Without updatedAt the conversation keeps the one it had.
        const second = await storage.updateConversation("cnv_a", {
          attributes: { currentPageUrl: "https://example.com/help" },
        });
        expect(second?.updatedAt).toBe(T0 + 1);
        expect(second?.attributes).toMatchObject({
          pageUrl: "https://example.com/pricing",
          currentPageUrl: "https://example.com/help",
          currentPageTitle: "Billing",
        });
        expect((await storage.getConversation("cnv_a"))?.attributes).toEqual(second?.attributes);
      });

      it("keeps internal notes apart from messages", async () => {
        await conversation();
        await storage.appendMessage(message(1));
        const note = await storage.addNote({
          id: "not_1",
          conversationId: "cnv_1",
          author: AGENT,
          body: "vip",
          createdAt: T0 + 5,
        });
        expect(note).toEqual({
          id: "not_1",
          conversationId: "cnv_1",
          author: AGENT,
          kind: "note",
          body: "vip",
          createdAt: T0 + 5,
        });
        expect(await storage.listNotes("cnv_1")).toEqual([note]);
        expect((await storage.listMessages("cnv_1", 0, 10)).map((m) => m.body)).toEqual(["hello 1"]);
        expect((await storage.getConversation("cnv_1"))?.lastSeq).toBe(1);
        await expect(
          storage.addNote({ id: "not_2", conversationId: "cnv_x", author: AGENT, body: "x", createdAt: T0 }),
        ).rejects.toMatchObject({ code: "not-found" });
      });

      it("stores canned replies per app, one per shortcut", async () => {
        await storage.putApp(app("app1"));
        await storage.putApp(app("app2"));
        await storage.addCannedReply({
          id: "can_2",
          appId: "app1",
          shortcut: "thanks",
          text: "Thanks {visitor.name}!",
          createdAt: T0,
        });
        await storage.addCannedReply({
          id: "can_1",
          appId: "app1",
          shortcut: "hello",
          text: "Hello",
          createdAt: T0,
        });
        await expect(
          storage.addCannedReply({
            id: "can_3",
            appId: "app1",
            shortcut: "hello",
            text: "Hi",
            createdAt: T0,
          }),
        ).rejects.toMatchObject({ code: "conflict" });
        expect(await storage.listCannedReplies("app1")).toEqual([
          { id: "can_1", shortcut: "hello", text: "Hello" },
          { id: "can_2", shortcut: "thanks", text: "Thanks {visitor.name}!" },
        ]);
        expect(await storage.listCannedReplies("app2")).toEqual([]);
      });
    });
    describe("webhook outbox", () => {
      const delivery = (id: string, nextAttemptAt: number, appId: string | null = null) => ({
        id,
        appId,
        type: "sla.breached",
        body: `{"id":"${id}"}`,
        attempts: 0,
        nextAttemptAt,
        createdAt: T0,
      });

      it("lists what is due, earliest first, and keeps it until deleted", async () => {
        expect(await storage.nextWebhookAttemptAt()).toBeNull();
        await storage.addWebhookDelivery(delivery("whe_b", T0 + 20));
        await storage.addWebhookDelivery(delivery("whe_a", T0 + 10));
        await storage.addWebhookDelivery(delivery("whe_c", T0 + 30));
        await expect(storage.addWebhookDelivery(delivery("whe_a", T0))).rejects.toMatchObject({
          code: "conflict",
        });
        expect(await storage.nextWebhookAttemptAt()).toBe(T0 + 10);
        expect((await storage.listDueWebhookDeliveries(T0 + 20, 10)).map((d) => d.id)).toEqual([
          "whe_a",
          "whe_b",
        ]);
        expect(await storage.listDueWebhookDeliveries(T0 + 30, 1)).toEqual([delivery("whe_a", T0 + 10)]);
        expect(await storage.listDueWebhookDeliveries(T0 + 9, 10)).toEqual([]);

        expect(await storage.rescheduleWebhookDelivery("whe_a", 1, T0 + 100)).toBe(true);
        expect(await storage.rescheduleWebhookDelivery("whe_x", 1, T0 + 100)).toBe(false);
        expect((await storage.listDueWebhookDeliveries(T0 + 100, 10)).map((d) => [d.id, d.attempts])).toEqual(
          [
            ["whe_b", 0],
            ["whe_c", 0],
            ["whe_a", 1],
          ],
        );
        expect(await storage.deleteWebhookDelivery("whe_b")).toBe(true);
        expect(await storage.deleteWebhookDelivery("whe_b")).toBe(false);
        expect(await storage.nextWebhookAttemptAt()).toBe(T0 + 30);
      });

      it("keeps the app a delivery is for", async () => {
        await storage.addWebhookDelivery(delivery("whe_a", T0, "app1"));
        await storage.addWebhookDelivery(delivery("whe_b", T0 + 1));
        expect(await storage.listDueWebhookDeliveries(T0 + 1, 10)).toEqual([
          delivery("whe_a", T0, "app1"),
          delivery("whe_b", T0 + 1, null),
        ]);
      });

      it("sets, keeps across putApp, and removes an app's own endpoint", async () => {
        const webhook = { url: "https://hooks.example/relaydesk?token=t", secret: "s".repeat(32) };
        await storage.putApp(app("app1"));
        await storage.putApp(app("app2"));
        expect((await storage.getApp("app1"))?.webhook).toBeNull();
        expect(await storage.setAppWebhook("app1", webhook)).toBe(true);
        expect((await storage.getApp("app1"))?.webhook).toEqual(webhook);
        expect((await storage.getApp("app2"))?.webhook).toBeNull();
        // Re-registering origins leaves the endpoint alone.
        await storage.putApp(app("app1", { allowedOrigins: ["https://other.example"] }));
        expect((await storage.listApps()).map((a) => a.webhook)).toEqual([webhook, null]);
        expect(await storage.setAppWebhook("app1", null)).toBe(true);
        expect((await storage.getApp("app1"))?.webhook).toBeNull();
        expect(await storage.setAppWebhook("nope", webhook)).toBe(false);
      });
    });

    describe("conversation extras", () => {
      const form = [
        { id: "name", type: "name" as const, label: "Your name", required: true },
        { id: "plan", type: "select" as const, label: "Plan", options: ["Free", "Pro"] },
      ];

      it("sets, keeps across putApp, and removes an app's pre-chat form", async () => {
        await storage.putApp(app("app1"));
        expect((await storage.getApp("app1"))?.prechat).toBeNull();
        expect(await storage.setPrechatForm("app1", form)).toBe(true);
        expect((await storage.getApp("app1"))?.prechat).toEqual(form);
        // Re-registering origins leaves the form alone.
        await storage.putApp(app("app1", { allowedOrigins: ["https://other.example"] }));
        expect((await storage.listApps())[0]?.prechat).toEqual(form);
        expect(await storage.setPrechatForm("app1", null)).toBe(true);
        expect((await storage.getApp("app1"))?.prechat).toBeNull();
        expect(await storage.setPrechatForm("nope", form)).toBe(false);
      });

      it("stores a conversation's pre-chat answers with it", async () => {
        await conversation("cnv_0");
        const prechat = [{ id: "name", label: "Your name", value: "Ana" }];
        const created = await storage.createConversation({
          id: "cnv_p",
          appId: "app1",
          visitorId: "vis_1",
          status: "open",
          createdAt: T0,
          attributes: {},
          prechat,
        });
        expect(created.prechat).toEqual(prechat);
        expect((await storage.getConversation("cnv_p"))?.prechat).toEqual(prechat);
        expect((await storage.getConversation("cnv_0"))?.prechat).toBeUndefined();
      });

      it("rates a conversation once: expect.unrated refuses a second rating", async () => {
        await conversation();
        const rating = { score: 4, comment: "Quick and kind", ratedAt: T0 + 5 };
        const rated = await storage.updateConversation("cnv_1", {
          rating,
          updatedAt: T0 + 5,
          expect: { unrated: true },
        });
        expect(rated?.rating).toEqual(rating);
        await expect(
          storage.updateConversation("cnv_1", {
            rating: { score: 1, ratedAt: T0 + 9 },
            updatedAt: T0 + 9,
            expect: { unrated: true },
          }),
        ).rejects.toMatchObject({ code: "conflict" });
        // Without the precondition a later rating is ignored, never a replacement.
        await storage.updateConversation("cnv_1", {
          rating: { score: 2, ratedAt: T0 + 9 },
          updatedAt: T0 + 9,
        });
        expect((await storage.getConversation("cnv_1"))?.rating).toEqual(rating);
        expect((await storage.listConversations({ appId: "app1" }))[0]?.rating).toEqual(rating);
      });
    });
  });
}
