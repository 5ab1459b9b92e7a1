import { describe, expect, it } from "vitest";
import { buildRecommenderIndex, discover, recommend } from "./engine";
import { buildLearnedModel } from "./learned";
import { EVENTS, NOW, ORDERS, PRODUCTS, DAY, daysAgo } from "./testing";
import { recentCounts, seasonalCounts } from "./windows";
import type { OrderLine } from "./types";

const index = buildRecommenderIndex({ products: PRODUCTS, orderLines: ORDERS, events: EVENTS }, { now: NOW });
const ids = (items: { productId: string }[]) => items.map((i) => i.productId);

describe("the discover list", () => {
  it("GIVEN a tea fan THEN nothing they bought comes back, no “buy again”, and every reason says it is new to them", () => {
    // tea-fan-0 bought tea, teapot, cup and honey.
    const result = discover(index, { customerId: "tea-fan-0", now: NOW, limit: 6 });
    expect(result.list).toBe("discover");
    expect(ids(result.items)).not.toEqual(expect.arrayContaining(["tea"]));
    for (const item of result.items) {
      expect(["tea", "teapot", "cup", "honey"]).not.toContain(item.productId);
      expect(item.strategy).not.toBe("repurchase");
      expect(item.reason.text).toMatch(/^New to you: [a-z]/);
      expect(item.reason.list).toBe("discover");
    }
    const usual = recommend(index, { customerId: "tea-fan-0", now: NOW, limit: 6 });
    expect(usual.list).toBe("default");
    expect(ids(usual.items)).toContain("tea");
    expect(usual.items.every((i) => i.reason.list === undefined)).toBe(true);
  });

  it("GIVEN purchases since the last build passed as history THEN they are left out too", () => {
    const result = discover(index, { history: [{ productId: "candle", at: NOW - DAY }], now: NOW, limit: 8 });
    expect(ids(result.items)).not.toContain("candle");
    expect(ids(recommend(index, { now: NOW, limit: 8 }).items)).toContain("candle");
  });

  it("GIVEN an unknown list name THEN the request is refused", () => {
    expect(() => recommend(index, { list: "newest" as "default" })).toThrow(/list must be/);
  });
});

describe("the learned model (EASE)", () => {
  // A {x, y}, B {x, y}, C {x}: Gxx = 3, Gyy = 2, Gxy = 2; with two items Bxy = Gxy / (Gxx + λ).
  const customers = {
    start: Int32Array.from([0, 2, 4, 5]),
    item: Int32Array.from([0, 1, 0, 1, 0]),
    time: Float64Array.from([1, 1, 1, 1, 1]),
  };

  it("GIVEN two products and λ = 1 THEN B = [[0, 2/4], [2/3, 0]]", () => {
    const model = buildLearnedModel(
      { productCount: 3, customers, asOf: 10 },
      { learnedItems: 10, learnedLambda: 1, learnedDays: 0 },
    )!;
    expect([...model.items]).toEqual([0, 1]);
    expect([...model.slot]).toEqual([0, 1, -1]);
    expect(model.weights[1]).toBeCloseTo(0.5, 6);
    expect(model.weights[2]).toBeCloseTo(2 / 3, 6);
    expect(model.weights[0]).toBe(0);
  });

  it("GIVEN a cap of one product, or purchases older than the window THEN nothing is learned", () => {
    expect(
      buildLearnedModel(
        { productCount: 3, customers, asOf: 10 },
        { learnedItems: 1, learnedLambda: 1, learnedDays: 0 },
      ),
    ).toBeNull();
    expect(
      buildLearnedModel(
        { productCount: 3, customers, asOf: 10 * DAY },
        { learnedItems: 10, learnedLambda: 1, learnedDays: 1 },
      ),
    ).toBeNull();
  });

  it("GIVEN a tea fan who never bought honey THEN the learned signal alone proposes it, said bought with their tea things", () => {
    // tea-fan-5 bought tea, teapot and cup; fans 0–2 bought honey with the same tea.
    const learnedOnly = recommend(index, {
      customerId: "tea-fan-5",
      now: NOW,
      weights: { repurchase: 0, popular: 0, trending: 0, content: 0 },
      signals: { neighbours: 0, learned: 1 },
      list: "discover",
      limit: 1,
    });
    expect(learnedOnly.items[0]).toMatchObject({
      productId: "honey",
      strategy: "personal",
      reason: { kind: "bought_with" },
    });
    expect(["tea", "teapot", "cup"]).toContain(learnedOnly.items[0].reason.anchorProductId);
    expect(index.stats.learnedItems).toBeGreaterThan(0);

    const withoutModel = buildRecommenderIndex(
      { products: PRODUCTS, orderLines: ORDERS },
      { now: NOW, learnedItems: 0 },
    );
    expect(withoutModel.learned).toBeNull();
    const fallback = recommend(withoutModel, {
      customerId: "tea-fan-5",
      now: NOW,
      weights: { repurchase: 0, popular: 0, trending: 0, content: 0 },
      signals: { neighbours: 0, learned: 1 },
      list: "discover",
      limit: 1,
    });
    expect(fallback.items[0].strategy).not.toBe("personal");
  });
});

