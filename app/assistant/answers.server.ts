import type { CatalogSnapshot } from "../catalog/snapshot.server";
import type { CatalogFilters, CatalogMatch } from "../catalog/search";
import type { CatalogProduct, CatalogVariant } from "../catalog/types";
import type { KnowledgeSnapshot } from "../knowledge/store.server";
import type { AssistantReply, ConversationState, ProductCard } from "./contract";
import type { Decision, SearchFilters } from "./dialogue";
import { MAX_VERIFICATION_FAILURES, type OrderLookup } from "./orders.server";

/**
 * Turns a decision into the words and cards the shopper sees. Every price, stock level,
 * order fact and policy sentence comes from the snapshot or lookup passed in: nothing here
 * invents them. Phrases are English; the widget's own strings are translated.
 */

export interface ShopFacts {
  name: string;
  currency: string;
  locale: string;
  contactEmail: string | null;
  timezone: string;
  /** https://… of the online store, for telling the shop's own links from others. */
  storefrontOrigin: string;
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
}

export interface Answer {
  reply: Omit<AssistantReply, "intent" | "confidence">;
  state: ConversationState;
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
  payment_methods: ["TERMS_OF_SERVICE", "REFUND_POLICY"],
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

function toCatalogFilters(filters: SearchFilters): CatalogFilters {
  return {
    text: filters.text,
    priceMin: filters.priceMin,
    priceMax: filters.priceMax,
    colours: filters.colours,
    sizes: filters.sizes,
    productTypes: filters.productTypes,
    vendors: filters.vendors,
    excludeIds: filters.excludeIds,
  };
}

function describeFilters(filters: SearchFilters, shop: ShopFacts) {
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

export function answerProductSearch(
  decision: Extract<Decision, { kind: "product_search" }>,
  ctx: AnswerContext,
): Answer {
  const { filters } = decision;
  const sort = filters.sort === "relevance" && !filters.text ? "price_asc" : filters.sort;
  const matches: CatalogMatch[] = ctx.catalog.index.search(toCatalogFilters(filters), {
    limit: 4,
    sort,
    skip: ctx.excluded,
  });
  const what = describeFilters(filters, ctx.shop) || "that";
  if (matches.length === 0) {
    return {
      reply: {
        text: decision.refined
          ? `I couldn't find anything else ${what} in stock right now.`
          : `I couldn't find anything ${what} in stock right now. Try other words, or ask me for recommendations.`,
        resolved: false,
        suggestions: ["Show me bestsellers", "Talk to a person"],
      },
      state: { ...productsState(ctx.state, "product_search", [], filters), lastProducts: ctx.state.lastProducts ?? [] },
    };
  }
  const cards = matches.map((m) => productCard(m.product, m.variant, ctx.shop.currency));
  const lead = decision.refined ? "Here are some more options" : "Here is what I found";
  return {
    reply: {
      text: `${lead}${what !== "that" ? ` for ${what}` : ""}:`,
      resolved: true,
      products: cards,
      suggestions: ["Cheaper", "Show me more"],
    },
    state: productsState(ctx.state, "product_search", matches, filters),
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
  const available = product.variants.filter((v) => v.available);
  const money = (v: CatalogVariant) => formatMoney(v.price, ctx.shop.currency, ctx.shop.locale);
  let text: string;
  switch (decision.aspect) {
    case "stock": {
      if (available.length === 0) text = `${product.title} is sold out at the moment.`;
      else if (product.variants.length === 1) {
        const quantity = available[0].inventoryQuantity;
        text =
          quantity !== null && quantity > 0 && quantity <= 5
            ? `${product.title} is in stock, with only ${quantity} left.`
            : `${product.title} is in stock.`;
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
      text = values.length
        ? `${product.title} comes in ${values.join(", ")}.`
        : `${product.title} comes in one ${decision.aspect === "size" ? "size" : "version"}. ${firstSentence(product.description)}`.trim();
      break;
    }
    case "price": {
      const prices = [...new Set(product.variants.map(money))];
      text =
        prices.length === 1
          ? `${product.title} costs ${prices[0]}.`
          : `${product.title} costs from ${money(product.variants.reduce((a, b) => (a.price <= b.price ? a : b)))}.`;
      break;
    }
    case "material":
    default: {
      const description = firstSentences(product.description, 2);
      text = description
        ? `${product.title}: ${description}`
        : `${product.title} is a ${product.productType.toLowerCase() || "product"} by ${product.vendor}.`;
      if (
        decision.aspect === "material" &&
        !/\b(made|material|cotton|wood|ceramic|metal|glass|porcelain|linen|wool|leather|silver|gold|plastic|paper)\b/i.test(
          description,
        )
      ) {
        text = `The product description does not say what ${product.title} is made of. A person from the shop can tell you.`;
      }
    }
  }
  return {
    reply: { text, resolved: true, products: [productCard(product, available[0] ?? null, ctx.shop.currency)] },
    state: {
      ...ctx.state,
      lastIntent: "product_question",
      focusProductId: product.id,
      misunderstandings: 0,
      pending: null,
    },
  };
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
  if (recommendations.length === 0) {
    return {
      reply: {
        text: "I don't have a recommendation that fits right now. Tell me what you are looking for and I'll search the shop.",
        resolved: false,
      },
      state: { ...ctx.state, lastIntent: "recommendation", misunderstandings: 0, pending: null },
    };
  }
  const matches = recommendations.map((r) => ({ product: r.product }));
  const allBestsellers = recommendations.every((r) => r.reason.kind === "bestseller");
  return {
    reply: {
      text: allBestsellers ? "Here are our bestsellers that are in stock:" : "You might like these:",
      resolved: true,
      products: recommendations.map((r) => productCard(r.product, r.variant, ctx.shop.currency, r.reason)),
      suggestions: ["Cheaper", "Show me more"],
    },
    state: productsState(ctx.state, "recommendation", matches, filters),
  };
}

export function answerKnowledge(
  decision: Extract<Decision, { kind: "knowledge" | "store_info" }>,
  ctx: AnswerContext,
): Answer {
  const intent = decision.kind === "store_info" ? "store_info" : decision.intent;
  const emphasize = decision.kind === "knowledge" ? decision.emphasize : [];
  const hits = ctx.knowledge.index.search(decision.query, {
    preferKinds: POLICY_FOR_INTENT[intent] ?? [],
    emphasize,
    limit: 3,
  });
  const best = hits[0];
  const product =
    decision.kind === "knowledge" && decision.productId ? ctx.catalog.byId.get(decision.productId) : undefined;
  const state: ConversationState = { ...ctx.state, lastIntent: intent, misunderstandings: 0, pending: null };
  if (!best || best.matched.length === 0) {
    if (intent === "store_info" && ctx.shop.contactEmail) {
      return {
        reply: {
          text: `You can reach ${ctx.shop.name} at ${ctx.shop.contactEmail}.`,
          resolved: true,
          suggestions: ["Talk to a person"],
        },
        state,
      };
    }
    const policy = (POLICY_FOR_INTENT[intent] ?? []).map((type) => ctx.knowledge.policyUrls.get(type)).find(Boolean);
    return {
      reply: {
        text: policy
          ? `I couldn't find that in the shop's ${policy.title.toLowerCase()}. Would you like me to ask a person?`
          : "I couldn't find that in the shop's policies or FAQ. Would you like me to ask a person?",
        resolved: false,
        sources: policy ? [{ title: policy.title, url: policy.url }] : undefined,
        suggestions: ["Talk to a person"],
        handoff: { reason: "offered" },
      },
      state,
    };
  }
  const passage = best.passage;
  const about = product ? `About ${product.title}: ` : "";
  return {
    reply: {
      text: `${about}${passage.text}`,
      resolved: true,
      sources: [
        {
          title:
            passage.heading && passage.kind !== "FAQ"
              ? `${passage.sourceTitle}: ${passage.heading}`
              : passage.sourceTitle,
          url: passage.sourceUrl,
        },
      ],
    },
    state,
  };
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
          text: "I can look that up. What is your order number? It starts with # and is in your confirmation email.",
          resolved: false,
        },
        state: { ...base, pending: { kind: "order_number", data: { action } } },
      };
    case "need_email":
      return {
        reply: {
          text: `To keep your order private, what email address did you use for order #${lookup.orderNumber}?`,
          resolved: false,
        },
        state: { ...base, pending: { kind: "order_email", data: { orderNumber: lookup.orderNumber, action } } },
      };
    case "no_orders":
      return {
        reply: {
          text: "I don't see any orders on your account yet. If you ordered as a guest, tell me the order number.",
          resolved: false,
        },
        state: { ...base, pending: { kind: "order_number", data: { action } } },
      };
    case "not_found": {
      const next = failures + 1;
      if (next >= MAX_VERIFICATION_FAILURES) {
        return {
          reply: {
            text: "I still can't find an order with those details, so I'll stop trying here. A person from the shop can help you find it.",
            resolved: false,
            handoff: { reason: "offered" },
            suggestions: ["Talk to a person"],
          },
          state: { ...base, verificationFailures: next, pending: null },
        };
      }
      return {
        reply: {
          text: "I couldn't find an order with that number and email. Please check both and try again.",
          resolved: false,
        },
        state: { ...base, verificationFailures: next, pending: null },
      };
    }
    case "found": {
      const state: ConversationState = { ...base, orderId: lookup.orderId, verificationFailures: 0, pending: null };
      if (decision.kind === "order_change") {
        const what = decision.action === "cancel_order" ? "cancel" : "change the delivery address of";
        return {
          reply: {
            text: `I found order ${lookup.card.name} (${lookup.card.statusText.toLowerCase().replace(/\.$/, "")}). I can't ${what} it myself, so I've asked a person from the shop to help; they will reply here.`,
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
  const text =
    decision.intent === "greeting"
      ? `Hi! I'm the ${ctx.shop.name} assistant. I can help with orders, shipping, returns and finding products.`
      : decision.intent === "thanks"
        ? "You're welcome! Anything else I can help with?"
        : "Thanks for visiting. Goodbye!";
  return {
    reply: {
      text,
      resolved: true,
      suggestions:
        decision.intent === "greeting"
          ? ["Where is my order?", "What is your returns policy?", "Show me bestsellers"]
          : undefined,
    },
    state: { ...ctx.state, lastIntent: decision.intent, misunderstandings: 0, pending: null },
  };
}

export function answerHandoff(decision: Extract<Decision, { kind: "handoff" }>, ctx: AnswerContext): Answer {
  const text =
    decision.reason === "complaint"
      ? "I'm sorry about that. I've asked a person from the shop to look into it; they will reply here."
      : decision.reason === "misunderstood"
        ? "Sorry, I'm not understanding. I've asked a person from the shop to help; they will reply here."
        : "Of course. I've asked a person from the shop to join; they will reply here.";
  return {
    reply: { text, resolved: decision.reason === "requested", handoff: { reason: decision.reason } },
    state: { ...ctx.state, lastIntent: "human_handoff", misunderstandings: 0, pending: null },
  };
}

export function answerOutOfScope(ctx: AnswerContext): Answer {
  return {
    reply: {
      text: "I can't help with that. I can answer questions about orders, shipping, returns and products, or connect you with a person.",
      resolved: false,
      suggestions: ["Talk to a person", "Where is my order?"],
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
      text: "You can stop us using your browsing for recommendations with \"Don't use my data\" in this chat's menu. To get a copy of your data or have it deleted, ask the shop; a person can help.",
      resolved: true,
      sources: policy ? [{ title: policy.title, url: policy.url }] : undefined,
      suggestions: ["Talk to a person"],
    },
    state: { ...ctx.state, lastIntent: "privacy_optout", misunderstandings: 0, pending: null },
  };
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
