import type { RecommenderIndex } from "../../app/recommend/build";
import type { RecommendRequest } from "../../app/recommend/types";
import type { GeneratedShop, ShopShape } from "./generate-shop";

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export type RequestKind = "customer" | "product_page" | "cart" | "cold_start";

const QUERIES = [
  { query: "red mug" },
  { query: "gift for my mum who likes tea", priceMax: 40 },
  { productType: "kitchen candle", priceMax: 30 },
  { colour: "navy", productType: "bath basket" },
  { query: "wooden planter for the garden", priceMin: 10 },
];

/**
 * The request mix: 35 % a known customer (with a few recent views half the time), 25 % a product
 * page, 20 % a cart, 20 % cold start (half of them with filters from the conversation). Products
 * in requests are drawn with popularity skew, as shoppers look at popular products more.
 */
export function planRequests(
  index: RecommenderIndex,
  shop: Pick<GeneratedShop, "popularityOrder">,
  shape: Pick<ShopShape, "end" | "products">,
  count: number,
  random: () => number,
): { kind: RequestKind; request: RecommendRequest }[] {
  const customers = [...index.customers.byId.keys()];
  const n = shop.popularityOrder.length;
  const product = () => index.products.ids[shop.popularityOrder[Math.floor(Math.pow(random(), 3) * n)]];
  const products = (k: number) => Array.from({ length: k }, product);
  const plan: { kind: RequestKind; request: RecommendRequest }[] = [];
  for (let k = 0; k < count; k++) {
    const u = random();
    const base = { limit: 10, now: shape.end };
    if (u < 0.35 && customers.length > 0) {
      const customerId = customers[Math.floor(random() * customers.length)];
      const viewed = random() < 0.5 ? products(1 + Math.floor(random() * 3)) : [];
      plan.push({ kind: "customer", request: { ...base, customerId, viewed } });
    } else if (u < 0.6) {
      plan.push({ kind: "product_page", request: { ...base, currentProductId: product(), viewed: products(2) } });
    } else if (u < 0.8) {
      plan.push({ kind: "cart", request: { ...base, cart: products(1 + Math.floor(random() * 3)) } });
    } else {
      const context = random() < 0.5 ? QUERIES[Math.floor(random() * QUERIES.length)] : undefined;
      plan.push({ kind: "cold_start", request: { ...base, context } });
    }
  }
  return plan;
}
