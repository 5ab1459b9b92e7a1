import type { CatalogSnapshot } from "../catalog/snapshot.server";
import { fittingVariant, type CatalogFilters, type CatalogMatch } from "../catalog/search";
import type { CatalogProduct, CatalogVariant } from "../catalog/types";
import type { KnowledgeSnapshot } from "../knowledge/store.server";
import { CONCEPTS } from "../knowledge/aspects";
import { askedService, mentionsService } from "../knowledge/services";
import { analyzeTerm, destinationLabel, topicWords } from "../knowledge/retrieval";
import type { AssistantReply, ConversationState, ProductCard } from "./contract";
import { aspectOf, type Decision, type SearchFilters, type Understanding } from "./dialogue";
import { inCatalog, productNameIndex, wordKeys } from "./product-match";
import { CHEAPEST, FILLER, NOT_A_PRESENT, OCCASIONS, RECIPIENTS } from "./shopper-words";
import { SHOP_EXAMPLES } from "./nlu/shop-examples";
import { COLOUR_VALUES } from "./nlu/entities";
import { MAX_VERIFICATION_FAILURES, type OrderLookup } from "./orders.server";
import { retryPending } from "./order-verification";
import { listIn, say } from "./say";
import { isOneOf, notContentWords } from "./language-words";

/**
 * Turns a decision into the words and cards the shopper sees. Every price, stock level,
 * order fact and policy sentence comes from the snapshot or lookup passed in: nothing here
 * invents them. Phrases come from the reply language's message catalogue
 * (app/assistant/languages/<code>/messages.ts) where they have moved there; English elsewhere.
 */

export interface ShopFacts {
  name: string;
  currency: string;
  locale: string;
  contactEmail: string | null;
  timezone: string;
  /** https://… of the online store, for telling the shop's own links from others. */
  storefrontOrigin: string;
  /** The shop's published locales, primary included, as synced ("en", "fr", "pt-BR"). */
  locales?: readonly string[];
}

export interface Recommendation {
  product: CatalogProduct;
  variant: CatalogVariant;
  reason: { kind: string; text: string };
}

export interface AnswerContext {
  shop: ShopFacts;
  catalog: CatalogSnapshot;
  knowledge: KnowledgeSnapshot;
  state: ConversationState;
  /** Products the merchant's rules hide from this shopper here. */
  excluded?: (product: CatalogProduct) => boolean;
  /** The shopper's message as understood (spelling corrected), for answers that quote it back. */
  message?: string;
  understanding?: Understanding;
  /** The language the reply is written in (a pack code); English when absent. */
  language?: string;
}

export interface Answer {
  reply: Omit<AssistantReply, "intent" | "confidence">;
  state: ConversationState;
  /** The intent answered, where it is not the decision's own (a policy answer to an unplaced question). */
  intent?: string;
}

const INTENT_LABELS: Record<string, string> = {
  order_status: "where your order is",
  cancel_order: "cancelling an order",
  change_address: "changing a delivery address",
  returns_refunds: "returns and refunds",
  shipping: "shipping and delivery",
  payment_methods: "ways to pay",
  discounts: "discounts and codes",
  product_search: "finding a product",
  product_question: "a product's details",
  recommendation: "recommendations",
  store_info: "the shop itself (contact, hours)",
  human_handoff: "talking to a person",
  complaint: "a problem with an order",
  account: "your account",
  privacy_optout: "your data and privacy",
};

export const POLICY_FOR_INTENT: Record<string, string[]> = {
  returns_refunds: ["REFUND_POLICY"],
  shipping: ["SHIPPING_POLICY"],
  // Ways to pay are in the terms (or the FAQ, always preferred); the refund policy's "original payment method" is not one.
  payment_methods: ["TERMS_OF_SERVICE"],
  discounts: ["TERMS_OF_SERVICE"],
  account: ["PRIVACY_POLICY", "TERMS_OF_SERVICE"],
  privacy_optout: ["PRIVACY_POLICY"],
  store_info: ["CONTACT_INFORMATION"],
  cancel_order: ["REFUND_POLICY", "TERMS_OF_SERVICE"],
  change_address: ["SHIPPING_POLICY"],
};

// Building an Intl formatter costs far more than formatting with one; a reply formats
// several prices, every turn.
const moneyFormats = new Map<string, Intl.NumberFormat | null>();

export function formatMoney(amount: number, currency: string, locale: string) {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: "currency", currency });
    } catch {
      format = null;
    }
    if (moneyFormats.size > 200) moneyFormats.clear();
    moneyFormats.set(key, format);
  }
  return format ? format.format(amount) : `${amount.toFixed(2)} ${currency}`;
}

export function productCard(
  product: CatalogProduct,
  variant: CatalogVariant | null,
  currency: string,
  reason?: { kind: string; text: string },
): ProductCard {
  const shown = variant ?? product.variants.find((v) => v.available) ?? product.variants[0];
  const money = (amount: number) => ({ amount: amount.toFixed(2), currencyCode: currency });
  return {
    productId: product.id,
    title: product.title,
    url: product.url,
    imageUrl: product.imageUrl,
    imageAlt: product.imageAlt ?? product.title,
    price: money(shown.price),
    compareAtPrice: shown.compareAtPrice && shown.compareAtPrice > shown.price ? money(shown.compareAtPrice) : null,
    available: product.variants.some((v) => v.available),
    variants: product.variants.map((v) => ({
      id: v.legacyId,
      title: v.title,
      price: money(v.price),
      available: v.available,
    })),
    reason: reason ?? null,
  };
}

export function toCatalogFilters(filters: SearchFilters): CatalogFilters {
  // Strictly cheaper than a price shown is at most a penny less (prices are in whole pence).
  const below = filters.below != null ? Math.round((filters.below - 0.01) * 100) / 100 : null;
  const above = filters.above != null ? Math.round((filters.above + 0.01) * 100) / 100 : null;
  return {
    text: filters.text,
    priceMin: above !== null ? Math.max(above, filters.priceMin ?? 0) : filters.priceMin,
    priceMax: below !== null ? Math.min(below, filters.priceMax ?? Infinity) : filters.priceMax,
    colours: filters.colours,
    sizes: filters.sizes,
    productTypes: filters.productTypes,
    vendors: filters.vendors,
    excludeIds: filters.excludeIds,
  };
}

