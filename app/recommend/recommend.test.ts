import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestsellers, buildRecommenderIndex, recommend, recommendWithStrategy, setProductState } from "./engine";
import { EVENTS, NOW, ORDERS, PRODUCTS, daysAgo } from "./testing";
import type { RecommendRequest, Recommendation } from "./types";

const build = (options = {}) =>
  buildRecommenderIndex({ products: PRODUCTS, orderLines: ORDERS, events: EVENTS }, { now: NOW, ...options });
const index = build();
const ids = (items: Recommendation[]) => items.map((i) => i.productId);

describe("co-purchase strategy", () => {
  it("GIVEN a teapot page THEN the cup and tea bought with it come back, explained by the teapot", () => {
    const { items } = recommendWithStrategy(index, "copurchase", { currentProductId: "teapot", now: NOW });

    expect(ids(items)).toEqual(["cup", "tea"]);
    expect(items[0].reason).toEqual({
      kind: "bought_with",
      anchorProductId: "teapot",
      text: "Often bought with Ceramic teapot",
    });
    expect(items[0].strategy).toBe("copurchase");
    expect(items[0].score).toBeGreaterThanOrEqual(items[1].score);
  });

  it("GIVEN recent orders count more THEN a pair bought long ago weighs less than the same pair bought lately", () => {
    const lines = [
      { orderId: "old", customerId: "a", productId: "tea", quantity: 1, createdAt: daysAgo(400) },
      { orderId: "old", customerId: "a", productId: "honey", quantity: 1, createdAt: daysAgo(400) },
      { orderId: "new", customerId: "b", productId: "tea", quantity: 1, createdAt: daysAgo(1) },
      { orderId: "new", customerId: "b", productId: "cup", quantity: 1, createdAt: daysAgo(1) },
    ];
    const small = buildRecommenderIndex({ products: PRODUCTS, orderLines: lines }, { now: NOW });

    const { items } = recommendWithStrategy(small, "copurchase", { currentProductId: "tea", now: NOW });
    expect(ids(items)).toEqual(["cup", "honey"]);
  });

  it("GIVEN consented behaviour events THEN products viewed in one session become neighbours", () => {
    const { items } = recommendWithStrategy(index, "copurchase", { currentProductId: "whisk", now: NOW });
    expect(ids(items)).toEqual(["honey"]);
    expect(items[0].reason.text).toBe("Often bought with Bamboo matcha whisk");

    const withoutEvents = buildRecommenderIndex({ products: PRODUCTS, orderLines: ORDERS }, { now: NOW });
    expect(recommendWithStrategy(withoutEvents, "copurchase", { currentProductId: "whisk", now: NOW }).items).toEqual(
      [],
    );
  });
});

describe("content similarity strategy", () => {
  it("GIVEN a red mug page THEN the blue mug is the most similar product", () => {
    const { items } = recommendWithStrategy(index, "content", { currentProductId: "mug-red", now: NOW });

    expect(items[0].productId).toBe("mug-blue");
    expect(items[0].reason).toEqual({
      kind: "similar",
      anchorProductId: "mug-red",
      text: "Similar to Red coffee mug",
    });
    expect(ids(items)).not.toContain("mug-red");
  });

  it("GIVEN words from the conversation THEN matching products come first, explained by those words", () => {
    const { items } = recommendWithStrategy(index, "content", { context: { query: "some honey please" }, now: NOW });

    expect(items[0].productId).toBe("honey");
    expect(items[0].reason.text).toBe("Matches “some honey please”");
    expect(items[0].reason.anchorProductId).toBeUndefined();
  });
});

