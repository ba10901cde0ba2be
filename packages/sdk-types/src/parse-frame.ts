import * as v from "valibot";
import type { ErrorCode } from "./codes.ts";
import type { AgentRequest, Hello, VisitorRequest } from "./frames/client-frames.ts";
import { AgentRequestSchema, HelloSchema, VisitorRequestSchema } from "./frames/client-frames.ts";
import type { Role } from "./frames/common.ts";
import type { ServerFrame } from "./frames/server-frames.ts";
import { ServerFrameSchema } from "./frames/server-frames.ts";

export type ParseResult<T> =
  | { ok: true; frame: T }
  | { ok: false; code: Extract<ErrorCode, "bad-frame" | "unknown-type">; message: string; replyTo?: string };

const KNOWN_REQUEST_TYPES: Record<Role, ReadonlySet<string>> = {
  visitor: new Set(VisitorRequestSchema.options.map((o) => o.entries.type.literal)),
  agent: new Set(AgentRequestSchema.options.map((o) => o.entries.type.literal)),
};

function decode(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `frame is not valid JSON: ${(error as Error).message}` };
  }
}

/** Short human-readable description of the first schema issue, e.g. "body: body must not be empty". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return "invalid frame";
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

function readableId(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === "string" && /^[A-Za-z0-9._:~-]{1,128}$/.test(id) ? id : undefined;
}

function withReplyTo<T>(result: ParseResult<T>, replyTo: string | undefined): ParseResult<T> {
  return !result.ok && replyTo !== undefined ? { ...result, replyTo } : result;
}

function check<T>(schema: v.GenericSchema<unknown, T>, value: unknown): ParseResult<T> {
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, frame: result.output };
  return { ok: false, code: "bad-frame", message: describeIssues(result.issues) };
}

/** Parse the first frame of a connection, which must be `hello`. */
export function parseHello(text: string): ParseResult<Hello> {
  const decoded = decode(text);
  if (!decoded.ok) return { ok: false, code: "bad-frame", message: decoded.message };
  return check(HelloSchema, decoded.value);
}

/**
 * Parse a frame a client sent after `hello`. Unknown `type`s are reported as `unknown-type` so a
 * newer client talking to an older relay learns what is missing rather than "invalid frame".
 */
export function parseRequest<R extends Role>(
  role: R,
  text: string,
): ParseResult<R extends "visitor" ? VisitorRequest : AgentRequest> {
  const decoded = decode(text);
  if (!decoded.ok) return { ok: false, code: "bad-frame", message: decoded.message };
  const value = decoded.value;
  const replyTo = readableId(value);
  const type = typeof value === "object" && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== "string") {
    return withReplyTo(
      { ok: false, code: "bad-frame", message: "type: frame must have a string `type`" },
      replyTo,
    );
  }
  if (!KNOWN_REQUEST_TYPES[role].has(type)) {
    const message = `type: "${type.slice(0, 64)}" is not a request a ${role} may send`;
    return withReplyTo({ ok: false, code: "unknown-type", message }, replyTo);
  }
  const schema = (role === "visitor"
    ? VisitorRequestSchema
    : AgentRequestSchema) as unknown as v.GenericSchema<
    unknown,
    R extends "visitor" ? VisitorRequest : AgentRequest
  >;
  return withReplyTo(check(schema, value), replyTo);
}

/** Parse a frame from the relay (clients validate what they receive too). */
export function parseServerFrame(text: string): ParseResult<ServerFrame> {
  const decoded = decode(text);
  if (!decoded.ok) return { ok: false, code: "bad-frame", message: decoded.message };
  return check(ServerFrameSchema, decoded.value);
}
