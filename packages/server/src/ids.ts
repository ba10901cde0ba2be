import { randomFillSync } from "node:crypto";

/** Random bytes are drawn this many ids at a time: one call into the CSPRNG instead of one per id. */
const POOLED_IDS = 128;
const ID_BYTES = 12;
const pool = Buffer.alloc(POOLED_IDS * ID_BYTES);
let next = POOLED_IDS;

/**
 * Unguessable id with a type prefix: `cnv_…` conversation, `msg_…` message, `vis_…`, `agt_…`,
 * `ses_…`, `not_…` note, `can_…` canned reply, `evt_…` webhook event.
 *
 * The creation time in milliseconds (9 base-36 digits, so ids sort by it as plain strings) comes
 * before the 96 random bits. Ids are primary keys: random ones land on a random page of their index
 * and dirty a page per insert (a message append wrote a fifth more to the WAL that way), while
 * ids made in order all go to the end of it. The time is no secret: the rows carry `createdAt`.
 */
export function newId(prefix: "cnv" | "msg" | "vis" | "agt" | "ses" | "not" | "can" | "evt"): string {
  if (next === POOLED_IDS) {
    randomFillSync(pool);
    next = 0;
  }
  const start = next++ * ID_BYTES;
  return `${prefix}_${Date.now().toString(36).padStart(9, "0")}${pool.toString("base64url", start, start + ID_BYTES)}`;
}
