import { deliveryTimeFor, destinationName, type DeliveryTime } from "../knowledge/delivery-times";
import type { Passage } from "../knowledge/passages";
import { answerOrder, type Answer, type AnswerContext } from "./answers.server";
import type { ConversationState, OrderCard } from "./contract";
import { dateIn, deliveryWindow, formatDate, formatWindow, type DeliveryWindow } from "./delivery-estimate";
import type { Decision } from "./dialogue";
import { orderAspectOf, type OrderAspect } from "./order-followups";
import { shippedAt, type OrderLookup, type OrderRow } from "./orders.server";

/**
 * Answers about the order the conversation already verified: its items, when it should
 * arrive, its tracking, whether it can still be changed or cancelled. Every fact is the
 * order's own (synced from Shopify) or a sentence of the shop's policies; the delivery
 * window is an estimate from the shipping policy and is always called one.
 */

/**
 * On a status card the window is shown while it can still help the shopper waiting for
 * the parcel; a fortnight after its last day the parcel has arrived or is lost, and a
 * person (not an estimate) is what helps.
 */
export const STALE_ESTIMATE_DAYS = 14;

export interface OrderEstimate {
  time: DeliveryTime;
  window: DeliveryWindow;
  card: NonNullable<OrderCard["estimatedDelivery"]>;
}

/** Why an order has no estimate, for saying so. */
export type NoEstimate = "cancelled" | "no_destination" | "no_times";

export function estimateFor(
  order: OrderRow,
  passages: Passage[],
  { now, timeZone, locale }: { now: Date; timeZone: string; locale: string },
): OrderEstimate | NoEstimate {
  if (order.cancelledAt) return "cancelled";
  if (!order.shippingCountry) return "no_destination";
  const time = deliveryTimeFor(passages, order.shippingCountry);
  if (!time) return "no_times";
  const window = deliveryWindow(time, { shippedAt: shippedAt(order), now, timeZone });
  const today = dateIn(now, timeZone);
  const range = formatWindow(window.earliest, window.latest, locale, today);
  const text = window.past
    ? `Estimated delivery was ${range}: it should have arrived by ${formatDate(window.latest, locale, today)}.`
    : `Estimated delivery: ${range}.`;
  return { time, window, card: { earliest: window.earliest, latest: window.latest, text } };
}

