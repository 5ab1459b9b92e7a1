import type { ConversationState } from "./contract";

/**
 * The dialogue policy: from what was understood in this message and what the
 * conversation already holds, decide what to do. Pure and synchronous, so every rule is
 * a unit test: follow-ups ("cheaper", "in blue", "the second one", "what about returns for
 * it"), one clarifying question when two readings are close, a person after two
 * misunderstandings in a row, on request or on a complaint.
 */

export interface Entities {
  orderNumbers: string[];
  emails: string[];
  priceMin: number | null;
  priceMax: number | null;
  colours: string[];
  sizes: string[];
  quantities: number[];
  /** 1-based position in the last list, or -1 for "the last one". */
  ordinal: number | null;
  productTypes: string[];
  vendors: string[];
  tags: string[];
  /** Catalog products named in the message. */
  productIds: string[];
  countries: string[];
}

export interface Understanding {
  text: string;
  /** The best in-scope intent, or null when the message is out of scope. */
  intent: string | null;
  confidence: number;
  ranking: { intent: string; score: number }[];
  entities: Entities;
}

export interface SearchFilters {
  text: string | null;
  priceMin: number | null;
  priceMax: number | null;
  colours: string[];
  sizes: string[];
  productTypes: string[];
  vendors: string[];
  excludeIds: string[];
  sort: "relevance" | "price_asc" | "price_desc";
}

export type ProductAspect = "stock" | "size" | "material" | "colour" | "price" | "general";

export type Decision =
  | { kind: "small_talk"; intent: "greeting" | "thanks" | "goodbye" }
  | { kind: "handoff"; reason: "requested" | "complaint" | "misunderstood" }
  | { kind: "out_of_scope" }
  | { kind: "clarify"; options: [string, string] }
  | { kind: "order_status"; orderNumber: string | null; email: string | null }
  | {
      kind: "order_change";
      action: "cancel_order" | "change_address";
      orderNumber: string | null;
      email: string | null;
    }
  | { kind: "knowledge"; intent: string; query: string; emphasize: string[]; productId: string | null }
  | { kind: "store_info"; query: string }
  | { kind: "product_search"; filters: SearchFilters; refined: boolean }
  | { kind: "product_detail"; productId: string; aspect: ProductAspect }
  | { kind: "recommend"; filters: SearchFilters; productId: string | null }
  | { kind: "privacy" };

/** Below this, the classifier's best guess is not trusted. */
export const MIN_CONFIDENCE = 0.45;
/** Two readings closer than this (in probability) earn a clarifying question. */
export const CLARIFY_MARGIN = 0.12;
/** Misunderstandings in a row before a person is brought in. */
export const MAX_MISUNDERSTANDINGS = 2;

const POLICY_INTENTS = new Set(["returns_refunds", "shipping", "payment_methods", "discounts", "account"]);
const PRODUCT_INTENTS = new Set(["product_search", "product_question", "recommendation"]);

const CHEAPER =
  /\b(cheaper|less expensive|lower price|more affordable|on a budget|budget one|not so expensive|too expensive)\b/i;
const PRICIER = /\b(more expensive|pricier|higher end|more premium|fancier|better quality)\b/i;
const MORE =
  /\b(more options|other options|something else|anything else|show (me )?more|others|another one|different ones?)\b/i;
const PRONOUN = /\b(it|this one|that one|this|that|them|those)\b/i;
const ASPECTS: [ProductAspect, RegExp][] = [
  ["stock", /\b(in stock|stock|available|availability|sold out|have any left|left)\b/i],
  ["size", /\b(size|sizes|fit|dimensions?|how big|how large|measure)\b/i],
  ["material", /\b(made of|material|fabric|cotton|wood|ceramic|metal|glass)\b/i],
  ["colour", /\b(colou?rs?|shades?)\b/i],
  ["price", /\b(price|cost|how much)\b/i],
];

export function emptyFilters(): SearchFilters {
  return {
    text: null,
    priceMin: null,
    priceMax: null,
    colours: [],
    sizes: [],
    productTypes: [],
    vendors: [],
    excludeIds: [],
    sort: "relevance",
  };
}

