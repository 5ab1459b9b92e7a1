import type { Db } from "../db.server";
import { catalogFor, type CatalogSnapshot } from "../catalog/snapshot.server";
import { minPrice, type CatalogProduct, type CatalogVariant } from "../catalog/types";
import { segmentsFor, type Shopper } from "../personalize/segments";
import { applyRules, exclusionFilter } from "./rules/apply";
import type { Rule } from "./rules/schema";
import type { AppliedRule, Candidate, PageType, RuleContext } from "./rules/types";
import { recommendationRules, segmentDefinitions, strategyWeights } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { exposeVisitor, listExperiments, parseStrategyPayload, runningExperiment } from "../experiments/store.server";
import { bestsellers, buildRecommenderIndex, recommend, type RecommenderIndex } from "./engine";
import type {
  CatalogProduct as EngineProduct,
  ConversationContext,
  OrderLine,
  Reason,
  RecommendationList,
  SignalWeights,
  StrategyWeights,
} from "./types";
import { DEFAULT_WEIGHTS } from "./options";
import { DEFAULT_BLEND, DEFAULT_DISCOVER_BLEND } from "./validate";
import { readShopValidation } from "./validation.server";
import { log } from "../log.server";
import { banditContext, banditStateFor, chooseBanditArm, queueBanditPull } from "../experiments/bandit.server";
import type { Random } from "../experiments/bandit";

/**
 * The app's recommendations: the engine's index per shop (built from the synced catalog
 * and orders, rebuilt in the background when they change, so a request never waits for
 * a rebuild), the shopper's signals as far as they may be used, the merchant's rules, and
 * the catalog for what a card shows.
 */

/** Purchase history older than this does not feed the index. */
const HISTORY_DAYS = 365;
const CHECK_EVERY_MS = 30_000;

interface Entry {
  index: RecommenderIndex;
  version: string;
  checkedAt: number;
  rebuilding?: Promise<void>;
}

const indexes = new Map<string, Entry>();

async function versionOf(db: Db, shop: string, catalog: CatalogSnapshot) {
  const [orders, validation] = await Promise.all([
    db.order.aggregate({ where: { shop }, _max: { syncedAt: true }, _count: { _all: true } }),
    readShopValidation(db, shop),
  ]);
  // A new validation (the nightly job) rebuilds too, on every instance.
  return `${catalog.version}|${orders._max.syncedAt?.getTime() ?? 0}:${orders._count._all}|${validation?.at ?? 0}`;
}

async function* orderLines(db: Db, shop: string, since: Date): AsyncGenerator<OrderLine> {
  // Paged so a shop with a million lines does not hold them all at once.
  let cursor: string | undefined;
  for (;;) {
    const orders = await db.order.findMany({
      where: { shop, deletedAt: null, cancelledAt: null, createdAt: { gte: since } },
      select: { id: true, customerId: true, createdAt: true },
      orderBy: { id: "asc" },
      // Prisma caps a query's bound parameters (999 on SQLite), and the page's ids are one each.
      take: 500,
      ...(cursor ? { skip: 1, cursor: { shop_id: { shop, id: cursor } } } : {}),
    });
    if (orders.length === 0) return;
    const byId = new Map(orders.map((o) => [o.id, o]));
    const lines = await db.orderLineItem.findMany({
      where: { shop, orderId: { in: orders.map((o) => o.id) }, productId: { not: null } },
      select: { orderId: true, productId: true, quantity: true, price: true },
    });
    for (const line of lines) {
      const order = byId.get(line.orderId)!;
      yield {
        orderId: line.orderId,
        customerId: order.customerId,
        productId: line.productId!,
        quantity: line.quantity,
        price: Number(line.price),
        createdAt: order.createdAt,
      };
    }
    cursor = orders[orders.length - 1].id;
  }
}

function engineProduct(p: CatalogProduct) {
  return {
    id: p.id,
    title: p.title,
    productType: p.productType,
    vendor: p.vendor,
    tags: p.tags,
    description: p.description,
    collections: p.collections,
    options: [...new Set(p.variants.flatMap((v) => v.options.map((o) => o.value)))],
    price: Math.min(...p.variants.map((v) => v.price)),
    available: p.variants.some((v) => v.available),
    published: true,
    createdAt: p.createdAt,
  };
}