function describeFilters(given: SearchFilters, shop: ShopFacts) {
  // "cheaper than £5.95" says more than the budget above it.
  const filters =
    given.below != null && (given.priceMax === null || given.priceMax >= given.below)
      ? { ...given, priceMax: null }
      : given;
  const parts: string[] = [];
  if (filters.colours.length) parts.push(filters.colours.join(" or "));
  if (filters.text) parts.push(`"${filters.text}"`);
  else if (filters.productTypes.length) parts.push(filters.productTypes.join(" or ").toLowerCase());
  if (filters.sizes.length) parts.push(`in size ${filters.sizes.join(" or ").toUpperCase()}`);
  if (filters.priceMin !== null && filters.priceMax !== null) {
    parts.push(
      `between ${formatMoney(filters.priceMin, shop.currency, shop.locale)} and ${formatMoney(filters.priceMax, shop.currency, shop.locale)}`,
    );
  } else if (filters.priceMax !== null)
    parts.push(`under ${formatMoney(filters.priceMax, shop.currency, shop.locale)}`);
  else if (filters.priceMin !== null) parts.push(`over ${formatMoney(filters.priceMin, shop.currency, shop.locale)}`);
  if (filters.below != null) parts.push(`cheaper than ${formatMoney(filters.below, shop.currency, shop.locale)}`);
  if (filters.above != null) parts.push(`dearer than ${formatMoney(filters.above, shop.currency, shop.locale)}`);
  if (filters.recipient != null) parts.push(`for ${RECIPIENTS[filters.recipient].who}`);
  return parts.join(" ");
}

function productsState(
  state: ConversationState,
  intent: string,
  matches: { product: CatalogProduct }[],
  filters?: SearchFilters,
): ConversationState {
  return {
    ...state,
    lastIntent: intent,
    lastProducts: matches.map((m) => m.product.id),
    focusProductId: matches.length === 1 ? matches[0].product.id : (state.focusProductId ?? null),
    ...(filters ? { filters } : {}),
    misunderstandings: 0,
    pending: null,
  };
}

// Size words in titles and options, for "smaller" and "bigger" than what was shown.
const SMALL_WORDS = /\b(small|mini|little|tiny|petite|xs|s)\b/i;
const BIG_WORDS = /\b(large|jumbo|big|giant|extra large|xl|xxl|l|maxi)\b/i;

function sizeWordsOf(product: CatalogProduct) {
  return `${product.title} ${product.variants.flatMap((v) => v.options.map((o) => o.value)).join(" ")}`;
}

/** Whether a product is one for the audience the shopper named (a child, a gran, Christmas). */
export function suitsAudience(product: CatalogProduct, filters: SearchFilters): boolean {
  const haystack = `${product.title} ${product.productType} ${product.tags.join(" ")}`.toLowerCase();
  const asked = (filters.text ?? "").toLowerCase();
  // A present is a thing, not the card or the wrap, unless that is what was asked for.
  const wrapping = filters.gift ? NOT_A_PRESENT.exec(product.title) : null;
  if (wrapping && !asked.includes(wrapping[0].toLowerCase().replace(/s$/, ""))) return false;
  const recipient = filters.recipient != null ? RECIPIENTS[filters.recipient] : undefined;
  // What is no present for them is ruled out, unless it is what was asked for ("a card for my son").
  const avoided = recipient?.avoid?.exec(haystack);
  if (avoided && !asked.includes(avoided[0].replace(/s$/, ""))) return false;
  // A wedding or a housewarming is a grown-up's: no toys, unless a child is named.
  const occasion = filters.occasion != null && filters.recipient == null ? OCCASIONS[filters.occasion] : undefined;
  const childish = occasion?.avoid?.exec(haystack);
  if (childish && !asked.includes(childish[0].replace(/s$/, ""))) return false;
  // With a subject of their own ("a party bag for a kid") the words decide what it is; the
  // recipient only rules things out. Without one, it must be a thing for them; an occasion
  // alone must be about the occasion.
  if (filters.text) return true;
  const hints = recipient ? recipient.words : filters.occasion != null ? OCCASIONS[filters.occasion].words : [];
  if (hints.length === 0) return true;
  const keys = new Set(wordKeys(haystack));
  return hints.some((hint) => wordKeys(hint).every((key) => keys.has(key)));
}

/** The audience's catalog words that this shop uses, as a hint for search and recommendations. */
export function audienceHints(filters: SearchFilters, ctx: AnswerContext): string[] {
  const names = productNameIndex(ctx.catalog);
  const words = [
    ...(filters.recipient != null ? RECIPIENTS[filters.recipient].words : []),
    ...(filters.occasion != null ? OCCASIONS[filters.occasion].words : []),
  ];
  return words.filter((word) => inCatalog(names, wordKeys(word)).length === wordKeys(word).length);
}

/** The shop's biggest categories, to say what it does sell. */
function mainCategories(ctx: AnswerContext, count = 4): string[] {
  const sizes = new Map<string, number>();
  for (const product of ctx.catalog.products) {
    if (product.productType) sizes.set(product.productType, (sizes.get(product.productType) ?? 0) + 1);
  }
  return [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([type]) => type);
}