/** The product a follow-up points at: by position in the last list, or the one in focus. */
function referencedProduct(u: Understanding, state: ConversationState): string | null {
  const last = state.lastProducts ?? [];
  if (u.entities.ordinal !== null && last.length) {
    const index = u.entities.ordinal === -1 ? last.length - 1 : u.entities.ordinal - 1;
    return last[index] ?? null;
  }
  if (u.entities.productIds.length) return u.entities.productIds[0];
  if (PRONOUN.test(u.text) && typeof state.focusProductId === "string") return state.focusProductId;
  if (PRONOUN.test(u.text) && last.length === 1) return last[0];
  return null;
}

function previousFilters(state: ConversationState): SearchFilters {
  return { ...emptyFilters(), ...((state.filters as Partial<SearchFilters> | undefined) ?? {}) };
}

/** Search words left once prices, colours and filler are taken out of the message. */
export function searchText(u: Understanding): string | null {
  const text = u.text
    .toLowerCase()
    .replace(/[£$€]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:pounds?|gbp|dollars?|usd|euros?|eur)\b/g, " ")
    .replace(
      /\b(do|you|have|has|any|some|i'?m|i am|looking|look|for|want|need|show|me|find|search|get|buy|a|an|the|please|under|below|less|than|over|above|more|between|and|to|around|about|cheap|cheaper|something|anything|what|which|can|could|would|like|sell|got|is|are|there|in|of|with|for|my|gift|gifts|ideas?|recommend|suggest|suggestions?|options?|good|nice|best)\b/g,
      " ",
    )
    .replace(/[^\p{L}\p{N}\s-]/gu, " ");
  const remaining = text
    .split(/\s+/)
    .filter((word) => word && !u.entities.colours.includes(word) && !u.entities.sizes.includes(word))
    .join(" ")
    .trim();
  return remaining.length >= 2 ? remaining : null;
}

function filtersFrom(u: Understanding, base: SearchFilters): SearchFilters {
  return {
    ...base,
    text: searchText(u) ?? base.text,
    priceMin: u.entities.priceMin ?? base.priceMin,
    priceMax: u.entities.priceMax ?? base.priceMax,
    colours: u.entities.colours.length ? u.entities.colours : base.colours,
    sizes: u.entities.sizes.length ? u.entities.sizes : base.sizes,
    productTypes: u.entities.productTypes.length ? u.entities.productTypes : base.productTypes,
    vendors: u.entities.vendors.length ? u.entities.vendors : base.vendors,
  };
}

/**
 * A refinement of the last product list: a short message with a price or colour cue and
 * no subject of its own ("cheaper", "in blue", "any under £10?", "show me more").
 */
function refinement(
  u: Understanding,
  state: ConversationState,
  prices: { shownMin: number | null; shownMax: number | null },
): SearchFilters | null {
  if (!PRODUCT_INTENTS.has(String(state.lastIntent)) || !(state.lastProducts?.length ?? 0)) return null;
  const words = u.text.trim().split(/\s+/).length;
  const cheaper = CHEAPER.test(u.text);
  const pricier = PRICIER.test(u.text);
  const more = MORE.test(u.text);
  const newConstraint =
    u.entities.colours.length > 0 ||
    u.entities.sizes.length > 0 ||
    u.entities.priceMax !== null ||
    u.entities.priceMin !== null;
  if (!cheaper && !pricier && !more && !(newConstraint && words <= 6)) return null;
  const base = previousFilters(state);
  const next: SearchFilters = { ...base, excludeIds: [] };
  if (cheaper) {
    next.priceMax = prices.shownMin !== null ? Math.max(0, prices.shownMin - 0.01) : base.priceMax;
    next.priceMin = null;
    next.sort = "price_desc";
  }
  if (pricier) {
    next.priceMin = prices.shownMax !== null ? prices.shownMax + 0.01 : base.priceMin;
    next.priceMax = null;
    next.sort = "price_asc";
  }
  if (more) next.excludeIds = [...base.excludeIds, ...(state.lastProducts ?? [])];
  if (u.entities.colours.length) next.colours = u.entities.colours;
  if (u.entities.sizes.length) next.sizes = u.entities.sizes;
  if (u.entities.priceMax !== null) next.priceMax = u.entities.priceMax;
  if (u.entities.priceMin !== null) next.priceMin = u.entities.priceMin;
  const ownText = searchText(u);
  if (ownText && !cheaper && !pricier && !more && !newConstraint) next.text = ownText;
  return next;
}

export interface DecideContext {
  /** Lowest and highest price among the products last shown, for "cheaper"/"pricier". */
  shownMin: number | null;
  shownMax: number | null;
}

