import type { IncomingMessage, ServerResponse } from "node:http";
import type { Attachment, AttachmentType } from "@relaydesk/sdk-types";
import type { Logger } from "../logger.ts";
import type { Identity } from "../relay/identity.ts";
import { maySee } from "../relay/request-scope.ts";
import type { Storage } from "../storage/types.ts";
import { sendError, sendJson } from "./json-reply.ts";
import { sanitizeFileName } from "./sanitize-file-name.ts";
import { tooLarge, type UploadFiles } from "./upload-files.ts";
import { newUploadId } from "./upload-id.ts";
import type { UploadSettings } from "./upload-options.ts";

export interface PostUploadDeps {
  storage: Storage;
  files: UploadFiles;
  settings: UploadSettings;
  logger: Logger;
  now: () => number;
}

/** One authenticated `POST /v1/uploads` (the route has checked the method, origin and token). */
export type PostUpload = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  identity: Identity | null,
  headers: Record<string, string>,
) => Promise<void>;

const HOUR_MS = 60 * 60 * 1000;
const EXTENSIONS: Record<AttachmentType, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "application/pdf": ".pdf",
  "text/plain": ".txt",
};
export const NO_CONVERSATION = "no such conversation, or your token does not grant access to it";

/**
 * Receive one file into a conversation: check who asks and the limits before reading a byte,
 * then stream the body to disk (size and type enforced as it arrives), and record it. Answers
 * `201 { id, name, type, size }`, the attachment a `send-message` can then carry by id.
 *
 * Counts include uploads still streaming: each takes its place before the stored count is read,
 * so concurrent uploads can at worst be refused too early, never let past a limit.
 */
export function createPostUpload(deps: PostUploadDeps): PostUpload {
  const { storage, files, settings, logger, now } = deps;
  const inFlight = new Map<string, number>();
  const take = (key: string) => inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
  const give = (key: string) => {
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  };

  return async (req, res, url, identity, headers) => {
    const conversationId = url.searchParams.get("conversationId");
    if (!conversationId) {
      return sendError(req, res, "bad-request", "conversationId is missing from the query", headers);
    }
    const rawName = url.searchParams.get("name") ?? "";
    if (rawName.length > 1024) {
      return sendError(req, res, "bad-request", "name is longer than 1024 characters", headers);
    }
    const conversation = identity ? await storage.getConversation(conversationId) : null;
    if (!identity || !conversation || !maySee(identity, conversation)) {
      return sendError(req, res, "not-found", NO_CONVERSATION, headers);
    }
    if (conversation.status === "closed") {
      return sendError(req, res, "conversation-closed", "the conversation is closed", headers);
    }
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (declared > settings.maxBytes) {
      return sendError(req, res, "upload-too-large", tooLarge(settings.maxBytes), headers);
    }

    const uploader = { kind: identity.role, id: identity.self.id } as const;
    const conversationKey = `c:${conversation.id}`;
    const uploaderKey = `u:${uploader.kind}:${uploader.id}`;
    take(conversationKey);
    take(uploaderKey);
    try {
      const [inConversation, lastHour] = await Promise.all([
        storage.countUploads({ conversationId: conversation.id }),
        storage.countUploads({ uploader, createdSince: now() - HOUR_MS }),
      ]);
      if (inConversation + (inFlight.get(conversationKey) ?? 0) > settings.maxPerConversation) {
        return sendError(
          req,
          res,
          "upload-quota-exceeded",
          `the conversation already holds the most uploads allowed (${settings.maxPerConversation})`,
          headers,
        );
      }
      if (lastHour + (inFlight.get(uploaderKey) ?? 0) > settings.maxPerUploaderPerHour) {
        return sendError(
          req,
          res,
          "upload-rate-limited",
          `at most ${settings.maxPerUploaderPerHour} uploads per hour; try again later`,
          headers,
        );
      }

      const id = newUploadId();
      const received = await files.receive(id, req, settings.maxBytes);
      if (!received.ok) {
        if (received.code === "aborted") {
          logger.info("upload aborted", { conversationId: conversation.id });
          res.destroy();
          return;
        }
        return sendError(req, res, received.code, received.message, headers);
      }
      const attachment: Attachment = {
        id,
        name: sanitizeFileName(rawName, `file${EXTENSIONS[received.type]}`),
        type: received.type,
        size: received.size,
      };
      try {
        await storage.createUpload({
          ...attachment,
          appId: conversation.appId,
          conversationId: conversation.id,
          uploader,
          sha256: received.sha256,
          createdAt: now(),
        });
      } catch (error) {
        await files.remove(id);
        throw error;
      }
      sendJson(res, 201, attachment, headers);
    } finally {
      give(conversationKey);
      give(uploaderKey);
    }
  };
}
