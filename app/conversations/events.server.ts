import { rewardVisitor } from "../experiments/bandit.server";
import { recordOutcome } from "../experiments/store.server";
import { HttpError } from "../http/errors.server";
import type { ChatDeps, StorefrontCaller } from "./conversations.server";
import { limit, productGid } from "./conversations.server";
import { isTrackingOff, setTrackingOff } from "./preferences.server";

/**
 * What the widget records: product views and add-to-carts, and the chat's product cards
 * shown (rec_impression) and opened (rec_click), which the dashboard's click-through and
 * add-to-cart rates count. Recommendations read only `view`.
 */
export const BEHAVIOUR_EVENT_TYPES = ["view", "add_to_cart", "rec_impression", "rec_click"] as const;

export interface BehaviourEventInput {
  type: (typeof BEHAVIOUR_EVENT_TYPES)[number];
  productId?: string | null;
  variantId?: string | null;
  quantity?: number | null;
  /** When it happened in the browser (ms since epoch); events can be sent in a batch later. */
  at?: number | null;
}

export interface EventsInput {
  visitorToken: string;
  conversationId?: string | null;
  /** What the Customer Privacy API answered on the shopper's page; the schema only lets `true` in. */
  consent: true;
  events: BehaviourEventInput[];
}

const EVENT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

function visitorOf(deps: ChatDeps, caller: StorefrontCaller, token: string) {
  const visitorId = deps.tokens.verify(caller.shop, token);
  if (!visitorId) throw new HttpError("unauthorized", "This chat session has expired. Reload the page.");
  return visitorId;
}

/**
 * Records product views and add-to-carts. Only reached when the widget saw analytics
 * allowed by the Customer Privacy API (the body must say so), and refused outright when
 * the shopper chose "Don't use my data", whatever the widget sends.
 */
export async function recordEvents(deps: ChatDeps, caller: StorefrontCaller, input: EventsInput) {
  const { db } = deps;
  const visitorId = visitorOf(deps, caller, input.visitorToken);
  await limit(deps, "write", { shop: caller.shop, visitorId, ip: caller.ip });
  if (await isTrackingOff(db, caller.shop, { visitorId, customerId: caller.customerId })) {
    throw new HttpError("forbidden", "You asked us not to use your data, so nothing was recorded.");
  }
  // A conversation id is kept only when it is this visitor's own, for attribution.
  const conversation = input.conversationId
    ? await db.conversation.findFirst({
        where: { id: input.conversationId, shop: caller.shop, visitorId },
        select: { id: true },
      })
    : null;
  const now = (deps.now?.() ?? new Date()).getTime();
  const rows = input.events.map((event) => ({
    shop: caller.shop,
    visitorId,
    customerId: caller.customerId,
    conversationId: conversation?.id ?? null,
    type: event.type,
    productId: productGid(event.productId),
    variantId: variantGid(event.variantId),
    quantity: event.type === "add_to_cart" ? (event.quantity ?? 1) : null,
    occurredAt: new Date(
      event.at && event.at <= now && event.at >= now - EVENT_MAX_AGE_MS ? Math.floor(event.at) : now,
    ),
  }));
  await db.behaviourEvent.createMany({ data: rows });
  for (const row of rows) {
    // A card opened from the chat is the experiments' "click".
    if (row.type === "rec_click" || row.type === "add_to_cart") {
      const type = row.type === "rec_click" ? "click" : row.type;
      await recordOutcome(db, caller.shop, visitorId, { type, at: row.occurredAt });
      // ...and the bandits' reward: a card opened counts for the strategy that served it;
      // an add-to-cart also for the greeting that opened the chat.
      await rewardVisitor(db, caller.shop, visitorId, type, {
        kinds: type === "click" ? ["strategy"] : ["strategy", "greeting"],
        now: row.occurredAt,
      });
    }
  }
  return { recorded: rows.length };
}

/** "Don't use my data": remembered for this browser and, when logged in, for the customer. */
export async function updatePreferences(
  deps: ChatDeps,
  caller: StorefrontCaller,
  input: { visitorToken: string; trackingOff: boolean },
) {
  const visitorId = visitorOf(deps, caller, input.visitorToken);
  await limit(deps, "write", { shop: caller.shop, visitorId, ip: caller.ip });
  await setTrackingOff(deps.db, caller.shop, { visitorId, customerId: caller.customerId }, input.trackingOff);
  if (input.trackingOff) {
    // "Don't use my data" covers what was already recorded: recommendations read these.
    await deps.db.behaviourEvent.deleteMany({
      where: {
        shop: caller.shop,
        OR: [{ visitorId }, ...(caller.customerId ? [{ customerId: caller.customerId }] : [])],
      },
    });
    // Experiments stop counting this browser too (its exposures and outcomes go).
    await deps.db.experimentEvent.deleteMany({ where: { shop: caller.shop, visitorId } });
    await deps.db.banditPull.deleteMany({ where: { shop: caller.shop, visitorId } });
  }
  return { trackingOff: await isTrackingOff(deps.db, caller.shop, { visitorId, customerId: caller.customerId }) };
}

function variantGid(value: string | null | undefined): string | null {
  if (!value) return null;
  if (/^\d{1,20}$/.test(value)) return `gid://shopify/ProductVariant/${value}`;
  return /^gid:\/\/shopify\/ProductVariant\/\d{1,20}$/.test(value) ? value : null;
}