export function answerProductSearch(
  decision: Extract<Decision, { kind: "product_search" }>,
  ctx: AnswerContext,
): Answer {
  const { filters } = decision;
  const sort = filters.sort === "relevance" && !filters.text ? "price_asc" : filters.sort;
  const audience = filters.recipient != null || filters.occasion != null;
  const gift = Boolean(filters.gift);
  const skip = (product: CatalogProduct) =>
    (ctx.excluded?.(product) ?? false) ||
    ((audience || gift) && !suitsAudience(product, filters)) ||
    (filters.sizeHint === "smaller" && !SMALL_WORDS.test(sizeWordsOf(product))) ||
    (filters.sizeHint === "bigger" && !BIG_WORDS.test(sizeWordsOf(product)));
  const asked = filters.text ? wordKeys(filters.text) : [];
  const known = new Set(inCatalog(productNameIndex(ctx.catalog), asked));
  // Nothing the shop has ever listed uses these words (typos were corrected before): not a
  // near miss to show ("toaster" is no "coaster"), a thing it does not sell.
  const neverListed = asked.length > 0 && known.size === 0;
  let matches: CatalogMatch[] = neverListed ? [] : searchFor(filters, sort, skip, ctx);
  // Nothing for the words said, for someone or something: what suits the occasion or the person.
  let instead: string | null = null;
  // (Words the catalog never uses are a thing it does not sell, not a reason to show something else.)
  if (matches.length === 0 && audience && !decision.refined && !neverListed) {
    const hints = audienceHints(filters, ctx);
    matches = hints.length
      ? ctx.catalog.index.search(
          { ...toCatalogFilters(filters), text: hints.join(" "), matchAny: true },
          {
            limit: 4,
            sort: "relevance",
            skip: (product) => skip(product) || !suitsAudience(product, { ...filters, text: null }),
          },
        )
      : [];
    if (matches.length && filters.text) instead = filters.text;
  }
  // The product the shopper named leads the list when it fits what they asked.
  const pinned = filters.pinnedId ? ctx.catalog.byId.get(filters.pinnedId) : undefined;
  if (pinned && !skip(pinned) && !filters.excludeIds.includes(pinned.id)) {
    const variant = fittingVariant(pinned, toCatalogFilters(filters));
    if (variant) {
      matches = [
        { product: pinned, variant, score: Infinity },
        ...matches.filter((m) => m.product.id !== pinned.id),
      ].slice(0, 4);
    }
  }
  const what = describeFilters(filters, ctx.shop) || "that";
  const english = !ctx.language || ctx.language === "en";
  const listed = productsState(ctx.state, "product_search", matches, filters);
  // The product the shopper named is the one "it" means next ("how much is it?").
  const state = pinned && matches[0]?.product.id === pinned.id ? { ...listed, focusProductId: pinned.id } : listed;
  // Words the catalog never uses, with matches only for the others ("playstation games" in a shop
  // of board games): the shop does not sell the thing asked for; its nearest kind is named, not shown.
  if (!decision.refined && matches.length && known.size && known.size < asked.length) {
    const hasAll = matches.some(
      (m) =>
        known.size === [...known].filter((k) => productKeys(m.product).has(k)).length &&
        asked.every((k) => known.has(k) || productKeys(m.product).has(k)),
    );
    if (!hasAll) {
      const kinds = [...new Set(matches.map((m) => m.product.productType).filter(Boolean))].slice(0, 2);
      return {
        reply: {
          text: kinds.length
            ? say(ctx.language, "notSoldClosest", {
                shop: ctx.shop.name,
                what: filters.text ?? "",
                kinds: listIn(
                  ctx.language,
                  kinds.map((k) => k.toLowerCase()),
                  listOf,
                ),
              })
            : say(ctx.language, "notSold", { shop: ctx.shop.name, what: filters.text ?? "" }),
          resolved: false,
          suggestions: [
            ...kinds.map((k) => say(ctx.language, "suggestShow", { kind: k.toLowerCase() })),
            say(ctx.language, "suggestPerson"),
          ],
        },
        state: { ...state, lastProducts: ctx.state.lastProducts ?? [] },
      };
    }
  }
  if (matches.length === 0) {
    const keep = { ...state, lastProducts: ctx.state.lastProducts ?? [] };
    // The product the shopper named exists but not as they asked ("the rabbit night light in blue").
    if (pinned && !decision.refined) {
      const said = unmetBy(pinned, filters, ctx) ?? `${pinned.title} is sold out at the moment.`;
      return {
        reply: {
          text: said,
          resolved: true,
          suggestions: [say(ctx.language, "suggestSimilar"), say(ctx.language, "suggestPerson")],
        },
        state: { ...keep, focusProductId: pinned.id },
      };
    }
    if (!decision.refined && neverListed) {
      // Nothing in the catalog uses these words at all: the shop does not sell it, it is not merely sold out.
      const categories = mainCategories(ctx);
      return {
        reply: {
          text: categories.length
            ? say(ctx.language, "notSoldWeSell", {
                shop: ctx.shop.name,
                what: filters.text ?? "",
                kinds: listIn(
                  ctx.language,
                  categories.map((c) => c.toLowerCase()),
                  listOf,
                ),
              })
            : say(ctx.language, "notSold", { shop: ctx.shop.name, what: filters.text ?? "" }),
          resolved: false,
          suggestions: [
            ...categories.slice(0, 2).map((c) => say(ctx.language, "suggestShow", { kind: c.toLowerCase() })),
            say(ctx.language, "suggestPerson"),
          ],
        },
        state: keep,
      };
    }
    if (
      decision.cue === "cheaper" ||
      decision.cue === "pricier" ||
      decision.cue === "smaller" ||
      decision.cue === "bigger"
    ) {
      const previous = describeFilters({ ...filters, below: null, above: null, sizeHint: null }, ctx.shop);
      const comparative = { cheaper: "cheaper", pricier: "more expensive", smaller: "smaller", bigger: "bigger" }[
        decision.cue
      ];
      return {
        reply: {
          text: `There's nothing ${comparative} than what I showed you${previous ? ` for ${previous}` : ""}.`,
          resolved: true,
          suggestions: ["Show me more", "Talk to a person"],
        },
        state: keep,
      };
    }
    return {
      reply: {
        // The filters in words are English (describeFilters); another language leaves them out.
        text: say(ctx.language, decision.refined ? "nothingElseInStock" : "nothingInStock", {
          filters: english ? what : "",
        }),
        resolved: false,
        suggestions: [say(ctx.language, "suggestBestsellers"), say(ctx.language, "suggestPerson")],
      },
      state: keep,
    };
  }
  // A fact asked of what turns out to be one product ("varsity top price", "galaxy earings what
  // is made of?"): that product's answer, as if it had been named outright.
  const aspect = decision.asked ?? (ctx.message ? aspectOf(ctx.message) : "general");
  if (!decision.refined && !instead && aspect !== "general" && known.size > 0) {
    const covered = (m: CatalogMatch) => [...known].filter((k) => productKeys(m.product).has(k)).length;
    const top = matches[0];
    const best = ctx.catalog.index.search(toCatalogFilters(filters), { limit: 20, skip }).map(covered);
    // Only it has as many of the words, or it stands well clear of the next match ("galaxy earings").
    const unique =
      top &&
      covered(top) > 0 &&
      covered(top) === Math.max(...best) &&
      best.filter((c) => c === covered(top)).length === 1;
    const clear = top && (matches.length === 1 || top.score >= CLEAR_MATCH * matches[1].score);
    if (top && (unique || clear))
      return answerProductDetail({ kind: "product_detail", productId: top.product.id, aspect }, ctx);
  }
  const cards = matches.map((m) => productCard(m.product, m.variant, ctx.shop.currency));
  const lead = decision.refined && decision.cue === "more" ? "searchMore" : "searchFound";
  const price = (amount: number) => formatMoney(amount, ctx.shop.currency, english ? ctx.shop.locale : ctx.language!);
  const from = Math.min(...matches.map((m) => m.variant.price));
  const cheapestAsked = sort === "price_asc" && CHEAPEST.test(ctx.message ?? "") && !instead;
  const text = instead
    ? `I couldn't find "${instead}"${describeAudience(filters)}; you might like these instead:`
    : cheapestAsked
      ? say(ctx.language, "cheapest", {
          filters: english && what !== "that" ? ` ${what}` : "",
          product: matches[0].product.title,
          price: price(matches[0].variant.price),
        })
      : decision.asked === "price"
        ? say(ctx.language, "priceFrom", {
            count: matches.length,
            price: price(from),
            filters: english && what !== "that" ? ` for ${what}` : "",
          })
        : say(ctx.language, lead, {
            filters: english && what !== "that" ? ` ${what.startsWith("for ") ? "" : "for "}${what}` : "",
          });
  return {
    reply: {
      text,
      resolved: true,
      products: cards,
      suggestions: ["Cheaper", "Show me more"],
    },
    state,
  };
}

