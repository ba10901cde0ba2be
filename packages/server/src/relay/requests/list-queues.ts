import type { ListQueues, QueueInfo } from "@relaydesk/sdk-types";
import { readRoutingConfig } from "../../routing/routing-config.ts";
import { errorFrame, type RequestScope } from "../request-scope.ts";

/**
 * Agent: the queues it is a member of in each app it serves (a queue without a member list has
 * every agent of the app), for the console's "My queues" view. Read from the stored routing config
 * on every request, so a `relaydesk routing set` shows at the console's next connect.
 */
export async function listQueues(scope: RequestScope, request: ListQueues): Promise<void> {
  const { identity, services } = scope;
  if (identity.role !== "agent") {
    scope.outbound.send(errorFrame(request.id, "forbidden", "only agents have queues"));
    return;
  }
  const queues: QueueInfo[] = [];
  for (const appId of identity.appIds) {
    // The routing the router applies (it logs an invalid stored document).
    const config = await readRoutingConfig(services.storage, appId);
    for (const queue of config.queues) {
      if (queue.members === null || queue.members.includes(identity.agentId)) {
        queues.push({ appId, id: queue.id, name: queue.name });
      }
    }
  }
  scope.outbound.send({ type: "queues", replyTo: request.id, queues });
}