function staleAt(window: DeliveryWindow, now: Date, timeZone: string) {
  const limit = new Date(`${window.latest}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + STALE_ESTIMATE_DAYS);
  return limit.toISOString().slice(0, 10) < dateIn(now, timeZone);
}

/** The card with its estimate, unless it has none or it went stale (see STALE_ESTIMATE_DAYS). */
function cardWithEstimate(card: OrderCard, estimate: OrderEstimate | NoEstimate, now: Date, timeZone: string) {
  if (typeof estimate === "string" || staleAt(estimate.window, now, timeZone))
    return { ...card, estimatedDelivery: null };
  return { ...card, estimatedDelivery: estimate.card };
}

/** A found order's card carries its delivery estimate, for status answers. */
export function withDeliveryEstimate(
  lookup: OrderLookup,
  ctx: AnswerContext,
  { now, locale }: { now: Date; locale: string },
): OrderLookup {
  if (lookup.status !== "found") return lookup;
  const timeZone = ctx.shop.timezone;
  const estimate = estimateFor(lookup.order, ctx.knowledge.passages, { now, timeZone, locale });
  return { ...lookup, card: cardWithEstimate(lookup.card, estimate, now, timeZone) };
}

const LISTED_ITEMS = 10;

/** "6 × A, 2 × B and 1 × C"; past ten lines, "… and 5 more". */
export function itemList(items: { title: string; quantity: number }[]): string {
  const shown = items.slice(0, LISTED_ITEMS).map((item) => `${item.quantity} × ${item.title}`);
  const more = items.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : (shown[0] ?? "");
}

/** The refund policy's sentence that gives the return window ("within 30 days"), with its source. */
function returnWindow(passages: Passage[]): { sentence: string; passage: Passage } | null {
  for (const passage of passages) {
    if (passage.kind !== "REFUND_POLICY") continue;
    const sentences = passage.text.match(/[^.!?]+[.!?]*/g) ?? [passage.text];
    const sentence = sentences.find(
      (s) =>
        /\breturn/i.test(s) && /\b\d+\s*(?:calendar\s+|business\s+|working\s+)?(?:days?|weeks?|months?)\b/i.test(s),
    );
    if (sentence) return { sentence: sentence.trim(), passage };
  }
  return null;
}

const sourceOf = (passage: Passage) => ({
  title: passage.heading && passage.kind !== "FAQ" ? `${passage.sourceTitle}: ${passage.heading}` : passage.sourceTitle,
  url: passage.sourceUrl,
});

const INTENT_OF: Record<OrderAspect, string> = {
  items: "order_status",
  arrival: "order_status",
  tracking: "order_status",
  status: "order_status",
  change: "change_address",
  cancel: "cancel_order",
};

export function answerOrderFollowup(
  decision: Extract<Decision, { kind: "order_followup" }>,
  found: { order: OrderRow; card: OrderCard } | null,
  ctx: AnswerContext,
  { now, locale }: { now: Date; locale: string },
): Answer {
  const state: ConversationState = {
    ...ctx.state,
    lastIntent: INTENT_OF[decision.aspect],
    misunderstandings: 0,
    pending: null,
  };
  if (!found) {
    return {
      reply: {
        text: "I can't find that order any more. Tell me its order number and I'll look again.",
        resolved: false,
      },
      state: {
        ...state,
        orderId: null,
        orderName: null,
        pending: { kind: "order_number", data: { action: "order_status" } },
      },
    };
  }
  const { order } = found;
  const timeZone = ctx.shop.timezone;
  const today = dateIn(now, timeZone);
  const estimate = estimateFor(order, ctx.knowledge.passages, { now, timeZone, locale });
  const card = cardWithEstimate(found.card, estimate, now, timeZone);
  const name = card.name;
  const shipDate = shippedAt(order);
  const shippedOn = shipDate ? ` on ${formatDate(dateIn(shipDate, timeZone), locale, today)}` : "";
  const status = order.fulfillmentStatus.toUpperCase();
  const shipped = shipDate !== null || status === "FULFILLED";
  const cancelledOn = order.cancelledAt
    ? `Order ${name} was cancelled on ${formatDate(dateIn(order.cancelledAt, timeZone), locale, today)}`
    : null;

  switch (decision.aspect) {
    case "items": {
      const text = card.items.length
        ? `Order ${name} contains ${itemList(card.items)}.`
        : `I can't see the items of order ${name}. A person from the shop can tell you.`;
      return { reply: { text, resolved: card.items.length > 0, order: card }, state };
    }
    case "arrival": {
      if (cancelledOn)
        return { reply: { text: `${cancelledOn}, so it won't be delivered.`, resolved: true, order: card }, state };
      if (typeof estimate === "string") {
        const why =
          estimate === "no_destination"
            ? `I don't know which country order ${name} is going to, so I can't estimate when it will arrive.`
            : `The shop's shipping policy gives no delivery times for ${destinationName(order.shippingCountry!)}, so I can't estimate when it will arrive.`;
        return {
          reply: {
            text: `Order ${name}: ${card.statusText} ${why} A person from the shop can tell you more.`,
            resolved: false,
            order: card,
            suggestions: ["Talk to a person"],
            handoff: { reason: "offered" },
          },
          state,
        };
      }
      const basis = `${estimate.time.phrase} for delivery to ${destinationName(order.shippingCountry!)}, per the shipping policy`;
      const range = formatWindow(estimate.window.earliest, estimate.window.latest, locale, today);
      const sources = [sourceOf(estimate.time.passage)];
      // The follow-up asked for the window, so it is given even when stale (the card rule is for status answers).
      const withWindow = { ...card, estimatedDelivery: estimate.card };
      if (estimate.window.past) {
        return {
          reply: {
            text: `Order ${name} shipped${shippedOn}, so it should have arrived by ${formatDate(estimate.window.latest, locale, today)} (an estimate: ${basis}). If it hasn't arrived, I can ask a person from the shop to look into it.`,
            resolved: true,
            order: withWindow,
            sources,
            suggestions: ["Talk to a person"],
            handoff: { reason: "offered" },
          },
          state,
        };
      }
      const text = estimate.window.shipped
        ? `Order ${name} shipped${shippedOn}. Estimated delivery: ${range} (an estimate: ${basis}).`
        : `Order ${name} has not shipped yet. If it ships today, the estimated delivery is ${range} (${basis}).`;
      return { reply: { text, resolved: true, order: withWindow, sources }, state };
    }
    case "tracking": {
      if (cancelledOn)
        return { reply: { text: `${cancelledOn}, so it has no tracking.`, resolved: true, order: card }, state };
      if (card.tracking.length) {
        const parcels = card.tracking
          .map((t) => [t.company, t.number].filter(Boolean).join(" ") + (t.url ? `: ${t.url}` : ""))
          .join("; ");
        return {
          reply: { text: `Order ${name} shipped${shippedOn}. Tracking: ${parcels}`, resolved: true, order: card },
          state,
        };
      }
      if (shipped) {
        return {
          reply: {
            text: `Order ${name} shipped${shippedOn}, but the shop did not add a tracking number to it. A person from the shop can check with the carrier.`,
            resolved: false,
            order: card,
            suggestions: ["Talk to a person"],
            handoff: { reason: "offered" },
          },
          state,
        };
      }
      return {
        reply: {
          text: `Order ${name} has not shipped yet, so there is no tracking number yet. It will show here once the order ships.`,
          resolved: true,
          order: card,
        },
        state,
      };
    }
    case "change":
    case "cancel": {
      const verb = decision.aspect === "cancel" ? "cancelled" : "changed";
      if (cancelledOn) {
        return {
          reply: { text: `${cancelledOn}, so there is nothing left to change.`, resolved: true, order: card },
          state,
        };
      }
      if (!shipped && status !== "PARTIALLY_FULFILLED") {
        return {
          reply: {
            text: `Order ${name} has not shipped yet, so it can still be ${verb}. I can't do that myself, so I've asked a person from the shop to help; they will reply here.`,
            resolved: true,
            order: card,
            handoff: { reason: "requested" },
          },
          state,
        };
      }
      if (status === "PARTIALLY_FULFILLED") {
        return {
          reply: {
            text: `Part of order ${name} has already shipped${shippedOn}. I've asked a person from the shop to see what can still be ${verb}; they will reply here.`,
            resolved: true,
            order: card,
            handoff: { reason: "requested" },
          },
          state,
        };
      }
      const window = returnWindow(ctx.knowledge.passages);
      if (window) {
        return {
          reply: {
            text: `Order ${name} shipped${shippedOn}, so it can no longer be ${verb}. You can return items instead: "${window.sentence}"`,
            resolved: true,
            order: card,
            sources: [sourceOf(window.passage)],
            suggestions: ["How do I start a return?", "Talk to a person"],
          },
          state,
        };
      }
      const policy = ctx.knowledge.policyUrls.get("REFUND_POLICY");
      return {
        reply: {
          text: `Order ${name} shipped${shippedOn}, so it can no longer be ${verb}. A person from the shop can help you return items instead.`,
          resolved: true,
          order: card,
          sources: policy ? [{ title: policy.title, url: policy.url }] : undefined,
          suggestions: ["Talk to a person"],
          handoff: { reason: "offered" },
        },
        state,
      };
    }
    case "status": {
      const tracking = card.tracking.length ? " The tracking link is below." : "";
      const window =
        card.estimatedDelivery && typeof estimate !== "string" && !estimate.window.past
          ? ` Estimated delivery: ${formatWindow(estimate.window.earliest, estimate.window.latest, locale, today)}.`
          : "";
      return {
        reply: { text: `Order ${name}: ${card.statusText}${window}${tracking}`, resolved: true, order: card },
        state,
      };
    }
  }
}