describe("time-aware popularity", () => {
  it("GIVEN buyers last week and last month THEN recent popularity weighs last week's more", () => {
    const lines: OrderLine[] = [
      ...[1, 2, 3].map((k) => ({
        orderId: `a${k}`,
        customerId: `a${k}`,
        productId: "tea",
        quantity: 1,
        createdAt: daysAgo(25),
      })),
      ...[1, 2].map((k) => ({
        orderId: `b${k}`,
        customerId: `b${k}`,
        productId: "honey",
        quantity: 1,
        createdAt: daysAgo(2),
      })),
    ];
    const small = buildRecommenderIndex({ products: PRODUCTS, orderLines: lines }, { now: NOW });
    const recent = recentCounts(small, NOW, 14);
    const tea = small.products.byId.get("tea")!;
    const honey = small.products.byId.get("honey")!;
    // 3 × 0.5^(25/14) against 2 × 0.5^(2/14).
    expect(recent.counts[tea]).toBeCloseTo(3 * Math.pow(0.5, 25 / 14), 4);
    expect(recent.counts[honey]).toBeCloseTo(2 * Math.pow(0.5, 2 / 14), 4);
    expect(recent.ranked[0]).toBe(honey);
  });

  it("GIVEN sales a year ago THEN the seasonal signal is what sold in the coming weeks then; a young shop has none", () => {
    const lines: OrderLine[] = [
      { orderId: "x1", customerId: "x", productId: "candle", quantity: 1, createdAt: daysAgo(365 - 10) },
      { orderId: "x2", customerId: "y", productId: "candle", quantity: 1, createdAt: daysAgo(365 - 12) },
      { orderId: "x3", customerId: "z", productId: "tea", quantity: 1, createdAt: daysAgo(365 + 20) },
      { orderId: "x4", customerId: "z", productId: "honey", quantity: 1, createdAt: daysAgo(3) },
    ];
    const old = buildRecommenderIndex({ products: PRODUCTS, orderLines: lines }, { now: NOW });
    const seasonal = seasonalCounts(old, NOW, 28);
    expect(ids([...seasonal.ranked].map((i) => ({ productId: old.products.ids[i] })))).toEqual(["candle"]);
    const { items } = recommend(old, {
      now: NOW,
      weights: { popular: 1, trending: 0 },
      signals: { seasonal: 4 },
      limit: 1,
    });
    expect(items[0]).toMatchObject({
      productId: "candle",
      reason: { kind: "seasonal", text: "Popular at this time of year" },
    });

    expect(seasonalCounts(index, NOW, 28).ranked.length).toBe(0);
  });
});
