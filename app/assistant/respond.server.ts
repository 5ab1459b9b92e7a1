import type { Db } from "../db.server";
import { catalogFor } from "../catalog/snapshot.server";
import type { CatalogProduct } from "../catalog/types";
import { knowledgeFor } from "../knowledge/store.server";
import { keyRing } from "../privacy/keys.server";
import { exclusionsFor, recommendationsFor } from "../recommend/service.server";
import {
  answerClarify,
  answerClarifyProduct,
  audienceHints,
  answerHandoff,
  answerKnowledge,
  answerOutOfScope,
  answerPrivacy,
  answerProductDetail,
  answerProductSearch,
  answerRecommendations,
  answerSmallTalk,
  toCatalogFilters,
  type Answer,
  type AnswerContext,
  type ShopFacts,
} from "./answers.server";
import { RULE_PAGE, type AssistantResult, type AssistantTurn } from "./contract";
import { decide, emptyFilters, type Decision, type SearchFilters } from "./dialogue";
import { CHEAPER, DISCOVER, ELLIPSIS, SHOPPING } from "./shopper-words";
import { lookUpOrder, MAX_VERIFICATION_FAILURES, orderById, type OrderLookup } from "./orders.server";
import { answerOrderFollowup, answerOrderLookup } from "./order-answers.server";
import { keptEmailHash } from "./order-verification";
import { withoutBrokenCards } from "./stated-constraints";
import { askedService } from "../knowledge/services";
import { lookupHash } from "../privacy/crypto.server";
import { catalogReading, classifierFor, understand, withoutCountries } from "./understand.server";
import { packLanguage } from "./languages";
import { turnLanguage } from "./turn-language.server";
import { knowledgeAnswers } from "../knowledge/retrieval";
import { policyFollowUp } from "../knowledge/follow-up";
import { answerWithLlm } from "./llm/agent.server";
import { llmFor } from "./llm/settings.server";
import { assistantTools, type ToolSession } from "./llm/tools.server";
import { log } from "../log.server";

/**
 * One chat turn: understand the message, decide with the conversation's state, answer
 * from the shop's own data. Plain TypeScript over the database; the route around it only
 * authenticates, stores and returns.
 */

const facts = new Map<string, { value: ShopFacts; at: number }>();
const FACTS_TTL_MS = 10_000;

/** The shop's name, currency and contact, cached briefly: every turn needs them. */
export async function shopFacts(db: Db, shop: string, now = Date.now()): Promise<ShopFacts> {
  const cached = facts.get(shop);
  if (cached && now - cached.at < FACTS_TTL_MS) return cached.value;
  const value = await loadShopFacts(db, shop);
  facts.set(shop, { value, at: now });
  if (facts.size > 500) facts.delete(facts.keys().next().value!);
  return value;
}

async function loadShopFacts(db: Db, shop: string): Promise<ShopFacts> {
  const row = await db.shop.findUnique({ where: { domain: shop } });
  return {
    name: row?.name ?? shop,
    currency: row?.currency ?? "USD",
    locale: row?.locale ?? "en",
    contactEmail: row?.contactEmail ?? row?.email ?? null,
    timezone: row?.timezone ?? "UTC",
    storefrontOrigin: row?.storefrontUrl ? new URL(row.storefrontUrl).origin : `https://${shop}`,
    locales: publishedLocales(row?.locales),
  };
}

/** Shop.locales as synced (a JSON list); an unreadable value is no extra language. */
function publishedLocales(value: string | null | undefined): string[] {
  try {
    const parsed = JSON.parse(value ?? "[]") as unknown;
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === "string") : [];
  } catch {
    return [];
  }
}

