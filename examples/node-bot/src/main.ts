import { WebSocket } from "ws";
import { startEchoBot } from "./echo-bot.ts";

const url = process.env.RELAYDESK_URL ?? "http://127.0.0.1:8787";
const agentToken = process.env.RELAYDESK_AGENT_TOKEN;
if (!agentToken) {
  console.error('Set RELAYDESK_AGENT_TOKEN to a token from `relaydesk agents add "Echo Bot"`.');
  process.exit(2);
}

const bot = startEchoBot({ url, agentToken, WebSocket });
bot.on("state", (state) => console.log(`echo bot: ${state}`));
bot.on("failed", ({ code, reason }) => {
  console.error(`echo bot: the relay refused the connection (${code ?? "unknown"}: ${reason})`);
  process.exit(1);
});
process.once("SIGINT", () => {
  bot.close();
  process.exit(0);
});
