import { randomBytes } from "node:crypto";

/** Unguessable id with a type prefix: `cnv_…` conversation, `msg_…` message, `vis_…`, `agt_…`, `ses_…`, `not_…` note, `can_…` canned reply, `evt_…` webhook event. */
export function newId(prefix: "cnv" | "msg" | "vis" | "agt" | "ses" | "not" | "can" | "evt"): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}
