// The baseline of DESIGN §8 "relay cost vs bare ws forwarding": a WebSocket server that does the
// least a relay must — parse a frame, answer it, pass it to one agent — with no validation, no
// storage and no bus. Speaks just enough of protocol v1 for relay-load.ts. Prints `{ url }`.
import { createServer } from "node:http";
import { createInterface } from "node:readline";
import { type WebSocket, WebSocketServer } from "ws";

const server = createServer();
const wss = new WebSocketServer({ server, perMessageDeflate: false });
const agents: WebSocket[] = [];
let conversations = 0;
const assignee = new Map<string, WebSocket>();

wss.on("connection", (ws) => {
  ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown> & { type: string };
    if (frame.type === "hello") {
      if (frame.role === "agent") agents.push(ws);
      ws.send(JSON.stringify({ type: "welcome" }));
    } else if (frame.type === "start-conversation") {
      const id = `cnv_${conversations++}`;
      assignee.set(id, agents[conversations % agents.length]!);
      ws.send(JSON.stringify({ type: "conversation", replyTo: frame.id, conversation: { id } }));
    } else if (frame.type === "send-message") {
      const conversationId = frame.conversationId as string;
      ws.send(JSON.stringify({ type: "ack", replyTo: frame.id, clientMsgId: frame.clientMsgId }));
      const message = {
        conversationId,
        clientMsgId: frame.clientMsgId,
        author: { kind: "visitor" },
        body: frame.body,
      };
      assignee.get(conversationId)?.send(JSON.stringify({ type: "message-created", message }));
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, agentTokens: [] })}\n`);
});
// A line `cpu` on stdin answers with this process's CPU time so far, as relay-process.ts does.
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "cpu") process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
});
process.once("SIGTERM", () => process.exit(0));