describe("complementary strategy", () => {
  it("GIVEN a grinder in the cart THEN beans are suggested to go with it, and the grinder never", () => {
    const { items } = recommendWithStrategy(index, "complementary", { cart: ["grinder"], now: NOW });

    expect(items[0].productId).toBe("beans");
    expect(items[0].reason).toEqual({
      kind: "in_cart",
      anchorProductId: "grinder",
      text: "Goes with Burr coffee grinder in your cart",
    });
    expect(ids(items)).not.toContain("grinder");
  });

  it("GIVEN a teapot in the cart THEN tea (a complement) outranks a cup of the same type (a substitute)", () => {
    const strict = build({ complementarySameTypeFactor: 0.2 });
    const asProduct = recommendWithStrategy(strict, "copurchase", { currentProductId: "teapot", now: NOW });
    const inCart = recommendWithStrategy(strict, "complementary", { cart: ["teapot"], now: NOW });

    expect(ids(asProduct.items)).toEqual(["cup", "tea"]);
    expect(ids(inCart.items)).toEqual(["tea", "cup"]);
  });
});

describe("personal strategies", () => {
  it("GIVEN a customer who buys tea every month THEN buy-again offers tea", () => {
    const { items } = recommendWithStrategy(index, "repurchase", { customerId: "loyal", now: NOW });

    expect(items).toEqual([
      {
        productId: "tea",
        score: expect.any(Number),
        strategy: "repurchase",
        reason: { kind: "bought_before", text: "You bought this before" },
      },
    ]);
  });

  it("GIVEN a tea buyer THEN the personal strategy finds what goes with tea, not tea again, and skips the sold-out set", () => {
    const { items } = recommendWithStrategy(index, "personal", { customerId: "loyal", now: NOW });

    expect(new Set(ids(items))).toEqual(new Set(["teapot", "cup", "honey"]));
    for (const item of items) {
      expect(item.reason).toEqual({
        kind: "bought_with",
        anchorProductId: "tea",
        text: "Often bought with Green tea tin",
      });
    }
  });

  it("GIVEN purchases passed as history instead of a known customer THEN they count the same", () => {
    const history = [{ productId: "tea", at: daysAgo(20) }];
    const fromHistory = recommendWithStrategy(index, "personal", { history, now: NOW });
    const fromOrders = recommendWithStrategy(
      buildRecommenderIndex({ products: PRODUCTS, orderLines: [] }, { now: NOW }),
      "personal",
      { history, now: NOW },
    );

    expect(new Set(ids(fromHistory.items))).toEqual(new Set(["teapot", "cup", "honey"]));
    expect(fromOrders.items).toEqual([]);
  });

  it("GIVEN a shopper who viewed the grinder THEN beans come with “Because you viewed”", () => {
    const { items } = recommendWithStrategy(index, "personal", { viewed: ["grinder"], now: NOW });

    expect(items[0].productId).toBe("beans");
    expect(items[0].reason).toEqual({
      kind: "viewed",
      anchorProductId: "grinder",
      text: "Because you viewed Burr coffee grinder",
    });
  });
});

describe("popular and trending strategies", () => {
  it("GIVEN candles sold to six people this week THEN they are the most popular this month", () => {
    const { items } = recommendWithStrategy(index, "popular", { now: NOW });

    expect(ids(items)).toEqual(["candle", "beans", "honey", "mug-red", "tea"]);
    expect(items[0].reason).toEqual({ kind: "popular", text: "Popular this month" });
    expect(items[0].score).toBeGreaterThan(items[1].score);
  });

  it("GIVEN candles sold now and not before THEN they trend this week, and a single sale does not", () => {
    const { items } = recommendWithStrategy(index, "trending", { now: NOW });

    expect(ids(items)).toEqual(["candle"]);
    expect(items[0].reason).toEqual({ kind: "trending", text: "Trending this week" });
  });

  it("GIVEN a later now THEN the windows move with it", () => {
    const later = recommendWithStrategy(index, "trending", { now: NOW + 60 * 86_400_000 });
    expect(later.items).toEqual([]);
  });

  it("GIVEN bestsellers are asked for THEN they rank by distinct buyers, in stock only unless asked", () => {
    const { items } = bestsellers(index, { limit: 4, now: NOW });
    expect(ids(items)).toEqual(["tea", "cup", "teapot", "beans"]);
    expect(items[0]).toMatchObject({ strategy: "bestseller", score: 21, reason: { kind: "bestseller" } });

    const all = bestsellers(index, { limit: 2, now: NOW, includeUnavailable: true });
    expect(ids(all.items)).toEqual(["tea", "cup-set"]);
  });
});

