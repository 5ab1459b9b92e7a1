import type { Db } from "../db.server";
import { catalogFor } from "../catalog/snapshot.server";
import { knowledgeFor } from "../knowledge/store.server";
import { keyRing } from "../privacy/keys.server";
import { exclusionsFor, recommendationsFor } from "../recommend/service.server";
import {
  answerClarify,
  answerHandoff,
  answerKnowledge,
  answerOrder,
  answerOutOfScope,
  answerPrivacy,
  answerProductDetail,
  answerProductSearch,
  answerRecommendations,
  answerSmallTalk,
  type Answer,
  type AnswerContext,
  type ShopFacts,
} from "./answers.server";
import { RULE_PAGE, type AssistantResult, type AssistantTurn } from "./contract";
import { decide, type Decision } from "./dialogue";
import { lookUpOrder } from "./orders.server";
import { classifierFor, understand, vocabularyFor } from "./understand.server";
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
  };
}

export async function respond(db: Db, turn: AssistantTurn): Promise<AssistantResult> {
  const now = turn.now?.getTime() ?? Date.now();
  const [shop, catalog, knowledge, classifier] = await Promise.all([
    shopFacts(db, turn.shop, now),
    catalogFor(db, turn.shop, now),
    knowledgeFor(db, turn.shop, now),
    classifierFor(db, turn.shop, now),
  ]);
  const state = turn.state ?? {};
  const understanding = understand(classifier, vocabularyFor(catalog), turn.text, state);
  const shown = (state.lastProducts ?? []).map((id) => catalog.byId.get(id)).filter((p) => p !== undefined);
  const shownPrices = shown.map((p) => Math.min(...p.variants.map((v) => v.price)));
  const decision = decide(understanding, state, {
    shownMin: shownPrices.length ? Math.min(...shownPrices) : null,
    shownMax: shownPrices.length ? Math.max(...shownPrices) : null,
  });
  const ctx: AnswerContext = { shop, catalog, knowledge, state };

  const llm = await llmFor(db, turn.shop);
  if (llm) {
    const session: ToolSession = { shownProducts: [], state };
    try {
      const result = await answerWithLlm({
        provider: llm,
        tools: assistantTools(db, keyRing, turn, ctx, session),
        history: turn.history ?? [],
        message: turn.text,
        context: `Shop: ${shop.name}. Prices are in ${shop.currency}. The shopper is on the shop's ${turn.page?.type ?? "other"} page.`,
        shopOrigin: shop.storefrontOrigin,
      });
      return {
        reply: {
          text: result.text,
          intent: understanding.intent,
          confidence: Number(understanding.confidence.toFixed(3)),
          resolved: true,
          ...result.reply,
        },
        state: {
          ...session.state,
          lastIntent: understanding.intent,
          lastProducts: session.shownProducts.length ? session.shownProducts : state.lastProducts,
          misunderstandings: 0,
          pending: null,
        },
      };
    } catch (error) {
      // The embedded engine answers instead; the reason is logged without the message.
      log.warn(
        `language model answer for ${turn.shop} not used: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  const answer = await answerDecision(db, turn, decision, ctx, now);
  return {
    reply: { ...answer.reply, intent: understanding.intent, confidence: Number(understanding.confidence.toFixed(3)) },
    state: answer.state,
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
    case "handoff":
      return answerHandoff(decision, ctx);
    case "out_of_scope":
      return answerOutOfScope(ctx);
    case "clarify":
      return answerClarify(decision, ctx);
    case "privacy":
      return answerPrivacy(ctx);
    case "knowledge":
    case "store_info":
      return answerKnowledge(decision, ctx);
    case "product_search": {
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
      return answerProductSearch(decision, excluded ? { ...ctx, excluded } : ctx);
    }
    case "product_detail":
      return answerProductDetail(decision, ctx);
    case "order_status":
    case "order_change": {
      const lookup = await lookUpOrder(
        db,
        keyRing,
        turn.shop,
        { orderNumber: decision.orderNumber, email: decision.email, customerId: turn.customerId },
        turn.locale || ctx.shop.locale,
        ctx.shop.timezone,
      );
      return answerOrder(lookup, decision, ctx);
    }
    case "recommend": {
      const filters = decision.filters;
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
      const { items } = await recommendationsFor(db, turn.shop, {
        currency: ctx.shop.currency,
        customerId: turn.customerId,
        visitorId: turn.visitorId,
        personalization: turn.personalization,
        viewed,
        cart: turn.cart?.productIds ?? [],
        currentProductId: decision.productId ?? turn.page?.productId ?? null,
        pageType: RULE_PAGE[turn.page?.type ?? "other"],
        context: {
          query: filters.text ?? undefined,
          priceMin: filters.priceMin ?? undefined,
          priceMax: filters.priceMax ?? undefined,
          colour: filters.colours[0],
          productType: filters.productTypes[0],
        },
        exclude: filters.excludeIds,
        limit: 4,
        now,
      });
      return answerRecommendations(items, ctx, filters);
    }
  }
}