/**
 * An order question answered from a lookup. A question about one aspect asked before the
 * order was verified ("when will my order arrive?") is answered as its follow-up would be,
 * also when the answer comes turns later, after the email asked for: the aspect waits in
 * the pending verification, with the email's hash (`emailHash`, see keptEmailHash) so that
 * a number given next is tried with it. A cancel or change of a found order is answered as
 * its follow-up: shipped, a return; not yet, a person.
 */
export function answerOrderLookup(
  lookup: OrderLookup,
  decision: Extract<Decision, { kind: "order_status" | "order_change" }>,
  ctx: AnswerContext,
  { now, locale, text, emailHash = null }: { now: Date; locale: string; text: string; emailHash?: string | null },
): Answer {
  const pending = ctx.state.pending;
  const waiting =
    pending?.kind === "order_email" || pending?.kind === "order_number" ? pending.data?.aspect : undefined;
  const asked = orderAspectOf(text) ?? waiting;
  const aspect: OrderAspect | null =
    decision.kind === "order_change"
      ? decision.action === "cancel_order"
        ? "cancel"
        : "change"
      : asked === "items" || asked === "arrival" || asked === "tracking"
        ? asked
        : null;
  if (lookup.status === "found" && aspect) {
    const verified: ConversationState = {
      ...ctx.state,
      orderId: lookup.orderId,
      orderName: lookup.card.name,
      verificationFailures: 0,
    };
    return answerOrderFollowup(
      { kind: "order_followup", aspect, orderId: lookup.orderId },
      { order: lookup.order, card: lookup.card },
      { ...ctx, state: verified },
      { now, locale },
    );
  }
  const answer = answerOrder(withDeliveryEstimate(lookup, ctx, { now, locale }), decision, ctx);
  const next = answer.state.pending;
  const waits = decision.kind === "order_status" && aspect ? { aspect } : {};
  if (next && (next.kind === "order_email" || next.kind === "order_number") && (aspect || emailHash))
    return {
      ...answer,
      state: {
        ...answer.state,
        pending: { ...next, data: { ...next.data, ...waits, ...(emailHash ? { emailHash } : {}) } },
      },
    };
  return answer;
}
