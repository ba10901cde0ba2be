import type { Conversation, Identified, Identify } from "@relaydesk/sdk-types";
import { hashToken, newToken } from "../../auth/tokens.ts";
import { type IdentityClaim, verifyIdentity } from "../../auth/verify-identity.ts";
import { isRelaydeskError } from "../../errors.ts";
import { newId } from "../../ids.ts";
import type { Visitor, VisitorProfile } from "../../storage/types.ts";
import { visitorIdentity } from "../authenticate.ts";
import { errorFrame, type RequestScope } from "../request-scope.ts";

/**
 * Visitor: become the vendor's signed-in user. Everything is checked before anything is written,
 * so a refused `identify` changes nothing: not this connection, not the claimed user's visitor,
 * not the anonymous one. Accepted, it:
 *
 * 1. finds or creates the app's visitor for that user id and gives it a fresh token (one per
 *    browser; `identified.visitorToken`);
 * 2. moves the connection's anonymous conversations to it, unless the connection was already
 *    identified (switching users carries nothing) or `carryConversations` is false;
 * 3. revokes the token this connection authenticated with, always: a token that was known to the
 *    page before sign-in (or planted in it) must not end up speaking for the user (session fixation);
 * 4. switches the connection's identity and its fan-out subscription to the identified visitor.
 */
export async function identify(scope: RequestScope, request: Identify): Promise<void> {
  const { identity, services, outbound } = scope;
  if (identity.role !== "visitor") {
    outbound.send(errorFrame(request.id, "forbidden", "only visitors identify"));
    return;
  }
  const { storage, logger } = services;
  const app = await storage.getApp(identity.appId);
  const claim: IdentityClaim =
    "jwt" in request ? { jwt: request.jwt } : { userId: request.userId, signature: request.signature };
  const verdict = verifyIdentity({
    claim,
    appId: identity.appId,
    secrets: app?.identitySecrets ?? [],
    now: services.now(),
  });
  if (!verdict.ok) {
    logger.info("identify refused", {
      appId: identity.appId,
      visitorId: identity.visitorId,
      code: verdict.code,
    });
    outbound.send(errorFrame(request.id, verdict.code, verdict.reason));
    return;
  }

  const profile: VisitorProfile | undefined =
    verdict.method === "jwt"
      ? { ...verdict.profile, verified: true }
      : request.profile
        ? {
            ...(request.profile.name !== undefined ? { name: request.profile.name } : {}),
            ...(request.profile.email !== undefined ? { email: request.profile.email } : {}),
            verified: false,
          }
        : undefined;
  const token = newToken("rdv");
  const tokenHash = hashToken(token);
  const now = services.now();
  const { visitor, renamed } = await services.visitorLock.run(
    `user:${identity.appId}:${verdict.userId}`,
    () => claimVisitor(scope, identity.appId, verdict.userId, tokenHash, profile, now),
  );

  let carried: Conversation[] = [];
  const carry = identity.userId === undefined && request.carryConversations !== false;
  if (carry && visitor.id !== identity.visitorId) {
    // Under the anonymous visitor's lock: a start-conversation of another tab cannot slip in between.
    carried = await services.visitorLock.run(identity.visitorId, () =>
      storage.moveConversations(identity.visitorId, visitor.id),
    );
  }
  await storage.revokeVisitorToken(identity.appId, identity.tokenHash);
  const next = visitorIdentity(visitor, tokenHash);
  await scope.switchVisitor(next);

  outbound.send({
    type: "identified",
    replyTo: request.id,
    visitorId: visitor.id,
    visitorToken: token,
    userId: verdict.userId,
    self: next.self,
    carried: carried.map((c) => c.id),
  } satisfies Identified);
  logger.info("visitor identified", {
    appId: identity.appId,
    from: identity.visitorId,
    visitorId: visitor.id,
    method: verdict.method,
    carried: carried.length,
  });
  // Agents see the conversations change hands (and who the visitor now is); the user's other
  // browsers learn of them. A changed profile also shows on the user's earlier conversations.
  for (const conversation of await updatedConversations(scope, visitor, carried, renamed)) {
    try {
      await services.fanOut.conversationUpdated(conversation);
    } catch (error) {
      logger.error("publish failed", {
        event: "conversation-updated",
        conversationId: conversation.id,
        error,
      });
    }
  }
}

/** How many of an identified visitor's conversations a profile change is announced for. */
const RENAME_ANNOUNCED = 100;

/**
 * The conversations agents must hear about: the carried ones, and when the profile changed, the
 * visitor's most recently active ones too (agents list at most the active and recent closed ones).
 */
async function updatedConversations(
  scope: RequestScope,
  visitor: Visitor,
  carried: Conversation[],
  renamed: boolean,
): Promise<Conversation[]> {
  if (!renamed) return carried;
  const recent = await scope.services.storage.listConversations({
    appId: visitor.appId,
    visitorId: visitor.id,
    limit: RENAME_ANNOUNCED,
  });
  const listed = new Set(recent.map((c) => c.id));
  return [...recent, ...carried.filter((c) => !listed.has(c.id))];
}

interface Claimed {
  visitor: Visitor;
  /** The stored profile of an existing visitor changed (what agents see of it is stale). */
  renamed: boolean;
}

/** The app's visitor for `userId`, created on first use, with one more token and the latest profile. */
async function claimVisitor(
  scope: RequestScope,
  appId: string,
  userId: string,
  tokenHash: string,
  profile: VisitorProfile | undefined,
  now: number,
): Promise<Claimed> {
  const { storage } = scope.services;
  const existing = await storage.findVisitorByUserId(appId, userId);
  if (!existing) {
    try {
      const created = await storage.createVisitor({
        id: newId("vis"),
        appId,
        tokenHash,
        createdAt: now,
        userId,
        ...(profile ? { profile } : {}),
      });
      return { visitor: created, renamed: false };
    } catch (error) {
      // Another relay node created this user's visitor first: join it.
      if (!isRelaydeskError(error, "conflict")) throw error;
      const raced = await storage.findVisitorByUserId(appId, userId);
      if (!raced) throw error;
      return addToken(scope, raced, tokenHash, profile, now);
    }
  }
  return addToken(scope, existing, tokenHash, profile, now);
}

async function addToken(
  scope: RequestScope,
  visitor: Visitor,
  tokenHash: string,
  profile: VisitorProfile | undefined,
  now: number,
): Promise<Claimed> {
  const { storage } = scope.services;
  await storage.addVisitorToken({ appId: visitor.appId, visitorId: visitor.id, tokenHash, createdAt: now });
  // A profile is replaced only by a new one: an identify without one keeps what agents saw.
  if (!profile || JSON.stringify(profile) === JSON.stringify(visitor.profile)) {
    return { visitor, renamed: false };
  }
  const updated = await storage.updateVisitorProfile(visitor.id, profile);
  return { visitor: updated ?? visitor, renamed: updated !== null };
}
