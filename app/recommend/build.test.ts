import { describe, expect, it } from "vitest";
import { buildRecommenderIndex } from "./build";
import { recommend } from "./recommend";
import { resolveOptions } from "./options";
import { NOW, ORDERS, PRODUCTS, daysAgo } from "./testing";
import type { CatalogProduct, OrderLine, Recommendation } from "./types";

const ids = (items: Recommendation[]) => items.map((i) => i.productId);

describe("buildRecommenderIndex", () => {
  it("GIVEN a catalog in any order THEN products are numbered by id, so ties break the same way every time", () => {
    const index = buildRecommenderIndex({ products: [...PRODUCTS].reverse(), orderLines: [] }, { now: NOW });
    expect(index.products.ids).toEqual(PRODUCTS.map((p) => p.id).sort());
    expect(index.products.titles[index.products.byId.get("tea")!]).toBe("Green tea tin");
  });

  it("GIVEN a streamed catalog with a product sent twice THEN the later row wins, words and all", () => {
    function* stream() {
      yield* PRODUCTS;
      yield { ...PRODUCTS[0], title: "Jasmine tea tin" };
    }
    const index = buildRecommenderIndex({ products: stream(), orderLines: [] }, { now: NOW });
    const tea = index.products.byId.get("tea")!;

    expect(index.products.count).toBe(PRODUCTS.length);
    expect(index.products.titles[tea]).toBe("Jasmine tea tin");
    expect(recommend(index, { context: { query: "jasmine" }, now: NOW }).items[0].productId).toBe("tea");
    expect(ids(recommend(index, { context: { query: "green" }, now: NOW }).items)).not.toContain("tea");
  });

  it("GIVEN lines for unknown products or without quantity THEN they are skipped and counted", () => {
    const lines: OrderLine[] = [
      ...ORDERS,
      { orderId: "x", customerId: "a", productId: "deleted", quantity: 1, createdAt: daysAgo(1) },
      { orderId: "y", customerId: "a", productId: "tea", quantity: 0, createdAt: daysAgo(1) },
    ];
    const index = buildRecommenderIndex({ products: PRODUCTS, orderLines: lines }, { now: NOW });

    expect(index.stats.orderLines).toBe(ORDERS.length + 2);
    expect(index.stats.skippedOrderLines).toBe(2);
    expect(index.stats.orders).toBe(new Set(ORDERS.map((l) => l.orderId)).size);
    expect(index.stats.customers).toBe(new Set(ORDERS.map((l) => l.customerId).filter(Boolean)).size);
  });

  it("GIVEN no now THEN the index's time is its latest order", () => {
    const index = buildRecommenderIndex({ products: PRODUCTS, orderLines: ORDERS });
    expect(index.asOf).toBe(Math.max(...ORDERS.map((l) => +l.createdAt)));
  });

  it("GIVEN a customer's orders THEN their purchases are kept oldest first", () => {
    const index = buildRecommenderIndex({ products: PRODUCTS, orderLines: ORDERS }, { now: NOW });
    const c = index.customers.byId.get("loyal")!;
    const times = Array.from(index.customers.time.subarray(index.customers.start[c], index.customers.start[c + 1]));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times).toHaveLength(5);
  });

  it("GIVEN a growing catalog THEN neighbour lists stay capped, so memory grows linearly", () => {
    const sizes = [200, 800].map((n) => {
      const products: CatalogProduct[] = Array.from({ length: n }, (_, i) => ({
        id: `p${String(i).padStart(5, "0")}`,
        title: `Item ${i % 17} style ${i % 5}`,
        productType: `type ${i % 9}`,
        price: 5,
        available: true,
        published: true,
      }));
      // Every order holds 6 products of one type: dense co-purchase within a type.
      const orderLines: OrderLine[] = [];
      for (let o = 0; o < n * 2; o++) {
        for (let k = 0; k < 6; k++) {
          const productId = products[(o * 7 + k * 9) % n].id;
          orderLines.push({
            orderId: `o${o}`,
            customerId: `c${o % 50}`,
            productId,
            quantity: 1,
            createdAt: daysAgo(o % 300),
          });
        }
      }
      const index = buildRecommenderIndex({ products, orderLines }, { now: NOW, neighbours: 5, similarProducts: 4 });
      for (let i = 0; i < n; i++) {
        expect(index.neighbours.start[i + 1] - index.neighbours.start[i]).toBeLessThanOrEqual(5);
        expect(index.similar.start[i + 1] - index.similar.start[i]).toBeLessThanOrEqual(4);
      }
      return index.neighbours.item.length + index.similar.item.length;
    });
    expect(sizes[0]).toBeGreaterThan(0);
    expect(sizes[1]).toBeLessThanOrEqual(800 * 9);
  });

  it("GIVEN neighbour lists THEN each is sorted best first and never holds the product itself", () => {
    const index = buildRecommenderIndex({ products: PRODUCTS, orderLines: ORDERS }, { now: NOW });
    for (const lists of [index.neighbours, index.similar]) {
      for (let i = 0; i < index.products.count; i++) {
        for (let k = lists.start[i]; k < lists.start[i + 1]; k++) {
          expect(lists.item[k]).not.toBe(i);
          if (k > lists.start[i]) expect(lists.score[k - 1]).toBeGreaterThanOrEqual(lists.score[k]);
        }
      }
    }
  });
});

describe("options", () => {
  it("GIVEN bad options THEN the error names the option", () => {
    expect(() => resolveOptions({ neighbours: -1 })).toThrow(/neighbours/);
    expect(() => resolveOptions({ similarityAlpha: 2 })).toThrow(/similarityAlpha/);
    expect(() => resolveOptions({ weights: { popular: Number.NaN } })).toThrow(/popular/);
    expect(() => resolveOptions({ fusion: "max" as never })).toThrow(/fusion/);
  });

  it("GIVEN partial weights THEN the others keep their defaults", () => {
    const options = resolveOptions({ weights: { popular: 2 } });
    expect(options.weights.popular).toBe(2);
    expect(options.weights.personal).toBe(resolveOptions().weights.personal);
  });
});
