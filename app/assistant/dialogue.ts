import type { ConversationState } from "./contract";
import { stemToken } from "./nlu/text";
import type { NamedProduct } from "./product-match";
import {
  orderAspectOf,
  orderFollowup,
  orderOpening,
  orderPickOf,
  orderRequest,
  type OrderAspect,
  type OrderPick,
} from "./order-followups";
import { verificationAnswer } from "./order-verification";
import { policyFollowUp } from "../knowledge/follow-up";
import { askedService } from "../knowledge/services";
import {
  BIGGER,
  CHEAP,
  CHEAPER,
  DISCOVER,
  CHEAPEST,
  ELLIPSIS,
  FILLER,
  GIFT,
  MODIFIER_WORDS,
  SHOPPING,
  MORE,
  PRICIER,
  RECIPIENTS,
  OCCASIONS,
  SMALLER,
} from "./shopper-words";

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
  /** Set when words were corrected against the shop's vocabulary; `text` is the corrected message. */
  correction?: { original: string; corrected: string } | null;
  /**
   * What the shopper is looking for, with filler, prices and order details taken out: `all`
   * as catalog keys (colours included, for names), `text` for search (colours and sizes are
   * filters), the keys the catalog uses, the words it does not, and the attribute words
   * among them (tags such as "retrospot", which describe rather than name a product).
   */
  productWords?: {
    all: string[];
    text: string | null;
    catalog: string[];
    unknown: string[];
    attributes: string[];
    /** Filler words that titles carry ("colour"): only to tell two names apart. */
    nameHints?: string[];
  };
  /** The catalog product(s) the message names. */
  named?: NamedProduct;
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
  /**
   * "Cheaper" / "pricier" than what was shown: strictly below the dearest card, above the
   * cheapest. Kept apart from the budget the shopper stated, which outlives the list.
   */
  below?: number | null;
  above?: number | null;
  /** "smaller" / "bigger" than what was shown, by the size words of titles and options. */
  sizeHint?: "smaller" | "bigger" | null;
  /** Index into RECIPIENTS / OCCASIONS: who a present is for and what for. */
  recipient?: number | null;
  occasion?: number | null;
  /** A present is wanted: greeting cards, wrap and tags are left out unless asked for. */
  gift?: boolean;
  /** Keep the search's own product first (the one the shopper named). */
  pinnedId?: string | null;
}

export type ProductAspect = "stock" | "size" | "material" | "colour" | "price" | "property" | "general";

export type Decision =
  | { kind: "small_talk"; intent: "greeting" | "thanks" | "goodbye" | "identity" }
  | { kind: "handoff"; reason: "requested" | "complaint" | "misunderstood" }
  | { kind: "out_of_scope" }
  | { kind: "clarify"; options: [string, string] }
  /** Two products fit the name given: ask which one. */
  | { kind: "clarify_product"; productIds: [string, string]; aspect: ProductAspect }
  | { kind: "order_status"; orderNumber: string | null; email: string | null; pick?: OrderPick }
  | {
      kind: "order_change";
      action: "cancel_order" | "change_address";
      orderNumber: string | null;
      email: string | null;
      pick?: OrderPick;
    }
  | { kind: "knowledge"; intent: string; query: string; emphasize: string[]; productId: string | null }
  | { kind: "store_info"; query: string }
  | {
      kind: "product_search";
      filters: SearchFilters;
      refined: boolean;
      /** What the refinement asked for, so that "nothing cheaper" can be said as such. */
      cue?: "cheaper" | "pricier" | "more" | "smaller" | "bigger" | null;
      /** A product's fact asked of a whole family of products ("how much are the lunch bags?"). */
      asked?: ProductAspect | null;
    }
  | {
      kind: "product_detail";
      productId: string;
      aspect: ProductAspect;
      /** An option value of the product the question is about ("how much is the large one"). */
      option?: string;
    }
  | { kind: "recommend"; filters: SearchFilters; productId: string | null }
  | { kind: "privacy" }
  | { kind: "order_followup"; aspect: OrderAspect; orderId: string };