export async function respond(db: Db, turn: AssistantTurn): Promise<AssistantResult> {
  const now = turn.now?.getTime() ?? Date.now();
  const state = turn.state ?? {};
  const shop = await shopFacts(db, turn.shop, now);
  const { language, multilingual } = await turnLanguage(shop, turn, state);
  // The shop's text in the turn's language: the storefront's exact locale when it is that
  // language ("fr-CA"), else the language; the primary language reads the shop's own text.
  const primary = packLanguage(shop.locale) === language;
  const locale = packLanguage(turn.locale) === language ? turn.locale : language;
  const [catalog, knowledge, classifier] = await Promise.all([
    primary ? catalogFor(db, turn.shop, now) : catalogFor(db, turn.shop, now, { locale }),
    primary ? knowledgeFor(db, turn.shop, now) : knowledgeFor(db, turn.shop, now, { locale }),
    language === "en"
      ? classifierFor(db, turn.shop, now)
      : classifierFor(db, turn.shop, now, { language, primaryLanguage: packLanguage(shop.locale) ?? "en" }),
  ]);
  const understanding = understand(
    classifier,
    catalogReading(catalog),
    turn.text,
    state,
    language === "en" ? {} : { language },
  );
  const shown = (state.lastProducts ?? []).map((id) => catalog.byId.get(id)).filter((p) => p !== undefined);
  const shownPrices = shown.map((p) => Math.min(...p.variants.map((v) => v.price)));
  // On a product page, "is this in stock?" is about the product on the page.
  const onPage = turn.page?.type === "product" && turn.page.productId ? turn.page.productId : null;
  const decision = decide(
    understanding,
    onPage && !state.focusProductId ? { ...state, focusProductId: onPage } : state,
    {
      shownMin: shownPrices.length ? Math.min(...shownPrices) : null,
      shownMax: shownPrices.length ? Math.max(...shownPrices) : null,
      focusOptions: optionValues(catalog.byId.get(String(state.focusProductId ?? onPage ?? ""))),
    },
  );
  const ctx: AnswerContext = {
    shop,
    catalog,
    knowledge,
    state,
    message: understanding.text,
    understanding,
    ...(language === "en" ? {} : { language }),
  };

  const llm = await llmFor(db, turn.shop);
  if (llm) {
    const session: ToolSession = { shownProducts: [], state };
    try {
      const result = await answerWithLlm({
        provider: llm,
        tools: assistantTools(db, keyRing, turn, ctx, session),
        history: turn.history ?? [],
        message: turn.text,
        context:
          `Shop: ${shop.name}. Prices are in ${shop.currency}. The shopper is on the shop's ${turn.page?.type ?? "other"} page.` +
          (multilingual
            ? ` Answer in ${LANGUAGE_NAMES.of(language) ?? language}, the language the shopper writes in.`
            : ""),
        shopOrigin: shop.storefrontOrigin,
      });
      return {
        reply: {
          text: result.text,
          intent: understanding.intent,
          confidence: Number(understanding.confidence.toFixed(3)),
          resolved: true,
          ...result.reply,
          ...(multilingual ? { language } : {}),
        },
        state: {
          ...session.state,
          lastIntent: understanding.intent,
          lastProducts: session.shownProducts.length ? session.shownProducts : state.lastProducts,
          misunderstandings: 0,
          pending: null,
          ...(multilingual ? { language, languageLocale: turn.locale } : {}),
        },
      };
    } catch (error) {
      // The embedded engine answers instead; the reason is logged without the message.
      log.warn(
        `language model answer for ${turn.shop} not used: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  // "and to australia?", "how long would that take?" after a shipping question: the same
  // question, for the new place or the new fact (knowledge/follow-up.ts).
  if (decision.kind === "knowledge" && typeof state.lastQuery === "string" && decision.intent === state.lastIntent) {
    const followUp = policyFollowUp(state.lastQuery, understanding.text);
    if (followUp) decision.query = followUp;
    else if (ELLIPSIS.test(understanding.text) && understanding.entities.countries.length)
      decision.query = `${withoutCountries(state.lastQuery)} ${understanding.text}`;
  }
  // What the shopper stated this turn, else the budget they gave the conversation.
  const budget = state.budget as { priceMin?: number | null; priceMax?: number | null } | undefined;
  const said = understanding.entities;
  const stated = {
    priceMin: said.priceMin ?? (said.priceMax === null ? (budget?.priceMin ?? null) : null),
    priceMax: said.priceMax ?? (said.priceMin === null ? (budget?.priceMax ?? null) : null),
    colours: said.colours,
  };
  const answer = withoutBrokenCards(await answerDecision(db, turn, decision, ctx, now), decision, catalog, stated);
  // A budget said on its own holds for the rest of the conversation (dialogue.ts, sessionBudget).
  const { priceMin, priceMax } = understanding.entities;
  if ((priceMin !== null || priceMax !== null) && !understanding.productWords?.text) {
    answer.state = { ...answer.state, budget: { priceMin, priceMax } };
  }
  // Say what was searched when the shopper's words were corrected to the shop's own.
  const corrected =
    understanding.correction && answer.reply.products?.length ? { correction: understanding.correction } : {};
  return {
    reply: {
      ...answer.reply,
      ...corrected,
      // Refused as out of scope is understood as nothing, whatever the classifier's guess was.
      intent:
        answer.intent !== undefined
          ? answer.intent
          : decision.kind === "out_of_scope"
            ? null
            : ((decision.kind === "order_change"
                ? decision.action
                : decision.kind === "handoff" && decision.reason !== "misunderstood"
                  ? decision.reason === "complaint"
                    ? "complaint"
                    : "human_handoff"
                  : DECIDED_INTENT[decision.kind]) ?? understanding.intent),
      confidence: Number(understanding.confidence.toFixed(3)),
      // The conversation takes the reply's language (contract.ts); one-language shops say nothing.
      ...(multilingual ? { language } : {}),
    },
    state: multilingual ? { ...answer.state, language, languageLocale: turn.locale } : answer.state,
  };
}

// The optional language model is told the language by its English name (CLDR, so a new pack needs no entry).
const LANGUAGE_NAMES = new Intl.DisplayNames("en", { type: "language" });

/** The option values a shopper may name a variant by ("large", "blue"), lower case. */
function optionValues(product: CatalogProduct | undefined): string[] {
  if (!product || product.variants.length < 2) return [];
  const values = product.variants.flatMap((v) => v.options.map((o) => o.value.toLowerCase()));
  return [...new Set(values)].filter((value) => value && value !== "default title");
}

/**
 * The intent a decision answers, where the dialogue overruled the classifier (a product
 * named outright, shop words it could not place): the reply reports what was understood.
 */
const DECIDED_INTENT: Partial<Record<Decision["kind"], string>> = {
  product_detail: "product_question",
  clarify_product: "product_question",
  product_search: "product_search",
  recommend: "recommendation",
  // An answer to "what email did you use?" is the order question it answers, not the bare email.
  order_status: "order_status",
  order_followup: "order_status",
};

/** "more like this": others like the product in view, new to the shopper. */
const LIKE_THIS = /\b(?:more|others?|something|anything) like (?:this|that|it)\b/i;

/** A policy reading the classifier is this sure of stays a policy question even when no policy answers it. */
const POLICY_FALLBACK_CONFIDENCE = 0.8;
const OPT_OUT = /\b(don'?t|do not|stop|opt[- ]?out|delete|erase|remove|forget|unsubscribe)\b/i;
const INTENT_OF_SOURCE: Record<string, string> = {
  REFUND_POLICY: "returns_refunds",
  SHIPPING_POLICY: "shipping",
  TERMS_OF_SERVICE: "payment_methods",
  PRIVACY_POLICY: "account",
};

/**
 * Words of what a shop's policies are about: a message that says them and names nothing the
 * shop sells ("will my friend have to pay customs on it?", "do prices have tax on top?") is a
 * policy question, however the classifier read it.
 */
const POLICY_WORDS =
  /\b(?:refunds?|refunded|money back|the money|returns?|returning|send (?:it |them |stuff |things |something )?back|exchanges?|ship(?:ping|ped|s)?|deliver(?:y|ed|ies|s)?|postage|courier|dispatch\w*|vat|tax(?:es)?|customs|duties|import (?:fees?|charges?)|damaged|broken|breaks|faulty|cancel\w*|next[- ]day|tomorrow|express)\b/i;

/**
 * A knowledge decision for a message that a policy section or FAQ entry answers strongly, else
 * null; with `policyWords`, any answering passage will do for a message in a policy's own words.
 */
function policyAnswering(
  text: string,
  ctx: AnswerContext,
  { policyWords = false }: { policyWords?: boolean } = {},
): Extract<Decision, { kind: "knowledge" }> | null {
  const query = ctx.message ?? text;
  const { hit, strong } = knowledgeAnswers(query, ctx.knowledge);
  if (!hit || !(strong || (policyWords && hit.answers && POLICY_WORDS.test(query)))) return null;
  const intent = INTENT_OF_SOURCE[hit.passage.kind] ?? "store_info";
  return { kind: "knowledge", intent, query: ctx.message ?? text, emphasize: [], productId: null };
}

async function searchProducts(
  db: Db,
  turn: AssistantTurn,
  decision: Extract<Decision, { kind: "product_search" }>,
  ctx: AnswerContext,
  now: number,
): Promise<Answer> {
  // The merchant's exclusions hold in search results too, not only in recommendations.
  const excluded = await exclusionsFor(db, turn.shop, {
    currency: ctx.shop.currency,
    customerId: turn.customerId,
    personalization: turn.personalization,
    cart: turn.cart?.productIds ?? [],
    currentProductId: turn.page?.productId ?? null,
    pageType: RULE_PAGE[turn.page?.type ?? "other"],
    now,
  });
  const answer = answerProductSearch(decision, excluded ? { ...ctx, excluded } : ctx);
  return { ...answer, intent: "product_search" };
}

function searchFiltersOf(ctx: AnswerContext): SearchFilters {
  const u = ctx.understanding!;
  return {
    ...emptyFilters(),
    text: u.productWords?.text ?? null,
    priceMin: u.entities.priceMin,
    priceMax: u.entities.priceMax,
    colours: u.entities.colours,
    sizes: u.entities.sizes,
  };
}

async function answerDecision(
  db: Db,
  turn: AssistantTurn,
  decision: Decision,
  ctx: AnswerContext,
  now: number,
): Promise<Answer> {
  switch (decision.kind) {
    case "small_talk":
      return answerSmallTalk(decision, ctx);
    case "handoff": {
      const policy = decision.reason === "misunderstood" ? policyAnswering(turn.text, ctx) : null;
      return policy ? { ...answerKnowledge(policy, ctx), intent: policy.intent } : answerHandoff(decision, ctx);
    }
    case "out_of_scope": {
      // A question the classifier could not place that a policy section answers outright
      // ("is VAT included?") is answered from it rather than refused.
      const policy = policyAnswering(turn.text, ctx, { policyWords: true });
      return policy ? { ...answerKnowledge(policy, ctx), intent: policy.intent } : answerOutOfScope(ctx);
    }
    case "clarify":
      return answerClarify(decision, ctx);
    case "clarify_product":
      return answerClarifyProduct(decision, ctx);
    case "privacy": {
      // "Do you sell my data?" is a question the privacy policy answers; "don't use my data" is a request.
      const policy = OPT_OUT.test(turn.text) ? null : policyAnswering(turn.text, ctx);
      return policy ? answerKnowledge(policy, ctx) : answerPrivacy(ctx);
    }
    case "knowledge":
    case "store_info": {
      const answer = answerKnowledge(decision, ctx);
      // No policy says anything of it, and it asks for a thing ("any lawnmowers?"): a search,
      // which says plainly whether the shop sells it.
      const words = ctx.understanding?.productWords;
      const unsure = (ctx.understanding?.confidence ?? 0) < POLICY_FALLBACK_CONFIDENCE;
      // (A question in a policy's words that names nothing the shop sells stays a policy question.)
      const policyWorded =
        (words?.catalog.length === 0 && POLICY_WORDS.test(ctx.message ?? turn.text)) ||
        askedService(ctx.message ?? turn.text) !== null;
      if (
        !answer.reply.resolved &&
        unsure &&
        !policyWorded &&
        words?.text &&
        (SHOPPING.test(ctx.message ?? "") || words.catalog.length > 0)
      ) {
        return searchProducts(
          db,
          turn,
          { kind: "product_search", filters: searchFiltersOf(ctx), refined: false },
          ctx,
          now,
        );
      }
      return answer;
    }
    case "product_search": {
      // Nothing the shop sells is named, but a policy's words are: a policy question.
      const words = ctx.understanding?.productWords;
      if (!decision.refined && words && words.catalog.length === 0) {
        const policy = policyAnswering(turn.text, ctx, { policyWords: true });
        if (policy) return { ...answerKnowledge(policy, ctx), intent: policy.intent };
      }
      return searchProducts(db, turn, decision, ctx, now);
    }
    case "product_detail":
      return answerProductDetail(decision, ctx);
    case "order_status":
    case "order_change": {
      // The email given now, or the one given earlier in this verification (as its hash only).
      const emailHash = decision.email ? lookupHash(keyRing, decision.email) : keptEmailHash(ctx.state.pending);
      // Past the attempt limit no email is tried any more, the right one included.
      const locked = (ctx.state.verificationFailures ?? 0) >= MAX_VERIFICATION_FAILURES && emailHash !== null;
      const lookup: OrderLookup = locked
        ? { status: "not_found" }
        : await lookUpOrder(
            db,
            keyRing,
            turn.shop,
            {
              orderNumber: decision.orderNumber,
              email: decision.email,
              emailHash,
              customerId: turn.customerId,
              pick: decision.pick ?? null,
            },
            turn.locale || ctx.shop.locale,
            ctx.shop.timezone,
          );
      const locale = turn.locale || ctx.shop.locale;
      return answerOrderLookup(lookup, decision, ctx, { now: new Date(now), locale, text: turn.text, emailHash });
    }
    case "order_followup": {
      const locale = turn.locale || ctx.shop.locale;
      const found = await orderById(db, turn.shop, decision.orderId, locale, ctx.shop.timezone);
      return answerOrderFollowup(decision, found, ctx, { now: new Date(now), locale });
    }
    case "recommend": {
      // "anything like the X but cheaper": cheaper than X itself, not than the last cards shown.
      const liked =
        decision.productId && decision.filters.excludeIds.includes(decision.productId)
          ? ctx.catalog.byId.get(decision.productId)
          : undefined;
      const filters =
        liked && CHEAPER.test(turn.text)
          ? { ...decision.filters, below: Math.min(...liked.variants.map((v) => v.price)) }
          : decision.filters;
      const { priceMax } = toCatalogFilters(filters);
      // Products this visitor looked at, when their consent and choice allow using them.
      const viewed = turn.personalization
        ? (
            await db.behaviourEvent.findMany({
              where: { shop: turn.shop, visitorId: turn.visitorId, type: "view", productId: { not: null } },
              orderBy: { occurredAt: "desc" },
              take: 20,
              select: { productId: true },
            })
          ).map((event) => event.productId!)
        : [];
      // "something new?", "what else would I like?": things this shopper has never bought.
      const discover = DISCOVER.test(turn.text) || (decision.productId !== null && LIKE_THIS.test(turn.text));
      const { items } = await recommendationsFor(db, turn.shop, {
        list: discover ? "discover" : "default",
        currency: ctx.shop.currency,
        customerId: turn.customerId,
        visitorId: turn.visitorId,
        personalization: turn.personalization,
        viewed,
        cart: turn.cart?.productIds ?? [],
        currentProductId: decision.productId ?? turn.page?.productId ?? null,
        pageType: RULE_PAGE[turn.page?.type ?? "other"],
        context: {
          query: [filters.text, ...audienceHints(filters, ctx)].filter(Boolean).join(" ") || undefined,
          priceMin: filters.priceMin ?? undefined,
          priceMax: priceMax ?? undefined,
          colour: filters.colours[0],
          productType: filters.productTypes[0],
        },
        exclude: filters.excludeIds,
        // More than are shown: those that break what the shopper asked for are dropped.
        limit: filters.recipient != null || filters.occasion != null || filters.colours.length ? 12 : 4,
        now,
      });
      return answerRecommendations(items, ctx, filters);
    }
  }
}