/** The colours a product's name and description say it is, longest names first ("dark red" over "red"). */
function coloursOf(product: CatalogProduct): string[] {
  const text = ` ${product.title} ${product.description} `.toLowerCase();
  const found = [...COLOUR_VALUES]
    .filter((colour) => new RegExp(`[^\\p{L}]${escapeRegExp(colour)}[^\\p{L}]`, "u").test(text))
    .sort((a, b) => b.length - a.length);
  return found.filter((colour, i) => !found.slice(0, i).some((longer) => longer.includes(colour)));
}

/** How far the best search match must score above the next to be taken as the product meant. */
const CLEAR_MATCH = 1.5;

const productKeyCache = new WeakMap<CatalogProduct, Set<string>>();
/** A product's words as catalog keys: title, type, tags and option values. */
function productKeys(product: CatalogProduct): Set<string> {
  let keys = productKeyCache.get(product);
  if (!keys) {
    keys = new Set(
      wordKeys(
        `${product.title} ${product.productType} ${product.tags.join(" ")} ${product.variants.flatMap((v) => v.options.map((o) => o.value)).join(" ")}`,
      ),
    );
    productKeyCache.set(product, keys);
  }
  return keys;
}

function listOf(items: string[]) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The search, with a recipient's own things first: "a party bag for a kid" prefers the party
 * bags that are children's things, and takes any party bag when none is.
 */
function searchFor(
  filters: SearchFilters,
  sort: "relevance" | "price_asc" | "price_desc",
  skip: (product: CatalogProduct) => boolean,
  ctx: AnswerContext,
): CatalogMatch[] {
  if (filters.text && filters.recipient != null) {
    const theirs = ctx.catalog.index.search(toCatalogFilters(filters), {
      limit: 4,
      sort,
      skip: (product) => skip(product) || !suitsAudience(product, { ...filters, text: null }),
    });
    if (theirs.length) return theirs;
    // For a child, a toy suits a "christmas present" better than a christmas candle does.
    if (RECIPIENTS[filters.recipient].who === "a child") {
      const hints = audienceHints(filters, ctx);
      const toys = hints.length
        ? ctx.catalog.index.search(
            { ...toCatalogFilters(filters), text: hints.join(" "), matchAny: true },
            {
              limit: 4,
              sort: "relevance",
              skip: (product) => skip(product) || !suitsAudience(product, { ...filters, text: null }),
            },
          )
        : [];
      if (toys.length) return toys;
    }
  }
  return ctx.catalog.index.search(toCatalogFilters(filters), { limit: 4, sort, skip });
}

/**
 * Why a named product cannot be what the shopper asked for, in words: the colour it does not
 * come in, or its price beside the budget; null when some variant of it fits (stock aside).
 */
function unmetBy(
  product: CatalogProduct,
  wanted: { colours: string[]; priceMin: number | null; priceMax: number | null },
  ctx: AnswerContext,
): string | null {
  // A colour word of the product's own name is the name said, not a colour asked ("the navy sports jacket").
  const titleWords = new Set(product.title.toLowerCase().match(/\p{L}+/gu) ?? []);
  wanted = { ...wanted, colours: wanted.colours.filter((c) => !c.split(/\s+/).some((w) => titleWords.has(w))) };
  if (!wanted.colours.length && wanted.priceMin === null && wanted.priceMax === null) return null;
  if (fittingVariant(product, { ...wanted, inStock: false })) return null;
  if (wanted.colours.length && !fittingVariant(product, { colours: wanted.colours, inStock: false }))
    return `${product.title} doesn't come in ${wanted.colours.join(" or ")}.`;
  const money = (amount: number) => formatMoney(amount, ctx.shop.currency, ctx.shop.locale);
  const cheapest = Math.min(...product.variants.map((v) => v.price));
  const from = product.variants.some((v) => v.price !== cheapest) ? "from " : "";
  const budget =
    wanted.priceMax !== null && cheapest > wanted.priceMax
      ? `more than ${money(wanted.priceMax)}`
      : "outside that budget";
  return `${product.title} costs ${from}${money(cheapest)}, ${budget}.`;
}

/** Two products fit the name the shopper gave: ask which, with both as cards. */
export function answerClarifyProduct(
  decision: Extract<Decision, { kind: "clarify_product" }>,
  ctx: AnswerContext,
): Answer {
  const products = decision.productIds.map((id) => ctx.catalog.byId.get(id)).filter((p) => p !== undefined);
  return {
    reply: {
      text: `Do you mean ${products.map((p) => p.title).join(" or ")}?`,
      resolved: false,
      products: products.map((p) => productCard(p, null, ctx.shop.currency)),
      suggestions: products.map((p) => p.title),
    },
    state: {
      ...ctx.state,
      lastIntent: "product_question",
      lastProducts: products.map((p) => p.id),
      misunderstandings: 0,
      pending: {
        kind: "product_choice",
        data: {
          productIds: products.map((p) => p.id),
          titleKeys: products.map((p) => wordKeys(p.title)),
          aspect: decision.aspect,
        },
      },
    },
  };
}