describe("blending", () => {
  it("GIVEN a known customer THEN strategies are blended and every item says why", () => {
    const { items } = recommend(index, { customerId: "loyal", now: NOW, limit: 6 });

    expect(items).toHaveLength(6);
    expect(items[0]).toMatchObject({ productId: "tea", strategy: "repurchase" });
    expect(new Set(items.map((i) => i.reason.kind))).toEqual(new Set(["bought_before", "bought_with", "popular"]));
    for (const item of items) expect(item.reason.text.length).toBeGreaterThan(0);
    for (let k = 1; k < items.length; k++) expect(items[k - 1].score).toBeGreaterThanOrEqual(items[k].score);
  });

  it("GIVEN a strategy weighted to zero THEN it contributes nothing", () => {
    const { items } = recommend(index, { customerId: "loyal", now: NOW, weights: { repurchase: 0 } });
    expect(items.map((i) => i.reason.kind)).not.toContain("bought_before");
  });

  it("GIVEN a negative weight THEN the request is refused", () => {
    expect(() => recommend(index, { weights: { personal: -1 } })).toThrow(RangeError);
  });

  it("GIVEN limits out of range THEN they are clamped to 1..100", () => {
    expect(recommend(index, { now: NOW, limit: 0 }).items).toHaveLength(1);
    expect(recommend(index, { now: NOW, limit: 3 }).items).toHaveLength(3);
    expect(recommend(index, { now: NOW, limit: 10_000 }).items.length).toBeLessThanOrEqual(100);
  });
});

describe("availability and filters", () => {
  it("GIVEN sold-out and unpublished products THEN they are never recommended by default", () => {
    const requests: RecommendRequest[] = [
      { customerId: "set-buyer-0" },
      { currentProductId: "teapot" },
      { cart: ["tea"] },
      { context: { query: "ceramic teapot cup set" } },
      {},
    ];
    for (const request of requests) {
      const found = ids(recommend(index, { ...request, now: NOW, limit: 20 }).items);
      expect(found).not.toContain("cup-set");
      expect(found).not.toContain("draft");
    }
  });

  it("GIVEN includeUnavailable THEN sold-out products may appear but unpublished ones still never", () => {
    const found = ids(
      recommend(index, { currentProductId: "teapot", includeUnavailable: true, now: NOW, limit: 20 }).items,
    );
    expect(found).toContain("cup-set");
    expect(found).not.toContain("draft");
  });

  it("GIVEN a product goes out of stock after the build THEN it disappears without a rebuild", () => {
    const own = build();
    expect(ids(recommendWithStrategy(own, "copurchase", { currentProductId: "tea", now: NOW }).items)).toContain(
      "teapot",
    );

    expect(setProductState(own, "teapot", { available: false })).toBe(true);
    expect(setProductState(own, "nope", { available: false })).toBe(false);
    expect(ids(recommendWithStrategy(own, "copurchase", { currentProductId: "tea", now: NOW }).items)).not.toContain(
      "teapot",
    );
  });

  it("GIVEN a colour, a type or a price range from the conversation THEN only matching products come back", () => {
    expect(ids(recommend(index, { context: { colour: "red" }, now: NOW }).items)).toEqual(["mug-red"]);
    expect(new Set(ids(recommend(index, { context: { productType: "mugs" }, now: NOW }).items))).toEqual(
      new Set(["mug-red", "mug-blue"]),
    );
    const cheap = recommend(index, { context: { priceMax: 10 }, now: NOW, limit: 20 }).items;
    expect(cheap.length).toBeGreaterThan(0);
    for (const item of cheap) expect(PRODUCTS.find((p) => p.id === item.productId)!.price).toBeLessThanOrEqual(10);
  });

  it("GIVEN a colour no product has THEN nothing is recommended rather than something else", () => {
    expect(recommend(index, { context: { colour: "chartreuse" }, now: NOW }).items).toEqual([]);
  });
});

