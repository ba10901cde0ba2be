import { type AgentHello, PROTOCOL_VERSION, type Resume, type VisitorHello } from "@relaydesk/sdk-types";
import type { ClientAuth } from "./types.ts";

/**
 * The first frame of every connection: the credentials (they travel only here, never in the URL)
 * and `resume`, the highest seq delivered per conversation, so the relay replays only what is
 * missing. `visitorToken` is the latest one the relay issued, which may differ from the one the
 * app passed in.
 */
export function helloFrame(
  auth: ClientAuth,
  visitorToken: string | undefined,
  resume: Resume,
): VisitorHello | AgentHello {
  if (auth.role === "agent") {
    return { type: "hello", protocol: PROTOCOL_VERSION, role: "agent", agentToken: auth.agentToken, resume };
  }
  const frame: VisitorHello = {
    type: "hello",
    protocol: PROTOCOL_VERSION,
    role: "visitor",
    appId: auth.appId,
  };
  if (visitorToken) frame.visitorToken = visitorToken;
  frame.resume = resume;
  if (auth.page) frame.page = auth.page;
  return frame;
}