/** Below this, the classifier's best guess is not trusted. */
export const MIN_CONFIDENCE = 0.45;
/** Two readings closer than this (in probability) earn a clarifying question. */
export const CLARIFY_MARGIN = 0.12;
/** Misunderstandings in a row before a person is brought in. */
export const MAX_MISUNDERSTANDINGS = 2;

/** Readings that outweigh a service named in passing ("cancel my order, I found a cheaper price match"). */
const NOT_A_SERVICE_QUESTION = new Set([
  "order_status",
  "cancel_order",
  "change_address",
  "human_handoff",
  "complaint",
]);
const POLICY_INTENTS = new Set(["returns_refunds", "shipping", "payment_methods", "discounts", "account"]);
const PRODUCT_INTENTS = new Set(["product_search", "product_question", "recommendation"]);

const PRONOUN = /\b(it|this one|that one|this|that|them|those)\b/i;
// Most explicit first: "how much is the glass lantern" asks a price, whatever it is made of.
const ASPECTS: [ProductAspect, RegExp][] = [
  ["price", /\b(price|prices|priced|cost|costs|how much|how many pounds|what do(es)? (it|they|that|this) go for)\b/i],
  [
    "stock",
    /\b(in stock|stock|available|availability|sold out|any left|have (any|it|one|them) left|left|back in|still (get|buy|order|have|got)|can i (order|buy|get) (it|one|this|that|them)|do you (have|stock|sell) (it|one|this|that|them)|have you got (it|one|this|that|them))\b/i,
  ],
  [
    "size",
    /\b(size|sizes|fit|fits|dimensions?|how big|how large|how small|how tall|how wide|how long is|measure(ments)?)\b/i,
  ],
  ["colour", /\b(colou?rs?|shades?|come in (any )?other|what colou?r)\b/i],
  ["material", /\b(made of|made from|made out of|materials?|fabric|what is it made)\b/i],
  // Whether it is fit for something: only its description can say ("is it dishwasher safe?").
  [
    "property",
    /\b(safe|proof|washable|waterproof|water resistant|microwave|dishwasher|oven|freezer|suitable|recyclable|vegan|organic|handmade|hand made|batter(y|ies)|rechargeable|outdoors?|outside|scented|unscented|soy|fragrance|allergy|hypoallergenic|nickel|lead free|bpa)\b/i,
  ],
];
/** Asking about one product without a particular aspect ("tell me about the frog candle"). */
const DESCRIBE =
  /\b(tell me (more )?about|describe|details (of|on|about)|more about|info(rmation)? (on|about)|what is the|what's the|whats the|what are the)\b/i;
/** Asking who is answering: a bot or a person. */
const IDENTITY =
  /^\W*(?:(?:hi|hey|hello|so|wait|um+|hmm+)\W+)?(?:are (?:you|u) (?:a |an )?(?:real |actual )?(?:robot|bot|chat ?bot|ai|human|person|machine|computer|real)|(?:am i|are we) (?:talking|chatting|speaking) (?:to|with) (?:a |an )?(?:real |actual )?(?:robot|bot|chat ?bot|ai|human|person|machine|computer)|is this (?:a |an )?(?:robot|bot|chat ?bot|ai|real person|human|automated)|who (?:am i|are we) (?:talking|chatting|speaking) (?:to|with)|who(?:'s| is| are) (?:this|you))\b[^.!?]*[.!?]*\s*$/i;
/** "you are robot?", "u a real person?": the same question in the words of a shopper writing a second language. */
const IDENTITY_PLAIN =
  /^\W*(?:(?:you are|you're|youre|ur|u r|r u|are u|u)\s+(?:a |an )?(?:real |actual )?(?:robot|bot|chat ?bot|ai|human|person|machine|computer)(?:\s+or\s+(?:a |an )?(?:real |actual )?(?:robot|bot|chat ?bot|ai|human|person|machine|computer))?)\b[^.!?]*[.!?]*\s*$/i;
/** Frustration with the assistant itself: a person should take over. */
const FRUSTRATED =
  /\b(?:(?:you|u|ur|your|this|the)\s+(?:bot|assistant|chat ?bot|thing|chat)?\s*(?:is|are|r)?\s*(?:so\s+|really\s+)?(?:stupid|useless|rubbish|dumb|hopeless|pointless|terrible|crap|awful)|(?:stupid|useless|rubbish|dumb|hopeless|pointless)\s+(?:bot|assistant|chat ?bot|machine|thing)|(?:i(?:'ve)?|i have)\s+(?:already\s+)?asked?\s+(?:you\s+)?(?:\d+|two|three|four|five|several|many|so many)\s+times|not (?:helping|helpful|listening)|you(?:'re| are)? not understanding)\b/i;
/** "what time is it in London?": the time of day, not a product with "time" in its name. */
const CLOCK = /\bwhat(?:'s| is)?\s+(?:the\s+)?time\s+(?:is\s+(?:it\s+)?)?(?:in|now|there|at)\b|\bwhat time is it\b/i;
/** A delivery verb with a place: a shipping question ("you send to brazil?"). */
const SENDS_TO =
  /\b(?:send|sending|ship|shipping|deliver|delivering|delivery|post|posting|mail)\s+(?:\w+\s+)?(?:to|in|into)\b/i;

/** Asking for others like a product, or to go with it. */
const LIKE =
  /\b((something|anything|things|more|others?|ones?) like|similar|goes with|go with|to match|matching|alternatives? to|instead of)\b/i;

/** Intents that own a message even when it names a product ("can I return the frog candle?"). */
const OTHER_TOPICS = new Set([
  "order_status",
  "cancel_order",
  "change_address",
  "returns_refunds",
  "shipping",
  "payment_methods",
  "discounts",
  "account",
  "privacy_optout",
  "human_handoff",
  "complaint",
  "store_info",
]);
/** Confidence at which one of those topics is trusted over a product named in passing. */
const TOPIC_CONFIDENCE = 0.6;
/** …and over a message whose words are all the catalog's. */
const POLICY_OVER_CATALOG = 0.85;

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
  if (u.named?.kind === "one") return u.named.productId;
  if (PRONOUN.test(u.text) && typeof state.focusProductId === "string") return state.focusProductId;
  if (PRONOUN.test(u.text) && last.length === 1) return last[0];
  return null;
}

function previousFilters(state: ConversationState): SearchFilters {
  return { ...emptyFilters(), ...((state.filters as Partial<SearchFilters> | undefined) ?? {}) };
}

/** Search words left once prices, colours and filler are taken out of the message. */
export function searchText(u: Understanding): string | null {
  if (u.productWords) return u.productWords.text;
  const text = u.text
    .toLowerCase()
    .replace(/[£$€]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:pounds?|gbp|dollars?|usd|euros?|eur|quid)\b/g, " ")
    .replace(
      /\b(do|you|have|has|any|some|i'?m|i am|looking|look|for|want|need|show|me|find|search|get|buy|a|an|the|please|under|below|less|than|over|above|more|between|and|to|around|about|cheap|cheaper|something|anything|what|which|can|could|would|like|sell|got|is|are|there|in|of|with|for|my|gift|gifts|present|presents|ideas?|recommend|suggest|suggestions?|options?|good|nice|best)\b/g,
      " ",
    )
    .replace(/[^\p{L}\p{N}\s-]/gu, " ");
  const remaining = text
    .split(/\s+/)
    .filter(
      (word) => word && !FILLER.has(word) && !u.entities.colours.includes(word) && !u.entities.sizes.includes(word),
    )
    .join(" ")
    .trim();
  return remaining.length >= 2 ? remaining : null;
}

/** The words that would make this message a search of its own, not a refinement of the last. */
function ownSubject(u: Understanding): string[] {
  if (u.productWords) {
    const attributes = new Set(u.productWords.attributes);
    return [...u.productWords.catalog, ...u.productWords.unknown].filter(
      (word) => !attributes.has(word) && !MODIFIER_WORDS.has(word),
    );
  }
  return (searchText(u) ?? "").split(/\s+/).filter((word) => word && !MODIFIER_WORDS.has(word));
}

const OF_SOMEONE = /\b(?:of|from)\s+(?:my|our|the|his|her|their)\s+$/i;

/** Who a present is for (the last one named: "my son's teacher" is for the teacher) and what for. */
function audienceOf(text: string) {
  let recipient: number | null = null;
  let at = -1;
  RECIPIENTS.forEach((r, index) => {
    for (const match of text.matchAll(new RegExp(r.pattern.source, "gi"))) {
      // "a present for the teacher of my son", "from my daughter": the one named after "of" or
      // "from" is not who it is for.
      if (OF_SOMEONE.test(text.slice(0, match.index ?? 0))) continue;
      if ((match.index ?? 0) > at) {
        at = match.index ?? 0;
        recipient = index;
      }
    }
  });
  const occasion = OCCASIONS.findIndex((o) => o.pattern.test(text));
  return { recipient, occasion: occasion >= 0 ? occasion : null };
}

const SIZE_WORDS: Record<string, string> = { s: "small", m: "medium", l: "large", xl: "extra large" };

function inNamedTitle(u: Understanding, words: string): boolean {
  if (u.named?.kind !== "one") return false;
  const matched = new Set(u.named.match.matched);
  return words.split(/\s+/).every((word) => matched.has(wordKeyOf(word)));
}

/**
 * A budget said on its own ("I've got 5 quid to spend") is the shopper's for the whole
 * conversation; one said with a subject ("mugs under £5") holds for that subject only.
 */
function sessionBudget(state: ConversationState): Pick<SearchFilters, "priceMin" | "priceMax"> {
  const budget = state.budget as { priceMin?: number | null; priceMax?: number | null } | undefined;
  return { priceMin: budget?.priceMin ?? null, priceMax: budget?.priceMax ?? null };
}

function filtersFrom(u: Understanding, base: SearchFilters, state: ConversationState = {}): SearchFilters {
  const { recipient, occasion } = audienceOf(u.text);
  const budget = sessionBudget(state);
  const cheap = CHEAP.test(u.text) && u.entities.priceMax === null;
  return {
    ...base,
    text: searchText(u) ?? base.text,
    priceMin: u.entities.priceMin ?? base.priceMin ?? budget.priceMin,
    priceMax: u.entities.priceMax ?? base.priceMax ?? budget.priceMax,
    // A size that is a word of the product named ("Medium Parlour Frame") names it, not a variant.
    // (A colour in a title already matches the colour filter.)
    colours: u.entities.colours.length ? u.entities.colours : base.colours,
    sizes: u.entities.sizes.length
      ? u.entities.sizes.filter((size) => !inNamedTitle(u, SIZE_WORDS[size] ?? size))
      : base.sizes,
    // A type named by words the search already carries is not a filter too: "bracelets" finds
    // bracelets of every type, not only those typed "Bracelet".
    productTypes: u.entities.productTypes.length && !searchText(u) ? u.entities.productTypes : base.productTypes,
    vendors: u.entities.vendors.length ? u.entities.vendors : base.vendors,
    sort: cheap ? "price_asc" : base.sort,
    recipient: recipient ?? base.recipient ?? null,
    occasion: occasion ?? base.occasion ?? null,
    gift: GIFT.test(u.text) || base.gift || recipient !== null || occasion !== null,
    pinnedId: u.named?.kind === "one" ? u.named.productId : null,
  };
}

/**
 * A refinement of the last product list: a price, colour, size or "cheaper / more / smaller"
 * cue with no subject of its own ("cheaper", "in blue", "any under £10?", "show me more").
 * A message that names something of its own ("and teapots?", "red mugs") is a new search.
 */
function refinement(
  u: Understanding,
  state: ConversationState,
  prices: { shownMin: number | null; shownMax: number | null },
): SearchFilters | null {
  if (!PRODUCT_INTENTS.has(String(state.lastIntent)) || !(state.lastProducts?.length ?? 0)) return null;
  if (ownSubject(u).length > 0) return null;
  const cheaper = CHEAPER.test(u.text);
  const cheapest = CHEAPEST.test(u.text);
  const pricier = PRICIER.test(u.text);
  const more = MORE.test(u.text);
  const smaller = SMALLER.test(u.text);
  const bigger = BIGGER.test(u.text);
  const attributes = u.productWords?.attributes ?? [];
  const newConstraint =
    u.entities.colours.length > 0 ||
    u.entities.sizes.length > 0 ||
    u.entities.priceMax !== null ||
    u.entities.priceMin !== null ||
    attributes.length > 0;
  if (!cheaper && !cheapest && !pricier && !more && !smaller && !bigger && !newConstraint) return null;
  const base = previousFilters(state);
  const next: SearchFilters = { ...base, excludeIds: [], pinnedId: null };
  if (cheaper) {
    // Cheaper than what was shown: below the dearest card, cheapest first.
    next.below = prices.shownMax ?? base.below ?? null;
    next.above = null;
    next.sort = "price_asc";
    next.excludeIds = [...(state.lastProducts ?? [])];
  }
  if (pricier) {
    next.above = prices.shownMin ?? base.above ?? null;
    next.below = null;
    next.sort = "price_asc";
    next.excludeIds = [...(state.lastProducts ?? [])];
  }
  if (cheapest && !cheaper) next.sort = "price_asc";
  if (smaller || bigger) next.sizeHint = smaller ? "smaller" : "bigger";
  if (more) next.excludeIds = [...base.excludeIds, ...(state.lastProducts ?? [])];
  if (u.entities.colours.length) next.colours = u.entities.colours;
  if (u.entities.sizes.length) next.sizes = u.entities.sizes;
  // A new figure replaces the old budget rather than narrowing it ("£3-£6" then "no more than £10").
  if (u.entities.priceMax !== null || u.entities.priceMin !== null) {
    next.priceMax = u.entities.priceMax;
    next.priceMin = u.entities.priceMin;
  }
  if (attributes.length && u.productWords?.text) next.text = [base.text, u.productWords.text].filter(Boolean).join(" ");
  return next;
}

function cueOf(text: string): "cheaper" | "pricier" | "more" | "smaller" | "bigger" | null {
  if (CHEAPER.test(text)) return "cheaper";
  if (PRICIER.test(text)) return "pricier";
  if (SMALLER.test(text)) return "smaller";
  if (BIGGER.test(text)) return "bigger";
  if (MORE.test(text)) return "more";
  return null;
}

/** A new subject after a list, said as a follow-up ("and teapots?"): the budget still holds. */
function followUpSearch(u: Understanding, state: ConversationState): SearchFilters | null {
  if (!PRODUCT_INTENTS.has(String(state.lastIntent)) || !ELLIPSIS.test(u.text)) return null;
  if (ownSubject(u).length === 0) return null;
  const base = previousFilters(state);
  return filtersFrom(u, { ...emptyFilters(), priceMin: base.priceMin, priceMax: base.priceMax });
}

/** The aspect asked about a named product, or null when the message is not about one product's facts. */
function detailAspect(u: Understanding): ProductAspect | null {
  const named = u.named;
  const matched = new Set(named?.kind === "one" ? named.match.matched : []);
  // The product's own words are not the question ("the glass lantern" is not about glass).
  const question = matched.size
    ? u.text
        .split(/(\s+)/)
        .filter((word) => !matched.has(wordKeyOf(word)))
        .join("")
    : u.text;
  const aspect = aspectOf(question);
  if (aspect !== "general") return aspect;
  if (DESCRIBE.test(question) || u.intent === "product_question") return "general";
  return null;
}

const wordKeyOf = (word: string) => {
  const clean = word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  return /^\p{N}+$/u.test(clean) ? clean : stemToken(clean);
};

/** Whether the shop's catalog words carry the message, so that a product search is what it is. */
function aboutCatalog(u: Understanding): boolean {
  const words = u.productWords;
  if (!words || words.catalog.length === 0) return false;
  return words.unknown.length === 0 || u.named?.kind === "one";
}

/** An answer to "which one do you mean?" between two products. */
function chosenProduct(u: Understanding, options: string[], titleKeys: string[][] = []): string | null {
  if (u.entities.ordinal !== null) {
    const index = u.entities.ordinal === -1 ? options.length - 1 : u.entities.ordinal - 1;
    return options[index] ?? null;
  }
  if (u.named?.kind === "one" && options.includes(u.named.productId)) return u.named.productId;
  if (u.named?.kind === "two") {
    const both = options.filter((id) => u.named?.kind === "two" && u.named.productIds.includes(id));
    if (both.length === 1) return both[0];
  }
  const ids = u.entities.productIds.filter((id) => options.includes(id));
  if (ids.length === 1) return ids[0];
  // "the green one": the option whose title alone carries the words said.
  const said = new Set(u.productWords?.all ?? []);
  const hits = titleKeys.map((keys) => keys.filter((key) => said.has(key)).length);
  const best = Math.max(0, ...hits);
  return best > 0 && hits.filter((h) => h === best).length === 1 ? options[hits.indexOf(best)] : null;
}

export interface DecideContext {
  /** Lowest and highest price among the products last shown, for "cheaper"/"pricier". */
  shownMin: number | null;
  shownMax: number | null;
  /** Option values (lower case) of the product in focus, for "the large one", "and the regular?". */
  focusOptions?: string[];
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
  // The email or order number asked for to verify an order (still asked after a wrong one).
  const verification = verificationAnswer(u.entities, state.pending, {
    text: u.text,
    lastIntent: state.lastIntent ?? null,
  });
  if (verification) return verification;
  // "are you a robot?": who is answering, said plainly.
  if (IDENTITY.test(u.text) || IDENTITY_PLAIN.test(u.text)) return { kind: "small_talk", intent: "identity" };
  if (FRUSTRATED.test(u.text))
    return {
      kind: "handoff",
      reason: /\b(?:human|person|someone|somebody|real|agent|staff|manager)\b/i.test(u.text)
        ? "requested"
        : "complaint",
    };
  if (CLOCK.test(u.text) && u.named?.kind !== "one") return { kind: "out_of_scope" };
  // A logged-in shopper's older order: "the one before that", "my second most recent order".
  const pick = u.entities.orderNumbers.length === 0 ? orderPickOf(u.text, state) : null;
  if (pick) return { ...orderRequest(orderAspectOf(u.text), null, u.entities.emails[0] ?? null), pick };
  // A follow-up on the order just answered ("what's in it?", "when will it arrive?").
  const followup = orderFollowup(u.text, state, u.entities);
  if (followup) return { kind: "order_followup", ...followup };
  // An order number, or "where's the parcel": an order question, whatever the classifier made of it.
  const opening = orderOpening(u.text, u.entities, u.intent);
  if (opening) return opening;

  // The answer to "which of these two do you mean?".
  if (state.pending?.kind === "product_choice") {
    const options = (state.pending.data?.productIds as string[] | undefined) ?? [];
    const chosen = chosenProduct(u, options, (state.pending.data?.titleKeys as string[][] | undefined) ?? []);
    if (chosen) {
      const aspect = (state.pending.data?.aspect as ProductAspect | undefined) ?? "general";
      return { kind: "product_detail", productId: chosen, aspect: detailAspect(u) ?? aspect };
    }
  }

  // "and canada?", "how long would that take?" after a policy answer: the same question asked
  // again for a new place or fact (respond.server.ts rewrites the query with the earlier one).
  const policyFollow = policyFollowUpDecision(u, state);
  if (policyFollow) return policyFollow;

  // "you send to brazil?": a place and a delivery verb, however the classifier read it.
  if (
    u.entities.countries.length > 0 &&
    SENDS_TO.test(u.text) &&
    !(u.intent !== null && NOT_A_SERVICE_QUESTION.has(u.intent) && u.confidence >= TOPIC_CONFIDENCE) &&
    u.named?.kind !== "one"
  )
    return { kind: "knowledge", intent: "shipping", query: u.text, emphasize: u.entities.countries, productId: null };
  // "do you price match?", "is there a warranty?": a service the shop may or may not offer,
  // answered from its policies (or honestly not), unless the message is plainly about an
  // order or a person.
  const service = askedService(u.text);
  if (service && !(u.intent !== null && NOT_A_SERVICE_QUESTION.has(u.intent) && u.confidence >= TOPIC_CONFIDENCE))
    return {
      kind: "knowledge",
      intent: service.intent,
      query: u.text,
      emphasize: u.entities.countries,
      productId: referencedProduct(u, state),
    };

  // Entity first: a product named outright outweighs the classifier's guess, unless the
  // message is plainly about something else (an order, a return) that merely names it.
  // A policy reading of a message made only of the shop's product words ("do you have any
  // cushions?") needs more confidence than one of an order or a person.
  const topicFloor =
    (POLICY_INTENTS.has(String(u.intent)) || u.intent === "store_info") && aboutCatalog(u)
      ? POLICY_OVER_CATALOG
      : TOPIC_CONFIDENCE;
  const otherTopic = u.intent !== null && OTHER_TOPICS.has(u.intent) && u.confidence >= topicFloor;
  if (!otherTopic && u.named && u.named.kind !== "none") {
    const aspect = detailAspect(u);
    if (aspect && u.named.kind === "one") return { kind: "product_detail", productId: u.named.productId, aspect };
    if (aspect && u.named.kind === "two") return { kind: "clarify_product", productIds: u.named.productIds, aspect };
    if (aspect && aspect !== "general" && u.named.kind === "many")
      return {
        kind: "product_search",
        filters: { ...filtersFrom(u, emptyFilters(), state), sort: aspect === "price" ? "price_asc" : "relevance" },
        refined: false,
        asked: aspect,
      };
  }

  // "how much is the large one?", "and the regular?": a variant of the product in focus.
  const option = (context.focusOptions ?? []).find((value) =>
    new RegExp(`\\b${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(u.text),
  );
  if (option && typeof state.focusProductId === "string" && u.named?.kind !== "one" && !otherTopic) {
    const aspect = aspectOf(u.text);
    if (aspect !== "general" || ELLIPSIS.test(u.text) || u.text.trim().split(/\s+/).length <= 7) {
      const asked = aspect !== "general" ? aspect : ((state.lastAspect as ProductAspect | undefined) ?? "price");
      return {
        kind: "product_detail",
        productId: state.focusProductId,
        aspect: asked === "size" || asked === "colour" ? "price" : asked,
        option,
      };
    }
  }
  // "how much is it?", "price?", "any left?" about the product just discussed.
  const bare = u.text.trim().split(/\s+/).length <= 3;
  if ((!otherTopic || bare) && u.named?.kind !== "one" && ownSubject(u).length === 0) {
    const aspect = aspectOf(u.text);
    const referenced =
      referencedProduct(u, state) ??
      (aspect !== "general" && typeof state.focusProductId === "string" && u.text.trim().split(/\s+/).length <= 4
        ? state.focusProductId
        : null);
    if (referenced && aspect !== "general") return { kind: "product_detail", productId: referenced, aspect };
  }
  // "and the flame candle?" after a product's price: the same question about another product.
  if (!otherTopic && ELLIPSIS.test(u.text) && state.lastIntent === "product_question" && u.named?.kind === "one") {
    const aspect = detailAspect(u) ?? (state.lastAspect as ProductAspect | undefined) ?? "general";
    return { kind: "product_detail", productId: u.named.productId, aspect };
  }

  const refined = refinement(u, state, context);
  if (refined && (u.intent === null || PRODUCT_INTENTS.has(u.intent) || u.confidence < 0.8)) {
    return { kind: "product_search", filters: refined, refined: true, cue: cueOf(u.text) };
  }
  const followUp = followUpSearch(u, state);
  if (followUp && !otherTopic) return productRequest(u, followUp, state);
  // Shop words the classifier did not place ("lantern", "paper chain kit under 3 quid"), or
  // placed between a product request and something else: a search.
  const [first, second] = u.ranking;
  const productReading =
    u.intent === null ||
    u.confidence < TOPIC_CONFIDENCE ||
    PRODUCT_INTENTS.has(String(first?.intent)) ||
    PRODUCT_INTENTS.has(String(second?.intent));
  if (!otherTopic && aboutCatalog(u) && productReading) {
    return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
  }
  // A request to buy something the classifier could not place ("can i buy a toaster here?").
  if (!otherTopic && (u.intent === null || u.confidence < MIN_CONFIDENCE) && SHOPPING.test(u.text) && searchText(u)) {
    return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
  }
  // A present for someone, or a budget alone ("what can I get my nephew?", "I've got 5 quid"):
  // recommendations that fit, whatever the classifier made of it.
  const { recipient, occasion } = audienceOf(u.text);
  const budget = u.entities.priceMax !== null || u.entities.priceMin !== null;
  if (!otherTopic && (recipient !== null || occasion !== null || budget) && (u.intent === null || productReading)) {
    if (!u.productWords || u.productWords.unknown.length === 0 || recipient !== null) {
      return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
    }
  }
  // Two product readings ("recommendations, or finding a product?") need no question: both search.
  if (first && second && PRODUCT_INTENTS.has(first.intent) && PRODUCT_INTENTS.has(second.intent) && u.intent) {
    if (first.score - second.score < CLARIFY_MARGIN)
      return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
  }
  return decideIntent(u, state);
}

/**
 * A message that names only a place or a fact ("canada?", "how long would that take") right
 * after a policy answer, read as a follow-up of that question unless the classifier is sure
 * of another topic or the message asks about the product in focus ("how much is it?").
 */
function policyFollowUpDecision(u: Understanding, state: ConversationState): Decision | null {
  const last = String(state.lastIntent);
  if (!POLICY_INTENTS.has(last) || typeof state.lastQuery !== "string") return null;
  if (u.intent !== null && u.intent !== last && u.confidence >= TOPIC_CONFIDENCE) return null;
  if ((u.named && u.named.kind !== "none") || (aspectOf(u.text) !== "general" && referencedProduct(u, state)))
    return null;
  if (!policyFollowUp(state.lastQuery, u.text)) return null;
  return { kind: "knowledge", intent: last, query: u.text, emphasize: u.entities.countries, productId: null };
}

/** A recommendation of things this shop has no word for ("a good film to watch") is not one it can make. */
function noWordFor(u: Understanding, filters: SearchFilters): boolean {
  const words = u.productWords;
  return (
    words !== undefined &&
    words.unknown.length > words.catalog.length &&
    filters.recipient == null &&
    filters.occasion == null &&
    !filters.gift
  );
}

/** A search or, for a present without a subject ("something for my gran"), recommendations. */
function productRequest(u: Understanding, filters: SearchFilters, state: ConversationState): Decision {
  const like = LIKE.test(u.text) ? referencedProduct(u, state) : null;
  if (like)
    return {
      kind: "recommend",
      filters: { ...filters, text: null, pinnedId: null, excludeIds: [like] },
      productId: like,
    };
  if (u.intent === "recommendation" && noWordFor(u, filters)) return { kind: "out_of_scope" };
  if (
    u.intent === "recommendation" ||
    ((filters.recipient != null || filters.occasion != null || DISCOVER.test(u.text)) && !filters.text) ||
    (!filters.text && (filters.priceMax !== null || filters.priceMin !== null))
  ) {
    return { kind: "recommend", filters, productId: referencedProduct(u, state) };
  }
  return { kind: "product_search", filters, refined: false };
}

function decideIntent(u: Understanding, state: ConversationState): Decision {
  const [first, second] = u.ranking;
  if (u.intent === null || u.confidence < MIN_CONFIDENCE) {
    // "the second one" needs no intent: it is about a product just shown.
    const referenced = referencedProduct(u, state);
    if (referenced && u.entities.ordinal !== null) {
      // "more like the second one": others like it, not it again.
      if (LIKE.test(u.text)) return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
      return { kind: "product_detail", productId: referenced, aspect: aspectOf(u.text) };
    }
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
      return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
    case "product_search":
      return productRequest(u, filtersFrom(u, emptyFilters(), state), state);
    case "recommendation": {
      // "something like the X", "what goes with the X": others, chosen from X, not X again.
      const filters = filtersFrom(u, emptyFilters(), state);
      if (!productId && noWordFor(u, filters)) return { kind: "out_of_scope" };
      if (productId && LIKE.test(u.text))
        return {
          kind: "recommend",
          filters: { ...filters, text: null, pinnedId: null, excludeIds: [productId] },
          productId,
        };
      return { kind: "recommend", filters, productId };
    }
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
