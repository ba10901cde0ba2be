import type { CannedReply, ListCanned } from "@relaydesk/sdk-types";
import { errorFrame, type RequestScope } from "../request-scope.ts";

/**
 * Agent: the canned replies of its apps, as stored (placeholders unfilled: the console fills them
 * with `renderCanned` for the conversation at hand).
 */
export async function listCanned(scope: RequestScope, request: ListCanned): Promise<void> {
  const { identity, services } = scope;
  if (identity.role !== "agent") {
    scope.outbound.send(errorFrame(request.id, "forbidden", "only agents use canned replies"));
    return;
  }
  const replies: CannedReply[] = [];
  for (const appId of identity.appIds) replies.push(...(await services.storage.listCannedReplies(appId)));
  scope.outbound.send({ type: "canned", replyTo: request.id, replies });
}
