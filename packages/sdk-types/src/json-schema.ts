import { toJsonSchema } from "@valibot/to-json-schema";
import { CODE_DESCRIPTIONS, HTTP_CODE_DESCRIPTIONS } from "./code-descriptions.ts";
import { CODES, HTTP_CODES } from "./codes.ts";
import { AgentRequestSchema, HelloSchema, VisitorRequestSchema } from "./frames/client-frames.ts";
import { ServerFrameSchema } from "./frames/server-frames.ts";
import { LIMITS, MAX_ATTACHMENTS, PROTOCOL_VERSION } from "./limits.ts";

/**
 * The protocol as one JSON Schema document, generated from the valibot schemas so it cannot drift
 * from what the relay enforces. Written to `protocol.schema.json` by `pnpm --filter
 * @relaydesk/sdk-types schema`; a test fails when the committed file is stale.
 */
export function protocolJsonSchema(): Record<string, unknown> {
  const convert = (schema: Parameters<typeof toJsonSchema>[0]) =>
    toJsonSchema(schema, { errorMode: "ignore", target: "draft-2020-12" });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://relaydesk.dev/protocol/v${PROTOCOL_VERSION}.schema.json`,
    title: `Relaydesk protocol v${PROTOCOL_VERSION}`,
    description:
      "JSON text frames over WebSocket at /v1/ws. The first client frame is `hello`; see packages/sdk-types/README.md.",
    "x-limits": { ...LIMITS, maxAttachments: MAX_ATTACHMENTS },
    "x-codes": Object.fromEntries(
      Object.entries(CODES).map(([code, info]) => [
        code,
        { ...info, description: CODE_DESCRIPTIONS[code as keyof typeof CODES] },
      ]),
    ),
    "x-http-codes": Object.fromEntries(
      Object.entries(HTTP_CODES).map(([code, info]) => [
        code,
        { ...info, description: HTTP_CODE_DESCRIPTIONS[code as keyof typeof HTTP_CODES] },
      ]),
    ),
    $defs: {
      hello: convert(HelloSchema),
      visitorRequest: convert(VisitorRequestSchema),
      agentRequest: convert(AgentRequestSchema),
      serverFrame: convert(ServerFrameSchema),
    },
  };
}
