import { describe, expect, it } from "vitest";
import { buildRecommenderIndex, type RecommenderIndex } from "./build";
import type { CatalogProduct, OrderLine } from "./types";
import { DEFAULT_BLEND, monthsBefore, validateShop, type ShopValidation } from "./validate";

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 5, 1);

const PRODUCTS: CatalogProduct[] = Array.from({ length: 12 }, (_, k) => ({
  id: `p${String(k).padStart(2, "0")}`,
  title: `Product ${k}`,
  price: 10,
  available: true,
  published: true,
  createdAt: Date.UTC(2023, 0, 1),
}));

/**
 * Five months of a small shop: 60 customers in three tastes (four products each), every
 * customer buying two products of their taste each month, a pseudo-random but fixed pick.
 */
function shopLines(): OrderLine[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines: OrderLine[] = [];
  for (let month = 0; month < 5; month++) {
    for (let c = 0; c < 60; c++) {
      const taste = c % 3;
      const at = Date.UTC(2024, month, 1 + Math.floor(next() * 27), 12);
      const a = taste * 4 + Math.floor(next() * 4);
      const b = taste * 4 + Math.floor(next() * 4);
      for (const p of new Set([a, b])) {
        lines.push({
          orderId: `o${month}-${c}`,
          customerId: `c${c}`,
          productId: PRODUCTS[p].id,
          quantity: 1,
          createdAt: at,
        });
      }
    }
  }
  return lines;
}

const LINES = shopLines();
const withoutTiming = (v: ShopValidation) => ({ ...v, seconds: 0 });

describe("monthsBefore", () => {
  it("GIVEN the end of a long month THEN a month earlier is the last day of the shorter one", () => {
    expect(new Date(monthsBefore(Date.UTC(2011, 2, 31, 9), 1)).toISOString()).toBe("2011-02-28T09:00:00.000Z");
    expect(new Date(monthsBefore(Date.UTC(2011, 0, 15), 2)).toISOString()).toBe("2010-11-15T00:00:00.000Z");
  });
});

describe("validateShop", () => {
  it("GIVEN five months THEN March and April choose, May checks, and each fold trains only before its month", () => {
    const seen: { trainEnd: number; latest: number }[] = [];
    const result = validateShop(
      { products: PRODUCTS, orderLines: LINES },
      {
        now: NOW,
        indexFor: (trainEnd, lines): RecommenderIndex => {
          seen.push({ trainEnd, latest: Math.max(...lines.map((l) => +l.createdAt)) });
          return buildRecommenderIndex({ products: PRODUCTS, orderLines: lines }, { now: trainEnd });
        },
      },
    );

    expect(result.folds.map((f) => [new Date(f.trainEnd).toISOString().slice(0, 10), f.role])).toEqual([
      ["2024-03-01", "choice"],
      ["2024-04-01", "choice"],
      ["2024-05-01", "check"],
    ]);
    for (const fold of result.folds) {
      expect(fold.latestTrainAt!).toBeLessThan(fold.trainEnd);
      expect(fold.testEnd).toBeLessThanOrEqual(NOW);
      expect(fold.customers).toBe(60);
    }
    expect(seen).toHaveLength(3);
    for (const { trainEnd, latest } of seen) expect(latest).toBeLessThan(trainEnd);
    expect(result.default.validated).toBe(true);
    expect(result.lastMonth).toMatchObject({ from: Date.UTC(2024, 4, 1), to: NOW, customers: 60 });
    // Customers buy within their taste: the app finds it, a bestseller list of one taste cannot for the others.
    expect(result.lastMonth!.app.hr10).toBeGreaterThan(result.lastMonth!.bestsellers.hr10);
  });

  it("GIVEN orders at or after now THEN nothing changes: the future is never read", () => {
    const flood: OrderLine[] = Array.from({ length: 500 }, (_, k) => ({
      orderId: `future-${k}`,
      customerId: `c${k % 60}`,
      productId: "p11",
      quantity: 1,
      createdAt: NOW + (k % 20) * DAY,
    }));
    const plain = validateShop({ products: PRODUCTS, orderLines: LINES }, { now: NOW });
    const flooded = validateShop({ products: PRODUCTS, orderLines: [...LINES, ...flood] }, { now: NOW });
    expect(withoutTiming(flooded)).toEqual(withoutTiming(plain));
  });

  it("GIVEN a different last month THEN the same blends are chosen: the checked month never reaches the choice", () => {
    const may = Date.UTC(2024, 4, 1);
    // In the changed May everyone buys only p00.
    const changed = LINES.map((l) => (+l.createdAt >= may ? { ...l, productId: "p00" } : l));
    const a = validateShop({ products: PRODUCTS, orderLines: LINES }, { now: NOW });
    const b = validateShop({ products: PRODUCTS, orderLines: changed }, { now: NOW });
    expect(b.default.blend).toEqual(a.default.blend);
    expect(b.discover.blend).toEqual(a.discover.blend);
    expect(b.default.chosen).toEqual(a.default.chosen);
    expect(b.lastMonth!.bestsellers.hr10).not.toBe(a.lastMonth!.bestsellers.hr10);
  });

  it("GIVEN a shop with one month of orders THEN the defaults serve and nothing is claimed", () => {
    const may = Date.UTC(2024, 4, 1);
    const result = validateShop(
      { products: PRODUCTS, orderLines: LINES.filter((l) => +l.createdAt >= may) },
      { now: NOW },
    );
    expect(result.default).toEqual({ blend: DEFAULT_BLEND, validated: false, chosen: null, defaults: null });
    expect(result.discover.validated).toBe(false);
    expect(result.lastMonth).toBeNull();
    expect(result.folds).toEqual([]);
  });
});