describe("cold start", () => {
  const empty = buildRecommenderIndex({ products: PRODUCTS, orderLines: [] }, { now: NOW });

  it("GIVEN a shop with no orders and a product page THEN similar products are recommended", () => {
    const { items } = recommend(empty, { currentProductId: "teapot", now: NOW });
    expect(items[0]).toMatchObject({
      productId: "cup",
      reason: { kind: "similar", text: "Similar to Ceramic teapot" },
    });
  });

  it("GIVEN a shop with no orders and no signal at all THEN new arrivals fill the list, said to be new", () => {
    const { items } = recommend(empty, { now: NOW });
    expect(items).toEqual([
      { productId: "whisk", score: 0, strategy: "new_arrival", reason: { kind: "new_arrival", text: "New in" } },
    ]);
  });

  it("GIVEN a first-time visitor in a shop with sales THEN popular and trending products are recommended", () => {
    const { items } = recommend(index, { now: NOW });
    expect(items[0]).toMatchObject({ productId: "candle" });
    expect(items.every((i) => ["popular", "trending", "bestseller", "new_arrival"].includes(i.reason.kind))).toBe(true);
  });
});

describe("invariants", () => {
  const productIds = PRODUCTS.map((p) => p.id);
  const customers = ["loyal", "tea-fan-0", "coffee-fan-1", "candle-buyer-2", "unknown"];
  const requestArb = fc.record(
    {
      customerId: fc.constantFrom(...customers),
      viewed: fc.uniqueArray(fc.constantFrom(...productIds), { maxLength: 4 }),
      cart: fc.uniqueArray(fc.constantFrom(...productIds), { maxLength: 3 }),
      currentProductId: fc.constantFrom(...productIds),
      limit: fc.integer({ min: 1, max: 12 }),
      weights: fc.record(
        {
          repurchase: fc.double({ min: 0, max: 3, noNaN: true }),
          personal: fc.double({ min: 0, max: 3, noNaN: true }),
          content: fc.double({ min: 0, max: 3, noNaN: true }),
          popular: fc.double({ min: 0, max: 3, noNaN: true }),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );

  it("GIVEN any request THEN no cart item, current product, duplicate or unavailable product comes back", () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const { items } = recommend(index, { ...request, now: NOW });
        const found = ids(items);
        expect(found.length).toBeLessThanOrEqual(request.limit ?? 10);
        expect(new Set(found).size).toBe(found.length);
        for (const id of found) {
          expect(request.cart ?? []).not.toContain(id);
          expect(id).not.toBe(request.currentProductId);
          const product = PRODUCTS.find((p) => p.id === id)!;
          expect(product.available && product.published).toBe(true);
        }
        for (const item of items) {
          expect(item.reason.text).not.toBe("");
          if (item.reason.anchorProductId) expect(productIds).toContain(item.reason.anchorProductId);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("GIVEN the same input twice THEN the same output, also from an index built from the catalog in another order", () => {
    const shuffled = buildRecommenderIndex(
      { products: [...PRODUCTS].reverse(), orderLines: ORDERS, events: EVENTS },
      { now: NOW },
    );
    fc.assert(
      fc.property(requestArb, (request) => {
        const first = recommend(index, { ...request, now: NOW });
        expect(recommend(index, { ...request, now: NOW })).toEqual(first);
        expect(recommend(shuffled, { ...request, now: NOW })).toEqual(first);
      }),
      { numRuns: 100 },
    );
  });
});
