import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { protocolJsonSchema } from "./json-schema.ts";

describe("protocol.schema.json", () => {
  it("matches the valibot schemas (run `pnpm --filter @relaydesk/sdk-types schema` to refresh)", () => {
    const committed = JSON.parse(readFileSync(new URL("../protocol.schema.json", import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(protocolJsonSchema())));
  });

  it("describes every frame type of every direction", () => {
    const text = JSON.stringify(protocolJsonSchema());
    for (const type of [
      "hello",
      "start-conversation",
      "send-message",
      "list-conversations",
      "get-history",
      "typing",
      "page-view",
      "read",
      "delivered",
      "ping",
      "close-conversation",
      "welcome",
      "message-created",
      "conversation-created",
      "conversation-updated",
      "sync-complete",
      "not-recovered",
      "ack",
      "conversation",
      "conversations",
      "history",
      "pong",
      "error",
      "identify",
      "identified",
    ]) {
      expect(text).toContain(`"const":"${type}"`);
    }
  });
});
