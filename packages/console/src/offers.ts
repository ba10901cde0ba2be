import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import type { RelaydeskClient } from "@relaydesk/client";
import type { AgentActions } from "@relaydesk/client/agent";
import type { Conversation, OfferEvent, OfferRevoked, Welcome } from "@relaydesk/sdk-types";
import { type AgentLink, type AgentModule, describeError, errorCode } from "./agent-link.ts";
import { pageOf, visitorLabel } from "./ui/describe-conversation.ts";

/** A conversation offered to the signed-in agent, waiting for Accept or Decline. */
export interface HeldOffer {
  conversation: Conversation;
  /**
   * When the offer runs out, on this browser's clock: the relay's `expiresAt` moved by the
   * difference between the relay's clock and this one (from `welcome.serverTime`), so a
   * browser clock that is off by minutes still counts down the seconds the relay will wait.
   */
  expiresAt: number;
  /** An accept or decline is on its way to the relay; the buttons wait for its answer. */
  answering: "accept" | "decline" | null;
}

export interface OffersOptions {
  link: AgentLink;
  now?: () => number;
}

const DEFAULTS = { now: Date.now } satisfies Required<Omit<OffersOptions, "link">>;

export interface Offers extends AgentModule {
  /** Offers open to this agent, the one running out first at the top. */
  readonly list: ReadonlySignal<readonly HeldOffer[]>;
  /** Ids of the conversations offered to this agent (for the inbox's Offered view). */
  readonly ids: ReadonlySignal<ReadonlySet<string>>;
  /**
   * The relay's clock minus this browser's, from the latest `welcome.serverTime`: add it to
   * `Date.now()` to compare with relay times (SLA `dueAt`). 0 until the first welcome.
   */
  readonly skew: ReadonlySignal<number>;
  /** The latest offer news in words; shown and read out (aria-live) as it changes. */
  readonly announcement: ReadonlySignal<string>;
  /** Take the conversation: on success it is assigned to you and opens. */
  accept(conversationId: string): void;
  /** Pass: the relay offers it to the next agent at once. */
  decline(conversationId: string): void;
}

/**
 * Offers made to the signed-in agent (`offer`, `offer-revoked`) and the agent's answers to them.
 *
 * @example
 * const offers = createOffers({ link });
 * offers.attach(client, agentActions(client));
 * offers.accept(offers.list.value[0]!.conversation.id);
 */
export function createOffers(options: OffersOptions): Offers {
  const o = { ...DEFAULTS, ...options };
  const { link } = o;
  const list = signal<readonly HeldOffer[]>([]);
  const announcement = signal("");
  const ids = computed(() => new Set(list.value.map((offer) => offer.conversation.id)));
  let actions: AgentActions | null = null;
  // The relay's clock minus this browser's, from the latest welcome.
  const skew = signal(0);

  const find = (id: string) => list.value.find((offer) => offer.conversation.id === id);
  const remove = (id: string) => {
    list.value = list.value.filter((offer) => offer.conversation.id !== id);
  };
  const patch = (id: string, answering: HeldOffer["answering"]) => {
    list.value = list.value.map((offer) => (offer.conversation.id === id ? { ...offer, answering } : offer));
  };
  const describeOffer = (conversation: Conversation) => {
    const page = pageOf(conversation);
    const where = page.title ?? page.url;
    return where ? `${visitorLabel(conversation)} (${where})` : visitorLabel(conversation);
  };

  function onWelcome(welcome: Welcome): void {
    skew.value = welcome.serverTime - o.now();
    // Offers are made to sockets: the relay moved the old socket's offers on when it went away,
    // and makes new ones to this socket.
    list.value = [];
  }

  function onOffer(event: OfferEvent): void {
    const offer: HeldOffer = {
      conversation: event.conversation,
      expiresAt: event.expiresAt - skew.value,
      answering: null,
    };
    const others = list.value.filter((held) => held.conversation.id !== event.conversation.id);
    batch(() => {
      list.value = [...others, offer].sort((a, b) => a.expiresAt - b.expiresAt);
      announcement.value = `New conversation offered to you: ${describeOffer(event.conversation)}`;
    });
  }

  function onRevoked(event: OfferRevoked): void {
    const held = find(event.conversationId);
    if (!held) return;
    batch(() => {
      remove(event.conversationId);
      // "accepted" and "declined" are this agent's own answers (maybe from another tab).
      if (event.reason === "expired" || event.reason === "withdrawn") {
        announcement.value = `The offer of ${describeOffer(held.conversation)} ${
          event.reason === "expired" ? "expired" : "was withdrawn"
        }`;
      }
    });
  }

  function answer(conversationId: string, kind: "accept" | "decline"): void {
    const held = find(conversationId);
    const a = actions;
    if (!held || held.answering !== null || !a) return;
    patch(conversationId, kind);
    const request = kind === "accept" ? a.acceptOffer(conversationId) : a.declineOffer(conversationId);
    request.then(
      (conversation) => {
        if (actions !== a) return;
        batch(() => {
          remove(conversationId);
          link.upsertConversation(conversation);
          announcement.value = `You ${kind === "accept" ? "accepted" : "declined"} ${describeOffer(conversation)}`;
        });
        if (kind === "accept") link.openConversation(conversation.id);
      },
      (cause: unknown) => {
        if (actions !== a) return;
        batch(() => {
          // Gone for good (expired, moved on, closed): holding it would offer a dead button.
          if (errorCode(cause) === "offer-expired" || errorCode(cause) === "not-found")
            remove(conversationId);
          else patch(conversationId, null);
          link.fail(`Could not ${kind} the conversation: ${describeError(cause)}`);
        });
      },
    );
  }

  return {
    list,
    ids,
    skew,
    announcement,
    attach(client: RelaydeskClient, agent: AgentActions) {
      actions = agent;
      return [
        client.on("welcome", onWelcome),
        client.on("offer", onOffer),
        client.on("offer-revoked", onRevoked),
      ];
    },
    reset() {
      actions = null;
      batch(() => {
        skew.value = 0;
        list.value = [];
        announcement.value = "";
      });
    },
    accept: (conversationId) => answer(conversationId, "accept"),
    decline: (conversationId) => answer(conversationId, "decline"),
  } satisfies Offers;
}