async function build(db: Db, shop: string, catalog: CatalogSnapshot, now: number): Promise<RecommenderIndex> {
  const lines: OrderLine[] = [];
  for await (const line of orderLines(db, shop, new Date(now - HISTORY_DAYS * 86_400_000))) lines.push(line);
  return buildRecommenderIndex({ products: catalog.products.map(engineProduct), orderLines: lines });
}

/** The engine's input for a shop: its catalog and the order lines of the last `days` days. */
export async function loadRecommenderInput(
  db: Db,
  shop: string,
  now: number,
  days: number,
): Promise<{ products: EngineProduct[]; orderLines: OrderLine[] }> {
  const catalog = await catalogFor(db, shop, now);
  const lines: OrderLine[] = [];
  for await (const line of orderLines(db, shop, new Date(now - days * 86_400_000))) lines.push(line);
  return { products: catalog.products.map(engineProduct), orderLines: lines };
}

/** The shop's index; the first call builds it, later changes rebuild it in the background. */
export async function recommenderFor(
  db: Db,
  shop: string,
  now = Date.now(),
): Promise<{ index: RecommenderIndex; catalog: CatalogSnapshot }> {
  const catalog = await catalogFor(db, shop, now);
  const entry = indexes.get(shop);
  if (!entry) {
    const version = await versionOf(db, shop, catalog);
    const index = await build(db, shop, catalog, now);
    indexes.set(shop, { index, version, checkedAt: now });
    return { index, catalog };
  }
  if (!entry.rebuilding && now - entry.checkedAt > CHECK_EVERY_MS) {
    entry.checkedAt = now;
    entry.rebuilding = (async () => {
      const version = await versionOf(db, shop, catalog);
      if (version !== entry.version) {
        entry.index = await build(db, shop, catalog, now);
        entry.version = version;
      }
    })()
      .catch((error) => log.error(`recommender rebuild for ${shop} failed; serving the previous index`, error))
      .finally(() => {
        entry.rebuilding = undefined;
      });
  }
  return { index: entry.index, catalog };
}

export function forgetRecommender(shop: string) {
  indexes.delete(shop);
}

export interface ShopperSignals {
  /** Shopify's numeric customer id (signed by the proxy), or null. */
  customerId: string | null;
  /** Whether the shopper's data may be used (consent given, not opted out). */
  personalization: boolean;
  /** Recently viewed product ids, newest first (only with personalization). */
  viewed?: string[];
  cart?: string[];
  currentProductId?: string | null;
  pageType?: PageType;
  /** Earlier visits of this visitor, for the new/returning segments. */
  visits?: number;
  /** The signed visitor id: places the shopper in a running strategy experiment. */
  visitorId?: string | null;
}

export interface RecommendationsRequest extends ShopperSignals {
  /**
   * "default": re-orders where due, as the widget shows by default. "discover": nothing the
   * shopper bought before, every reason starting "New to you" (for "something new?", "what
   * else would I like?", a first-time shopper on a product page, "more like this").
   */
  list?: RecommendationList;
  /** The shop's currency, when the caller has it (default thresholds depend on it). */
  currency?: string;
  context?: ConversationContext;
  exclude?: string[];
  limit?: number;
  weights?: Partial<StrategyWeights>;
  /** Rules to use instead of the saved ones (the admin's preview of unsaved, validated rules). */
  rules?: Rule[];
  now?: number;
  /** The bandit's uniform source (seeded in tests); Math.random by default. */
  random?: Random;
}

export interface ShownRecommendation {
  product: CatalogProduct;
  variant: CatalogVariant;
  reason: Reason;
  strategy: string;
  /** Merchant rules that boosted, buried or pinned it. */
  appliedRules?: AppliedRule[];
}

const customerGid = (id: string) => `gid://shopify/Customer/${id.replace(/\D/g, "")}`;

/** The shopper as segments see them: their synced customer record, when it may be used. */
export async function shopperFor(db: Db, shop: string, signals: ShopperSignals): Promise<Shopper> {
  if (!signals.customerId || !signals.personalization) return { customer: null, visits: signals.visits ?? 0 };
  const gid = customerGid(signals.customerId);
  const [customer, lastOrder] = await Promise.all([
    db.customer.findUnique({ where: { shop_id: { shop, id: gid } } }),
    db.order.findFirst({
      where: { shop, customerId: gid, deletedAt: null },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    }),
  ]);
  if (!customer || customer.deletedAt) return { customer: null, visits: signals.visits ?? 0 };
  return {
    visits: signals.visits ?? 0,
    customer: {
      orderCount: customer.numberOfOrders,
      totalSpent: Number(customer.amountSpent),
      tags: JSON.parse(customer.tags || "[]") as string[],
      country: customer.country,
      lastOrderAt: lastOrder?.createdAt.toISOString() ?? null,
      createdAt: customer.createdAt.toISOString(),
    },
  };
}

