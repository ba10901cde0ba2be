import { hashToken, newToken } from "../auth/tokens.ts";
import { newId } from "../ids.ts";
import type { Storage } from "../storage/types.ts";

export const DEMO_APP_ID = "demo";
export const DEMO_AGENT_NAME = "Demo Agent";
/** Any port, so the demo page works from whatever port the relay or a dev server runs on. */
export const DEMO_ORIGINS = ["http://localhost:*", "http://127.0.0.1:*"];

/**
 * Make the data folder ready for `start --demo`: the demo app, and a demo agent of that app
 * with a fresh token. Tokens are stored hashed, so the previous one cannot be shown again; rotating it on the
 * one demo agent keeps the agent (and the conversations assigned to it) across restarts.
 */
export async function prepareDemo(storage: Storage): Promise<{ agentToken: string }> {
  const now = Date.now();
  const app = await storage.getApp(DEMO_APP_ID);
  await storage.putApp({
    appId: DEMO_APP_ID,
    name: "Relaydesk demo",
    allowedOrigins: DEMO_ORIGINS,
    createdAt: app?.createdAt ?? now,
  });
  const agentToken = newToken("rda");
  const tokenHash = hashToken(agentToken);
  const agent = (await storage.listAgents()).find((a) => a.name === DEMO_AGENT_NAME);
  if (agent) await storage.rotateAgentToken(agent.id, tokenHash);
  else {
    await storage.createAgent({
      id: newId("agt"),
      name: DEMO_AGENT_NAME,
      tokenHash,
      role: "agent",
      appIds: [DEMO_APP_ID],
      createdAt: now,
    });
  }
  return { agentToken };
}