export function answerProductDetail(
  decision: Extract<Decision, { kind: "product_detail" }>,
  ctx: AnswerContext,
): Answer {
  const product = ctx.catalog.byId.get(decision.productId);
  if (!product) {
    return {
      reply: {
        text: "That product is no longer available in the shop.",
        resolved: false,
        suggestions: ["Show me bestsellers"],
      },
      state: { ...ctx.state, focusProductId: null },
    };
  }
  const moneyLocale = !ctx.language || ctx.language === "en" ? ctx.shop.locale : ctx.language;
  const money = (v: CatalogVariant) => formatMoney(v.price, ctx.shop.currency, moneyLocale);
  // A colour or budget said with the question that this product cannot meet ("is the frog
  // candle under £1?", "the rabbit night light in blue?"): say so, and show no card that breaks it.
  const stated = ctx.understanding?.entities;
  const unmet = stated ? unmetBy(product, stated, ctx) : null;
  if (unmet) {
    return {
      reply: { text: unmet, resolved: true, suggestions: ["Show me similar", "Talk to a person"] },
      state: {
        ...ctx.state,
        lastIntent: "product_question",
        lastAspect: decision.aspect,
        focusProductId: product.id,
        misunderstandings: 0,
        pending: null,
      },
    };
  }
  // A variant asked about by its option ("the large one", "the anchor bracelet in gold"): its own price and stock.
  const said = (ctx.message ?? "").toLowerCase();
  const option =
    decision.option ??
    (product.variants.length > 1
      ? product.variants
          .flatMap((v) => v.options.map((o) => o.value.toLowerCase()))
          .find((value) => value !== "default title" && new RegExp(`\\b${escapeRegExp(value)}\\b`).test(said))
      : undefined);
  const chosen = option ? product.variants.filter((v) => v.options.some((o) => o.value.toLowerCase() === option)) : [];
  if (chosen.length) {
    const variant = chosen.find((v) => v.available) ?? chosen[0];
    const name = `${product.title} (${variant.title})`;
    const answer =
      decision.aspect === "stock"
        ? `${name} is ${chosen.some((v) => v.available) ? "in stock" : "sold out at the moment"}.`
        : `${name} costs ${money(variant)}${variant.available ? "" : ", but it is sold out at the moment"}.`;
    return {
      reply: { text: answer, resolved: true, products: [productCard(product, variant, ctx.shop.currency)] },
      state: {
        ...ctx.state,
        lastIntent: "product_question",
        lastAspect: decision.aspect,
        focusProductId: product.id,
        misunderstandings: 0,
        pending: null,
      },
    };
  }
  const available = product.variants.filter((v) => v.available);
  let text: string;
  switch (decision.aspect) {
    case "stock": {
      if (available.length === 0) text = say(ctx.language, "soldOut", { product: product.title });
      else if (product.variants.length === 1) {
        const quantity = available[0].inventoryQuantity;
        text =
          quantity !== null && quantity > 0 && quantity <= 5
            ? say(ctx.language, "inStockFew", { product: product.title, count: quantity })
            : say(ctx.language, "inStock", { product: product.title });
      } else {
        const soldOut = product.variants.filter((v) => !v.available).map((v) => v.title);
        text = `${product.title} is in stock in ${available.map((v) => v.title).join(", ")}${soldOut.length ? `; sold out in ${soldOut.join(", ")}` : ""}.`;
      }
      break;
    }
    case "size":
    case "colour": {
      const option = product.variants
        .flatMap((v) => v.options)
        .filter((o) => (decision.aspect === "size" ? /size|fit/i : /colou?r|shade/i).test(o.name));
      const values = [...new Set(option.map((o) => o.value))];
      // Without colour options, the colours its name and description give ("… Necklace Turquoise").
      const named = decision.aspect === "colour" && !values.length ? coloursOf(product) : [];
      text = values.length
        ? `${product.title} comes in ${values.join(", ")}.`
        : named.length
          ? `${product.title} is ${listOf(named)}.`
          : `${product.title} comes in one ${decision.aspect === "size" ? "size" : "version"}. ${firstSentence(product.description)}`.trim();
      break;
    }
    case "price": {
      // The price as a shop assistant says it: reduced from what, and whether it can be had now.
      const prices = [...new Set(product.variants.map(money))];
      const cheapest = product.variants.reduce((a, b) => (a.price <= b.price ? a : b));
      const was =
        cheapest.compareAtPrice !== null && cheapest.compareAtPrice > cheapest.price
          ? formatMoney(cheapest.compareAtPrice, ctx.shop.currency, moneyLocale)
          : "none";
      text = say(ctx.language, "costs", {
        product: product.title,
        from: prices.length === 1 ? "no" : "yes",
        price: prices.length === 1 ? prices[0] : money(cheapest),
        was,
        available: available.length ? "yes" : "no",
      });
      break;
    }
    case "property": {
      // Only the description can say whether it is dishwasher safe: quote it, or say it does not.
      const words = (said.match(PROPERTY_WORDS) ?? []).map((w) => w.toLowerCase());
      const sentence = (product.description.replace(/\s+/g, " ").match(/[^.!?]+[.!?]*/g) ?? []).find((s) =>
        words.some((w) => s.toLowerCase().includes(w)),
      );
      if (sentence && !sameWords(sentence, product.title)) {
        text = `From the description of ${product.title}: ${sentence.trim()}`;
        break;
      }
      return {
        reply: {
          text: `The description of ${product.title} doesn't say${words.length ? ` whether it is ${words.join(" ")}` : " that"}. A person from the shop can tell you.`,
          resolved: false,
          products: [productCard(product, available[0] ?? null, ctx.shop.currency)],
          suggestions: ["Talk to a person"],
          handoff: { reason: "offered" },
        },
        state: {
          ...ctx.state,
          lastIntent: "product_question",
          focusProductId: product.id,
          misunderstandings: 0,
          pending: null,
        },
      };
    }
    case "material":
    default: {
      const description = firstSentences(product.description, 2);
      // A description that only repeats the title tells the shopper nothing: say what is known.
      const informative = description && !sameWords(description, product.title);
      const cheapest = product.variants.reduce((a, b) => (a.price <= b.price ? a : b));
      const facts = `${product.title} costs ${product.variants.some((v) => v.price !== cheapest.price) ? "from " : ""}${money(cheapest)} and is ${available.length ? "in stock" : "sold out at the moment"}.`;
      text = informative
        ? `${product.title}: ${description} ${facts.replace(`${product.title} costs`, "It costs")}`
        : facts;
      if (decision.aspect === "material") text = materialAnswer(product, ctx.message ?? "");
    }
  }
  return {
    reply: { text, resolved: true, products: [productCard(product, available[0] ?? null, ctx.shop.currency)] },
    state: {
      ...ctx.state,
      lastIntent: "product_question",
      lastAspect: decision.aspect,
      focusProductId: product.id,
      misunderstandings: 0,
      pending: null,
    },
  };
}

// What things are made of, as product texts say it; the adjective forms name the same stuff.
const MATERIALS: Record<string, string> = {
  zinc: "zinc",
  glass: "glass",
  enamel: "enamel",
  enamelled: "enamel",
  ceramic: "ceramic",
  porcelain: "porcelain",
  "bone china": "bone china",
  stoneware: "stoneware",
  earthenware: "earthenware",
  wood: "wood",
  wooden: "wood",
  bamboo: "bamboo",
  metal: "metal",
  iron: "iron",
  tin: "tin",
  steel: "steel",
  "stainless steel": "stainless steel",
  copper: "copper",
  brass: "brass",
  aluminium: "aluminium",
  aluminum: "aluminium",
  felt: "felt",
  cotton: "cotton",
  linen: "linen",
  wool: "wool",
  woollen: "wool",
  knitted: "knitted yarn",
  jute: "jute",
  hessian: "hessian",
  paper: "paper",
  cardboard: "cardboard",
  plastic: "plastic",
  acrylic: "acrylic",
  resin: "resin",
  rattan: "rattan",
  wicker: "wicker",
  willow: "willow",
  leather: "leather",
  velvet: "velvet",
  silk: "silk",
  polyester: "polyester",
  slate: "slate",
  marble: "marble",
  stone: "stone",
  concrete: "concrete",
  clay: "clay",
  terracotta: "terracotta",
  wax: "wax",
  beeswax: "beeswax",
  "sterling silver": "sterling silver",
  silicone: "silicone",
  rubber: "rubber",
  "14k gold": "14k gold",
  "18k gold": "18k gold",
  "9ct gold": "9ct gold",
  "gold plated": "gold plate",
  "gold-plated": "gold plate",
  "silver plated": "silver plate",
  "silver-plated": "silver plate",
  gold: "gold",
  silver: "silver",
};
const MATERIAL_PATTERN = new RegExp(
  `\\b(${Object.keys(MATERIALS)
    .sort((a, b) => b.length - a.length)
    .join("|")})\\b`,
  "gi",
);

function materialsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MATERIAL_PATTERN)].map((m) => MATERIALS[m[1].toLowerCase()]))];
}

/**
 * What a product is made of, from its description, else its own name and tags ("Zinc Heart
 * Lattice T-Light Holder" is zinc); a material asked about that it is not made of is answered no.
 */
function materialAnswer(product: CatalogProduct, question: string): string {
  // A description that only repeats the title says nothing of its own.
  const described = sameWords(htmlFree(product.description), product.title) ? [] : materialsIn(product.description);
  const named = materialsIn(
    `${product.title} ${product.tags.join(" ")} ${product.variants.flatMap((v) => v.options.map((o) => o.value)).join(" ")}`,
  );
  const found = described.length ? described : named;
  if (found.length === 0)
    return `The product description does not say what ${product.title} is made of. A person from the shop can tell you.`;
  const asked = materialsIn(question).filter((m) => !named.includes(m) || described.length > 0);
  const made = `${product.title} is made of ${listOf(found)}${described.length ? "" : " (as its name says)"}`;
  const wrong = asked.filter((m) => !found.includes(m));
  return wrong.length ? `No: ${made}, not ${listOf(wrong)}.` : `${made}.`;
}

const htmlFree = (text: string) => text.replace(/<[^>]*>/g, " ");
const PROPERTY_WORDS =
  /\b(dishwasher|microwave|oven|freezer|washable|waterproof|water resistant|frost|safe|proof|suitable|recyclable|vegan|organic|handmade|rechargeable|batter(y|ies)|outdoors?|outside|scented|unscented|soy|hypoallergenic|nickel|lead free|bpa)\b/gi;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function sameWords(a: string, b: string) {
  const words = (text: string) =>
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.join(" ") ?? "";
  return words(a) === words(b);
}

function firstSentences(text: string, count: number) {
  const sentences =
    text
      .replace(/\s+/g, " ")
      .trim()
      .match(/[^.!?]+[.!?]+/g) ?? (text.trim() ? [text.trim()] : []);
  return sentences.slice(0, count).join(" ").trim().slice(0, 400);
}

function firstSentence(text: string) {
  return firstSentences(text, 1);
}

export function answerRecommendations(
  recommendations: Recommendation[],
  ctx: AnswerContext,
  filters: SearchFilters,
): Answer {
  // What the shopper stated holds here too: a recommendation that breaks it is not shown.
  const constraints = toCatalogFilters({ ...filters, text: null });
  // Words said ("a gift for a tea lover") hold as a subject: a recommendation must be about them.
  const about = filters.text
    ? new Set(
        ctx.catalog.index
          .search(toCatalogFilters(filters), { limit: 200, skip: ctx.excluded })
          .map((m) => m.product.id),
      )
    : null;
  // With words and a recipient ("a birthday present for a little girl"), their own things first.
  const theirs = (r: Recommendation) =>
    filters.recipient == null || !filters.text || suitsAudience(r.product, { ...filters, text: null });
  const ranked = [...recommendations.filter(theirs), ...recommendations.filter((r) => !theirs(r))];
  const fitting = ranked
    .filter(
      (r) =>
        (!about || about.has(r.product.id)) &&
        fittingVariant(r.product, constraints) &&
        suitsAudience(r.product, filters),
    )
    .map((r) => ({ ...r, variant: fittingVariant(r.product, constraints)! }))
    .slice(0, 4);
  if (fitting.length === 0) {
    if (filters.text || filters.recipient != null || filters.occasion != null) {
      const searched = answerProductSearch({ kind: "product_search", filters, refined: false }, ctx);
      if (searched.reply.products?.length) {
        return {
          reply: {
            ...searched.reply,
            text: say(ctx.language, "recommendLead", {
              audience: !ctx.language || ctx.language === "en" ? describeAudience(filters) : "",
            }),
          },
          state: { ...searched.state, lastIntent: "recommendation" },
        };
      }
    }
    return {
      reply: {
        text: say(ctx.language, "noRecommendation"),
        resolved: false,
      },
      state: { ...ctx.state, lastIntent: "recommendation", misunderstandings: 0, pending: null },
    };
  }
  const matches = fitting.map((r) => ({ product: r.product }));
  const allBestsellers = fitting.every((r) => r.reason.kind === "bestseller");
  return {
    reply: {
      text:
        allBestsellers && !describeAudience(filters)
          ? say(ctx.language, "bestsellersLead")
          : say(ctx.language, "recommendLead", {
              audience: !ctx.language || ctx.language === "en" ? describeAudience(filters) : "",
            }),
      resolved: true,
      products: fitting.map((r) => productCard(r.product, r.variant, ctx.shop.currency, r.reason)),
      suggestions: ["Cheaper", "Show me more"],
    },
    state: productsState(ctx.state, "recommendation", matches, filters),
  };
}

function describeAudience(filters: SearchFilters) {
  return filters.recipient != null ? ` for ${RECIPIENTS[filters.recipient].who}` : "";
}