function ruleContext(catalog: CatalogSnapshot, segments: string[], request: RecommendationsRequest): RuleContext {
  const current = request.currentProductId ? catalog.byId.get(request.currentProductId) : undefined;
  return {
    segments,
    pageType: request.pageType ?? "other",
    product: current
      ? {
          productId: current.id,
          vendor: current.vendor,
          productType: current.productType,
          tags: current.tags,
          collections: current.collections,
        }
      : null,
    cart: {
      lines: (request.cart ?? [])
        .map((id) => catalog.byId.get(id))
        .filter((p): p is CatalogProduct => Boolean(p))
        .map((p) => ({ productId: p.id, quantity: 1, vendor: p.vendor, productType: p.productType, tags: p.tags })),
    },
  };
}

function cheapestAvailable(product: CatalogProduct, context?: ConversationContext): CatalogVariant | null {
  const candidates = product.variants.filter(
    (v) =>
      v.available &&
      (context?.priceMax == null || v.price <= context.priceMax) &&
      (context?.priceMin == null || v.price >= context.priceMin),
  );
  return candidates.sort((a, b) => a.price - b.price)[0] ?? null;
}

/**
 * The merchant's exclusions for this shopper and page, for product lists the engine does
 * not rank (the assistant's search): a rule that hides a vendor hides it there too. Null
 * when no rule excludes anything (then nothing else is read).
 */
export async function exclusionsFor(
  db: Db,
  shop: string,
  request: RecommendationsRequest,
): Promise<((product: CatalogProduct) => boolean) | null> {
  const currency = request.currency ?? "USD";
  const rules = request.rules ?? (await readSetting(db, shop, recommendationRules, { currency }));
  if (!rules.some((rule) => rule.enabled !== false && rule.actions.some((action) => action.type === "exclude")))
    return null;
  const [catalog, segments] = await Promise.all([
    catalogFor(db, shop, request.now),
    shopperSegments(db, shop, request, currency, request.now ?? Date.now()),
  ]);
  const excluded = exclusionFilter(rules, ruleContext(catalog, segments, request));
  return excluded && ((product) => excluded(product.id, product, minPrice(product)));
}

/** The shopper's segments under the shop's definitions: what the merchant's rules and the bandit go by. */
async function shopperSegments(db: Db, shop: string, request: RecommendationsRequest, currency: string, now: number) {
  const [definitions, shopper] = await Promise.all([
    readSetting(db, shop, segmentDefinitions, { currency }),
    shopperFor(db, shop, request),
  ]);
  return segmentsFor(shopper, definitions, new Date(now));
}

