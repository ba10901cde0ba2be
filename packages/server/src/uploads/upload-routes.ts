import type { IncomingMessage, ServerResponse } from "node:http";
import { LIMITS } from "@relaydesk/sdk-types";
import type { Logger } from "../logger.ts";
import type { Storage } from "../storage/types.ts";
import { authenticateBearer } from "./authenticate-bearer.ts";
import { corsHeaders, preflightHeaders } from "./cors.ts";
import { getUpload } from "./get-upload.ts";
import { sendError } from "./json-reply.ts";
import { createPostUpload } from "./post-upload.ts";
import type { UploadFiles } from "./upload-files.ts";
import type { UploadSettings } from "./upload-options.ts";

export interface UploadRoutesOptions {
  storage: Storage;
  /** Null when the relay has no uploads folder: the routes then answer 404 and say why. */
  files: UploadFiles | null;
  settings: UploadSettings;
  logger: Logger;
  now: () => number;
}

export interface UploadRoutes {
  /** Handle the request if it is for `/v1/uploads…` and return true; false leaves it to others. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const PREFIX = "/v1/uploads";

/**
 * `POST /v1/uploads?conversationId=…&name=…[&appId=…]` and `GET /v1/uploads/<id>[?appId=…]`,
 * with `Authorization: Bearer <visitor or agent token>`, and their CORS preflights.
 *
 * `appId` marks a visitor request, as on the socket URL: it picks the app whose origin allowlist
 * answers CORS and whose visitor the token must be. A browser request from an origin outside the
 * allowlist is refused with 403 `origin-not-allowed` (a request without `Origin`, from a server or
 * a bot, is judged by its token alone).
 */
export function createUploadRoutes(options: UploadRoutesOptions): UploadRoutes {
  const { storage, files, settings, logger } = options;
  const postUpload = files ? createPostUpload({ ...options, files }) : null;

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const { pathname } = url;
    const isCollection = pathname === PREFIX;
    const method = isCollection ? "POST" : "GET";
    const appId = url.searchParams.get("appId");
    const app =
      appId === null || appId === "" || appId.length > LIMITS.maxIdChars ? null : await storage.getApp(appId);
    const origin = req.headers.origin;
    const cors = corsHeaders(origin, app?.allowedOrigins ?? null);
    const headers = { ...cors, Vary: "Origin" };

    if (req.method === "OPTIONS") {
      res.writeHead(204, cors ? { ...headers, ...preflightHeaders(method) } : headers);
      res.end();
      return;
    }
    if (req.method !== method) {
      res.setHeader("Allow", `${method}, OPTIONS`);
      res.setHeader("Content-Length", "0");
      res.writeHead(405, headers);
      res.end();
      return;
    }
    if (!files || !postUpload) {
      return sendError(req, res, "not-found", "uploads are not enabled on this relay", headers);
    }
    if (appId !== null && !app) return sendError(req, res, "not-found", "no such app", headers);
    if (app && origin !== undefined && !cors) {
      return sendError(
        req,
        res,
        "origin-not-allowed",
        "the page's Origin is not in the app's allowlist",
        headers,
      );
    }
    const identity = await authenticateBearer(storage, req.headers.authorization, appId);
    if (isCollection) return postUpload(req, res, url, identity, headers);
    const id = pathname.slice(PREFIX.length + 1);
    return getUpload(req, res, { storage, files, settings }, id, identity, headers);
  };

  return {
    handle(req, res) {
      let url: URL;
      try {
        url = new URL(req.url ?? "/", "http://relay.invalid");
      } catch {
        return false;
      }
      const { pathname } = url;
      if (
        pathname !== PREFIX &&
        !(pathname.startsWith(`${PREFIX}/`) && !pathname.slice(PREFIX.length + 1).includes("/"))
      ) {
        return false;
      }
      res.setHeader("X-Content-Type-Options", "nosniff");
      route(req, res, url).catch((error: unknown) => {
        logger.error("upload request failed", {
          path: pathname.startsWith(`${PREFIX}/`) ? `${PREFIX}/…` : pathname,
          error,
        });
        if (!res.headersSent) sendJsonInternal(res);
        else res.destroy();
      });
      return true;
    },
  } satisfies UploadRoutes;
}

function sendJsonInternal(res: ServerResponse): void {
  const body = JSON.stringify({
    error: { code: "internal", message: "the relay failed to handle the request" },
  });
  res.writeHead(500, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
  });
  res.end(body);
}
