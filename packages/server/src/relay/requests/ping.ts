import type { Ping, Pong } from "@relaydesk/sdk-types";
import type { RequestScope } from "../request-scope.ts";

/** Application-level heartbeat for clients that cannot see WebSocket pings (browsers). */
export function ping(scope: RequestScope, request: Ping): void {
  const pong: Pong = {
    type: "pong",
    ...(request.id !== undefined ? { replyTo: request.id } : {}),
    ...(request.t !== undefined ? { t: request.t } : {}),
    serverTime: scope.services.now(),
  };
  scope.outbound.send(pong);
}