export function decide(
  u: Understanding,
  state: ConversationState,
  context: DecideContext = { shownMin: null, shownMax: null },
): Decision {
  // An answer to the clarifying question asked last turn.
  if (state.pending?.kind === "clarify") {
    const options = (state.pending.data?.options as string[] | undefined) ?? [];
    const chosen = options.find((option) => option === u.intent) ?? null;
    if (chosen) return decideIntent({ ...u, intent: chosen, confidence: 1 }, state);
  }
  // The email asked for to verify an order.
  if (state.pending?.kind === "order_email" && u.entities.emails.length) {
    const data = state.pending.data ?? {};
    const action = data.action as string | undefined;
    const orderNumber = (data.orderNumber as string | undefined) ?? u.entities.orderNumbers[0] ?? null;
    if (action === "cancel_order" || action === "change_address") {
      return { kind: "order_change", action, orderNumber, email: u.entities.emails[0] };
    }
    return { kind: "order_status", orderNumber, email: u.entities.emails[0] };
  }
  // An order number given when the assistant asked for one.
  if (state.pending?.kind === "order_number" && u.entities.orderNumbers.length) {
    return { kind: "order_status", orderNumber: u.entities.orderNumbers[0], email: u.entities.emails[0] ?? null };
  }

  const refined = refinement(u, state, context);
  if (refined && (u.intent === null || PRODUCT_INTENTS.has(u.intent) || u.confidence < 0.8)) {
    return { kind: "product_search", filters: refined, refined: true };
  }
  return decideIntent(u, state);
}

function decideIntent(u: Understanding, state: ConversationState): Decision {
  const [first, second] = u.ranking;
  if (u.intent === null || u.confidence < MIN_CONFIDENCE) {
    // "the second one" needs no intent: it is about a product just shown.
    const referenced = referencedProduct(u, state);
    if (referenced && u.entities.ordinal !== null)
      return { kind: "product_detail", productId: referenced, aspect: aspectOf(u.text) };
    if ((state.misunderstandings ?? 0) + 1 >= MAX_MISUNDERSTANDINGS)
      return { kind: "handoff", reason: "misunderstood" };
    return { kind: "out_of_scope" };
  }
  if (
    second &&
    first &&
    state.pending?.kind !== "clarify" &&
    first.score - second.score < CLARIFY_MARGIN &&
    second.score >= MIN_CONFIDENCE / 2 &&
    !isSmallTalk(first.intent) &&
    !isSmallTalk(second.intent)
  ) {
    return { kind: "clarify", options: [first.intent, second.intent] };
  }

  const intent = u.intent;
  const productId = referencedProduct(u, state);
  switch (intent) {
    case "greeting":
    case "thanks":
    case "goodbye":
      return { kind: "small_talk", intent };
    case "human_handoff":
      return { kind: "handoff", reason: "requested" };
    case "complaint":
      return { kind: "handoff", reason: "complaint" };
    case "order_status":
      return {
        kind: "order_status",
        orderNumber: u.entities.orderNumbers[0] ?? null,
        email: u.entities.emails[0] ?? null,
      };
    case "cancel_order":
    case "change_address":
      return {
        kind: "order_change",
        action: intent,
        orderNumber: u.entities.orderNumbers[0] ?? null,
        email: u.entities.emails[0] ?? null,
      };
    case "store_info":
      return { kind: "store_info", query: u.text };
    case "privacy_optout":
      return { kind: "privacy" };
    case "product_question":
      if (productId) return { kind: "product_detail", productId, aspect: aspectOf(u.text) };
      return { kind: "product_search", filters: filtersFrom(u, emptyFilters()), refined: false };
    case "product_search":
      return { kind: "product_search", filters: filtersFrom(u, emptyFilters()), refined: false };
    case "recommendation":
      return { kind: "recommend", filters: filtersFrom(u, emptyFilters()), productId };
    default:
      if (POLICY_INTENTS.has(intent)) {
        return {
          kind: "knowledge",
          intent,
          query: u.text,
          emphasize: [...u.entities.countries, ...u.entities.productTypes],
          productId,
        };
      }
      return { kind: "knowledge", intent, query: u.text, emphasize: [], productId };
  }
}

function isSmallTalk(intent: string) {
  return intent === "greeting" || intent === "thanks" || intent === "goodbye";
}

export function aspectOf(text: string): ProductAspect {
  for (const [aspect, pattern] of ASPECTS) if (pattern.test(text)) return aspect;
  return "general";
}
