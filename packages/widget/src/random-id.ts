/**
 * A random id after `prefix` (126 bits, the protocol's id alphabet), for clientMsgIds, conversation
 * keys and tab ids: the client's own generator, so widget.js carries one.
 */
export { createId as randomId } from "@relaydesk/client/parts";
