import { describe, expect, it } from "vitest";
import { buildRecommenderIndex } from "./build";
import { DAY, NOW, PRODUCTS, daysAgo } from "./testing";
import { purchaseCounts, trendingCounts, windowEnd } from "./windows";
import type { OrderLine } from "./types";

const line = (orderId: string, customerId: string | null, productId: string, at: number): OrderLine => ({
  orderId,
  customerId,
  productId,
  quantity: 1,
  createdAt: at,
});

describe("windows", () => {
  it("GIVEN a time within an hour THEN the window ends at the next full hour", () => {
    expect(windowEnd(NOW)).toBe(NOW);
    expect(windowEnd(NOW + 1)).toBe(NOW + 3_600_000);
    expect(windowEnd(NOW + 3_599_999)).toBe(NOW + 3_600_000);
  });

  it("GIVEN repeat buyers and guests THEN a product counts distinct customers, each guest order as one", () => {
    const index = buildRecommenderIndex(
      {
        products: PRODUCTS,
        orderLines: [
          line("1", "a", "tea", daysAgo(1)),
          line("2", "a", "tea", daysAgo(2)),
          line("3", "b", "tea", daysAgo(3)),
          line("4", null, "tea", daysAgo(4)),
          line("5", null, "tea", daysAgo(5)),
          line("6", "c", "honey", daysAgo(40)),
        ],
      },
      { now: NOW },
    );
    const { counts, ranked } = purchaseCounts(index, NOW, 30);
    const tea = index.products.byId.get("tea")!;

    expect(counts[tea]).toBe(4);
    expect(Array.from(ranked)).toEqual([tea]);
    expect(purchaseCounts(index, NOW, 60).counts[index.products.byId.get("honey")!]).toBe(1);
  });

  it("GIVEN 4 buyers this week after 4 in the four weeks before THEN trending = (4 − 1) / √2", () => {
    const lines: OrderLine[] = [];
    for (let k = 0; k < 4; k++) lines.push(line(`r${k}`, `recent-${k}`, "tea", daysAgo(1 + k)));
    for (let k = 0; k < 4; k++) lines.push(line(`b${k}`, `before-${k}`, "tea", daysAgo(8 + 5 * k)));
    // Two buyers only: below the minimum of three.
    for (let k = 0; k < 2; k++) lines.push(line(`h${k}`, `honey-${k}`, "honey", daysAgo(1)));
    const index = buildRecommenderIndex({ products: PRODUCTS, orderLines: lines }, { now: NOW });

    const { counts, ranked } = trendingCounts(index, NOW);
    expect(counts[index.products.byId.get("tea")!]).toBeCloseTo(3 / Math.SQRT2, 5);
    expect(Array.from(ranked)).toEqual([index.products.byId.get("tea")]);
  });

  it("GIVEN the same window twice THEN the second answer is the cached one", () => {
    const index = buildRecommenderIndex(
      { products: PRODUCTS, orderLines: [line("1", "a", "tea", NOW - DAY)] },
      { now: NOW },
    );
    expect(purchaseCounts(index, NOW, 7)).toBe(purchaseCounts(index, NOW, 7));
  });
});