/** Recommendations for one shopper, ranked by the engine and then the merchant's rules. */
export async function recommendationsFor(
  db: Db,
  shop: string,
  request: RecommendationsRequest,
): Promise<{
  items: ShownRecommendation[];
  segments: string[];
  experiment: { id: string; variantId: string } | null;
  /** The strategy the bandit favoured for this visitor (null when an experiment or the caller set the weights). */
  bandit: { context: string; arm: string } | null;
  /** The list that was served. */
  list: RecommendationList;
}> {
  const now = request.now ?? Date.now();
  const limit = request.limit ?? 4;
  const currency =
    request.currency ??
    (await db.shop.findUnique({ where: { domain: shop }, select: { currency: true } }))?.currency ??
    "USD";
  const list = request.list ?? "default";
  if (list !== "default" && list !== "discover") throw new RangeError('list must be "default" or "discover"');
  const [{ index, catalog }, rules, saved, segments, experiments, validation] = await Promise.all([
    recommenderFor(db, shop, now),
    request.rules ?? readSetting(db, shop, recommendationRules, { currency }),
    readSetting(db, shop, strategyWeights, { currency }),
    shopperSegments(db, shop, request, currency, now),
    listExperiments(db, shop),
    readShopValidation(db, shop),
  ]);
  // The shop's own validation chose a blend per list (the defaults until it has run). Weights
  // the merchant moved on the Recommendations page win over the chosen ones.
  const chosen =
    (list === "discover" ? validation?.discover.blend : validation?.default.blend) ??
    (list === "discover" ? DEFAULT_DISCOVER_BLEND : DEFAULT_BLEND);
  const weights = sameWeights(saved, DEFAULT_WEIGHTS) ? chosen.weights : saved;
  const signals: SignalWeights = chosen.signals;
  // A running strategy experiment sets the weights of the visitor's variant (only for
  // shoppers whose behaviour may be used: the exposure is a record of them).
  const running = request.visitorId && request.personalization ? runningExperiment(experiments, "strategy") : null;
  const variant = await exposeVisitor(db, shop, running, request.visitorId ?? "", segments, new Date(now));
  const variantWeights = (variant && parseStrategyPayload(variant.payload)) || {};
  const personal = request.personalization;
  // Without an experiment for this visitor, the shop's bandit favours (doubles) one of the
  // strategies in use, learning per segment from what the visitor then clicks and buys.
  // Only for visitors whose behaviour may be used: the pull remembers the visitor.
  const blended = { ...weights, ...variantWeights };
  let bandit: { context: string; arm: string } | null = null;
  if (!variant && !request.weights && request.visitorId && personal) {
    const arms = Object.entries(blended)
      .filter(([, weight]) => weight > 0)
      .map(([name]) => name)
      .sort();
    if (arms.length > 1) {
      const context = banditContext(segments);
      const arm = chooseBanditArm(await banditStateFor(db, shop, now), context, arms, request.random);
      blended[arm as keyof typeof blended] *= 2;
      bandit = { context, arm };
    }
  }
  // Ask for more than needed: rules may exclude some, and cap vendors.
  const result = recommend(index, {
    customerId: personal && request.customerId ? customerGid(request.customerId) : undefined,
    viewed: personal ? (request.viewed ?? []) : [],
    cart: request.cart ?? [],
    currentProductId: request.currentProductId ?? undefined,
    context: request.context,
    exclude: request.exclude,
    limit: Math.max(limit * 4, 20),
    weights: { ...blended, ...(request.weights ?? {}) },
    signals,
    list,
    now,
  });
  const owned = new Set(
    list === "discover" && personal && request.customerId ? purchasedBy(index, customerGid(request.customerId)) : [],
  );
  const items = result.items.length
    ? result.items
    : bestsellers(index, { limit: limit * 4, now, context: request.context }).items.filter(
        (i) => !owned.has(i.productId),
      );
  const candidates: (Candidate & { shown: ShownRecommendation })[] = [];
  for (const item of items) {
    const product = catalog.byId.get(item.productId);
    if (!product) continue;
    const variant = cheapestAvailable(product, request.context);
    if (!variant) continue;
    candidates.push({
      productId: product.id,
      score: item.score,
      product: {
        vendor: product.vendor,
        productType: product.productType,
        tags: product.tags,
        collections: product.collections,
        price: Math.min(...product.variants.map((v) => v.price)),
        available: true,
      },
      reason: { strategy: item.strategy, text: item.reason.text },
      shown: { product, variant, reason: item.reason, strategy: item.strategy },
    });
  }
  const ranked = applyRules(candidates, rules, ruleContext(catalog, segments, request));
  const shown = ranked.slice(0, limit).map((c) => (c.rules ? { ...c.shown, appliedRules: c.rules } : c.shown));
  // A pull counts only when the shopper sees something.
  if (bandit && shown.length > 0)
    queueBanditPull(db, shop, request.visitorId!, { kind: "strategy", ...bandit }, new Date(now));
  return {
    items: shown,
    segments,
    experiment: running && variant ? { id: running.id, variantId: variant.id } : null,
    bandit: bandit && shown.length > 0 ? bandit : null,
    list,
  };
}

function sameWeights(a: StrategyWeights, b: StrategyWeights): boolean {
  return (Object.keys(b) as (keyof StrategyWeights)[]).every((k) => a[k] === b[k]);
}

/** Product ids the customer bought, as the index knows them. */
function purchasedBy(index: RecommenderIndex, customerId: string): string[] {
  const c = index.customers.byId.get(customerId);
  if (c === undefined) return [];
  const out: string[] = [];
  for (let k = index.customers.start[c]; k < index.customers.start[c + 1]; k++)
    out.push(index.products.ids[index.customers.item[k]]);
  return out;
}
