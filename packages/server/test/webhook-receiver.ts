import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * The vendor's endpoint: a real HTTP server on 127.0.0.1 that records each request and answers
 * with what `answer` says (a status, or "hang" to never answer).
 */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  answer: (request: ReceivedWebhook) => number | "hang";
  /** The first `count` requests (of one event type, when given), waiting for them to arrive. */
  next(count: number, timeoutMs?: number, type?: string): Promise<ReceivedWebhook[]>;
  /** The requests received so far for one event type. */
  of(type: string): ReceivedWebhook[];
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(request);
      for (const wake of waiters) wake();
      const status = receiver.answer(request);
      if (status === "hang") hanging.add(res);
      else res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver = {
    url: `http://127.0.0.1:${port}/hooks/relaydesk?token=url-secret-token`,
    received,
    answer: (_request: ReceivedWebhook): number | "hang" => 200,
    of: (type: string) => received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type),
    next(count: number, timeoutMs = 5_000, type?: string) {
      const matching = () => (type === undefined ? received : receiver.of(type));
      return new Promise<ReceivedWebhook[]>((resolve, reject) => {
        const check = () => {
          if (matching().length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(matching().slice(0, count));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} webhook requests, got ${matching().length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