const knowledgeWords = new WeakMap<KnowledgeSnapshot, Set<string>>();
/** A passage covering this share of the question answers it, whatever else the question says. */
const STRONG_ANSWER = 0.75;
// Greetings, thanks and goodbyes are no topic a policy could be silent on ("hiya, how long do refunds take?").
const CHIT_CHAT = new Set(
  [...SHOP_EXAMPLES.greeting, ...SHOP_EXAMPLES.thanks, ...SHOP_EXAMPLES.goodbye, "please thanks cheers"].flatMap(
    (phrase) => phrase.toLowerCase().match(/[\p{L}']+/gu) ?? [],
  ),
);

function contentWordsOf(text: string, notTopics: ReadonlySet<string>): string {
  const kept = text.replace(/[\p{L}']+/gu, (word) => (isOneOf(notTopics, word) ? " " : word));
  return kept.replace(/\s+/g, " ").trim() || text;
}

/** The topic words of a question that no passage of the shop's knowledge contains, nor its catalog. */
function unmentionedTopics(query: string, ctx: AnswerContext): string[] {
  const foreign = ctx.language && ctx.language !== "en" ? notContentWords(ctx.language) : null;
  let words = knowledgeWords.get(ctx.knowledge);
  if (!words) {
    words = new Set(
      ctx.knowledge.passages.flatMap((p) =>
        analyzeTerms(`${p.heading ?? ""} ${p.text} ${p.keywords} ${p.sourceTitle}`),
      ),
    );
    knowledgeWords.set(ctx.knowledge, words);
  }
  const known = words;
  const names = productNameIndex(ctx.catalog);
  // Shoppers' phrases for what policies name in their own words ("my money back" is a refund).
  const said = CONCEPTS.reduce((text, concept) => text.replace(concept.said, " "), query);
  return topicWords(said).filter((word) => {
    const key = analyzeTerm(word);
    return (
      key !== null &&
      word.length >= 4 &&
      !CHIT_CHAT.has(word.toLowerCase()) &&
      !FILLER.has(word.toLowerCase()) &&
      !(foreign && isOneOf(foreign, word)) &&
      !known.has(key) &&
      inCatalog(names, wordKeys(word)).length === 0
    );
  });
}

function analyzeTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(analyzeTerm).filter((t): t is string => t !== null);
}

export function answerKnowledge(
  decision: Extract<Decision, { kind: "knowledge" | "store_info" }>,
  ctx: AnswerContext,
): Answer {
  const intent = decision.kind === "store_info" ? "store_info" : decision.intent;
  const named = decision.kind === "knowledge" ? decision.emphasize : [];
  // "do you ship to France?" then "how much is it?": the destination holds for the follow-up.
  const carried =
    intent === "shipping" && ctx.state.lastIntent === "shipping" && typeof ctx.state.policyDestination === "string"
      ? [ctx.state.policyDestination]
      : [];
  const names = productNameIndex(ctx.catalog);
  // The knowledge index reads English; in another language its function words and greetings
  // would only be noise against the translated passages, so the question goes in without them.
  const foreign = ctx.language && ctx.language !== "en" ? notContentWords(ctx.language) : null;
  const asked = foreign ? contentWordsOf(decision.query, foreign) : decision.query;
  const hit = ctx.knowledge.index.answer(asked, {
    preferKinds: POLICY_FOR_INTENT[intent] ?? [],
    destinations: named,
    fallbackDestinations: carried,
    isCatalogWord: (word) => inCatalog(names, wordKeys(word)).length > 0,
  });
  const product =
    decision.kind === "knowledge" && decision.productId ? ctx.catalog.byId.get(decision.productId) : undefined;
  const state: ConversationState = {
    ...ctx.state,
    lastIntent: intent,
    misunderstandings: 0,
    pending: null,
    policyDestination: hit?.destinations[0] ?? null,
    lastQuery: decision.query,
  };
  // The dialogue may read a message as a policy question the classifier did not ("and canada?").
  const answered = decision.kind === "knowledge" ? { intent } : {};
  // A question about something no policy or FAQ entry mentions at all ("do you deliver on
  // saturdays?", "do you price match?") is not answered by the nearest passage: say so.
  // A service asked for by name ("do you price match?") is unmentioned when no passage speaks of it.
  const service = askedService(decision.query);
  const unmentioned = service
    ? mentionsService(service, ctx.knowledge.passages)
      ? []
      : [service.name]
    : hit && hit.answers && (foreign || hit.score >= STRONG_ANSWER)
      ? []
      : unmentionedTopics(asked, ctx).map((w) => `"${w}"`);
  if (unmentioned.length) {
    return {
      reply: {
        text: say(ctx.language, "policiesSilent", {
          topics: listIn(ctx.language, unmentioned, listOf),
        }),
        resolved: false,
        suggestions: [say(ctx.language, "suggestPerson")],
        handoff: { reason: "offered" },
      },
      state,
      ...answered,
    };
  }
  if (!hit || !hit.answers) {
    if (intent === "store_info" && ctx.shop.contactEmail) {
      return {
        reply: {
          text: say(ctx.language, "contactAt", { shop: ctx.shop.name, email: ctx.shop.contactEmail }),
          resolved: true,
          suggestions: [say(ctx.language, "suggestPerson")],
        },
        state,
        ...answered,
      };
    }
    const policy = (POLICY_FOR_INTENT[intent] ?? []).map((type) => ctx.knowledge.policyUrls.get(type)).find(Boolean);
    return {
      reply: {
        text: policy
          ? say(ctx.language, "notInPolicy", {
              policy: ctx.language && ctx.language !== "en" ? policy.title : policy.title.toLowerCase(),
            })
          : say(ctx.language, "notInPolicies"),
        resolved: false,
        sources: policy ? [{ title: policy.title, url: policy.url }] : undefined,
        suggestions: [say(ctx.language, "suggestPerson")],
        handoff: { reason: "offered" },
      },
      state,
      ...answered,
    };
  }
  if (hit.notListed.length) {
    // The shop says where it ships and this place is not among them: show the list, say so.
    const where = hit.notListed.map(destinationLabel).join(" or ");
    const from = hit.passage.kind === "FAQ" ? "the shop's FAQ" : `the ${hit.passage.sourceTitle.toLowerCase()}`;
    return {
      reply: {
        text: `${capitalise(where)} is not among the places ${from} lists: "${hit.quote}" Would you like me to ask a person whether they can ship there?`,
        resolved: true,
        sources: [hit.source],
        suggestions: ["Talk to a person"],
        handoff: { reason: "offered" },
      },
      state,
      ...answered,
    };
  }
  const about = product ? say(ctx.language, "aboutProduct", { product: product.title }) : "";
  // Shop text shown in a language it was not translated into says so, once, after the quotes.
  const untranslatedNote = (passages: { untranslated?: boolean }[]) =>
    ctx.knowledge.locale && passages.some((p) => p.untranslated) ? ` ${say(ctx.language, "untranslated")}` : "";
  // "how long have I got to send stuff back? and do I get the postage refunded?": each question
  // its own passage, when they are different ones.
  const parts = questionParts(decision.query);
  if (parts.length > 1) {
    const answers = parts
      .map((part) =>
        ctx.knowledge.index.answer(part, {
          preferKinds: POLICY_FOR_INTENT[intent] ?? [],
          destinations: named,
          fallbackDestinations: [...carried, ...hit.destinations],
          isCatalogWord: (word) => inCatalog(names, wordKeys(word)).length > 0,
        }),
      )
      .filter((part): part is NonNullable<typeof part> => part !== null && part.answers);
    const quotes = [...new Map(answers.map((a) => [a.quote, a])).values()];
    if (answers.length === parts.length && quotes.length > 1) {
      const sources = [...new Map(quotes.map((a) => [a.source.title, a.source])).values()];
      return {
        reply: {
          text: `${about}${quotes.map((a) => a.quote).join(" ")}${untranslatedNote(quotes.map((a) => a.passage))}`,
          resolved: true,
          sources,
        },
        state,
        ...answered,
      };
    }
  }
  return {
    reply: { text: `${about}${hit.quote}${untranslatedNote([hit.passage])}`, resolved: true, sources: [hit.source] },
    state,
    ...answered,
  };
}

/** The questions of a message that asks more than one ("…? and …?"), each of a few words at least. */
function questionParts(query: string): string[] {
  const parts = query
    .split(/\?+\s*|;\s+|\.\s+(?=(?:and|also|plus|oh and)\b)/i)
    .map((part) => part.replace(/^\s*(?:and|also|plus|oh and|or)\b[\s,]*/i, "").trim())
    .filter((part) => part.split(/\s+/).length >= 3);
  return parts.length > 1 && parts.length <= 3 ? parts : [];
}

export function answerOrder(
  lookup: OrderLookup,
  decision: Extract<Decision, { kind: "order_status" | "order_change" }>,
  ctx: AnswerContext,
): Answer {
  const failures = ctx.state.verificationFailures ?? 0;
  const action = decision.kind === "order_change" ? decision.action : "order_status";
  const base: ConversationState = { ...ctx.state, lastIntent: action, misunderstandings: 0 };
  switch (lookup.status) {
    case "need_number":
      return {
        reply: {
          text: say(ctx.language, "askOrderNumber"),
          resolved: false,
        },
        state: { ...base, pending: { kind: "order_number", data: { action } } },
      };
    case "need_email":
      return {
        reply: {
          text: say(ctx.language, "askOrderEmail", { number: lookup.orderNumber }),
          resolved: false,
        },
        state: { ...base, pending: { kind: "order_email", data: { orderNumber: lookup.orderNumber, action } } },
      };
    case "no_orders":
      return {
        reply: {
          text: say(ctx.language, "noOrdersYet"),
          resolved: false,
        },
        state: { ...base, pending: { kind: "order_number", data: { action } } },
      };
    case "no_other": {
      const only = "otherThan" in lookup.pick;
      const current = typeof ctx.state.orderName === "string" ? ctx.state.orderName : null;
      const text = only
        ? `I only see one order on your account${current ? `, ${current}` : ""}. If you ordered as a guest, tell me the order number.`
        : "I don't see an order before that one on your account. If you ordered as a guest, tell me the order number.";
      return {
        reply: { text, resolved: false },
        state: { ...base, pending: { kind: "order_number", data: { action } } },
      };
    }
    case "not_found": {
      const next = failures + 1;
      if (next >= MAX_VERIFICATION_FAILURES) {
        return {
          reply: {
            text: say(ctx.language, "orderStopTrying"),
            resolved: false,
            handoff: { reason: "offered" },
            suggestions: [say(ctx.language, "suggestPerson")],
          },
          state: { ...base, verificationFailures: next, pending: null },
        };
      }
      return {
        reply: {
          text: say(ctx.language, "orderNotFound"),
          resolved: false,
        },
        // Still asking: the next email (or a corrected number) is tried for the same question.
        state: { ...base, verificationFailures: next, pending: retryPending(decision.orderNumber, action) },
      };
    }
    case "found": {
      const state: ConversationState = {
        ...base,
        orderId: lookup.orderId,
        orderName: lookup.card.name,
        verificationFailures: 0,
        pending: null,
      };
      if (decision.kind === "order_change") {
        const what = decision.action === "cancel_order" ? "cancel" : "change the delivery address of";
        return {
          reply: {
            text: `I found order ${lookup.card.name} (${lookup.card.statusText.charAt(0).toLowerCase()}${lookup.card.statusText.slice(1).replace(/\.$/, "")}). I can't ${what} it myself, so I've asked a person from the shop to help; they will reply here.`,
            resolved: true,
            order: lookup.card,
            handoff: { reason: "requested" },
          },
          state,
        };
      }
      const tracking = lookup.card.tracking.length ? " The tracking link is below." : "";
      return {
        reply: {
          text: `Order ${lookup.card.name}: ${lookup.card.statusText}${tracking}`,
          resolved: true,
          order: lookup.card,
        },
        state,
      };
    }
  }
}

export function answerSmallTalk(decision: Extract<Decision, { kind: "small_talk" }>, ctx: AnswerContext): Answer {
  if (decision.intent === "identity")
    return {
      reply: {
        text: say(ctx.language, "identity", { shop: ctx.shop.name }),
        resolved: true,
        suggestions: [say(ctx.language, "suggestPerson"), say(ctx.language, "suggestOrder")],
      },
      state: { ...ctx.state, lastIntent: "greeting", misunderstandings: 0, pending: null },
      intent: "greeting",
    };
  const text =
    decision.intent === "greeting"
      ? say(ctx.language, "greeting", { shop: ctx.shop.name })
      : decision.intent === "thanks"
        ? say(ctx.language, "thanks")
        : say(ctx.language, "goodbye");
  return {
    reply: {
      text,
      resolved: true,
      suggestions:
        decision.intent === "greeting"
          ? [
              say(ctx.language, "suggestOrder"),
              say(ctx.language, "suggestReturns"),
              say(ctx.language, "suggestBestsellers"),
            ]
          : undefined,
    },
    state: { ...ctx.state, lastIntent: decision.intent, misunderstandings: 0, pending: null },
  };
}

export function answerHandoff(decision: Extract<Decision, { kind: "handoff" }>, ctx: AnswerContext): Answer {
  const text =
    decision.reason === "complaint"
      ? say(ctx.language, "handoffComplaint")
      : decision.reason === "misunderstood"
        ? say(ctx.language, "handoffMisunderstood")
        : say(ctx.language, "handoffRequested");
  return {
    reply: { text, resolved: decision.reason === "requested", handoff: { reason: decision.reason } },
    state: { ...ctx.state, lastIntent: "human_handoff", misunderstandings: 0, pending: null },
  };
}

export function answerOutOfScope(ctx: AnswerContext): Answer {
  return {
    reply: {
      text: say(ctx.language, "outOfScope"),
      resolved: false,
      suggestions: [say(ctx.language, "suggestPerson"), say(ctx.language, "suggestOrder")],
      handoff: { reason: "offered" },
    },
    state: { ...ctx.state, misunderstandings: (ctx.state.misunderstandings ?? 0) + 1, pending: null },
  };
}

export function answerClarify(decision: Extract<Decision, { kind: "clarify" }>, ctx: AnswerContext): Answer {
  const [a, b] = decision.options;
  return {
    reply: {
      text: `Do you mean ${INTENT_LABELS[a] ?? a}, or ${INTENT_LABELS[b] ?? b}?`,
      resolved: false,
      suggestions: [capitalise(INTENT_LABELS[a] ?? a), capitalise(INTENT_LABELS[b] ?? b)],
    },
    state: { ...ctx.state, pending: { kind: "clarify", data: { options: [a, b] } } },
  };
}

export function answerPrivacy(ctx: AnswerContext): Answer {
  const policy = ctx.knowledge.policyUrls.get("PRIVACY_POLICY");
  return {
    reply: {
      text: say(ctx.language, "privacy"),
      resolved: true,
      sources: policy ? [{ title: policy.title, url: policy.url }] : undefined,
      suggestions: [say(ctx.language, "suggestPerson")],
    },
    state: { ...ctx.state, lastIntent: "privacy_optout", misunderstandings: 0, pending: null },
  };
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
