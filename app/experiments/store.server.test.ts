import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recommendationsFor } from "~/recommend/service.server";
import { runFullSync } from "~/sync/full-sync.server";
import { assignVariant } from "./ab";
import { listExperiments, wilson } from "./store.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { seedShop } from "../../tests/factories/catalog";
import { onlyStrategy, startPopularOrTrending } from "../../tests/support/experiments";

const fake = useFakeShopify();

describe("a running strategy experiment", () => {
  it("GIVEN two variants that weight different strategies THEN each visitor's recommendations are those of their variant's weights", async () => {
    const installed = await installShop(fake);
    seedShop(installed.fakeShop, { products: 24, customers: 8, orders: 30, seed: 11 });
    await runFullSync(db, installed.domain, { pollMs: 10, maxPollMs: 50 });
    await startPopularOrTrending(installed.domain, "add_to_cart");
    const [{ experiment }] = await listExperiments(db, installed.domain);
    const visitorIn = (variantId: string) => {
      for (let i = 0; ; i++) if (assignVariant(experiment, `v${i}`)?.id === variantId) return `v${i}`;
    };
    const request = { customerId: null, personalization: true, limit: 6 };

    const popularVisitor = await recommendationsFor(db, installed.domain, { ...request, visitorId: visitorIn("a") });
    const trendingVisitor = await recommendationsFor(db, installed.domain, { ...request, visitorId: visitorIn("b") });
    const byPopular = await recommendationsFor(db, installed.domain, {
      ...request,
      weights: onlyStrategy("popular"),
    });
    const byTrending = await recommendationsFor(db, installed.domain, {
      ...request,
      weights: onlyStrategy("trending"),
    });

    const ids = (result: Awaited<ReturnType<typeof recommendationsFor>>) => result.items.map((i) => i.product.id);
    expect(popularVisitor.experiment).toMatchObject({ variantId: "a" });
    expect(trendingVisitor.experiment).toMatchObject({ variantId: "b" });
    expect(ids(popularVisitor)).toEqual(ids(byPopular));
    expect(ids(trendingVisitor)).toEqual(ids(byTrending));
    expect(ids(popularVisitor).length).toBeGreaterThan(0);
    expect(ids(popularVisitor)).not.toEqual(ids(trendingVisitor));
  });
});

describe("the Wilson interval shown per variant", () => {
  it("GIVEN known counts THEN it matches the published values and stays inside 0–1", () => {
    // Newcombe (1998), table I: 81/263 → 0.2553–0.3662; 0/10 → 0–0.2775.
    const [low, high] = wilson(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
    const [zeroLow, zeroHigh] = wilson(0, 10);
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});
