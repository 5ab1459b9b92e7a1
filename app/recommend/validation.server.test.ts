import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createInProcessQueue } from "~/jobs/in-process.server";
import { runFullSync } from "~/sync/full-sync.server";
import { recommendationsFor, recommenderFor } from "./service.server";
import {
  RECOMMEND_NIGHTLY,
  readShopValidation,
  registerRecommendationJobs,
  runShopValidation,
} from "./validation.server";
import { describeValidation } from "./validation-words";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { seedShop } from "../../tests/factories/catalog";

const fake = useFakeShopify();

async function syncedShop(seed: number) {
  const installed = await installShop(fake);
  seedShop(installed.fakeShop, { products: 24, customers: 8, orders: 40, seed });
  await runFullSync(db, installed.domain, { pollMs: 10, maxPollMs: 50 });
  return installed;
}

describe("the discover list through the service", () => {
  it("GIVEN a customer who bought before THEN “something new” holds nothing they bought, each reason says it is new to them", async () => {
    const { domain } = await syncedShop(31);
    const { index } = await recommenderFor(db, domain);
    // The customer with the most distinct purchases.
    let best = -1;
    let most = 0;
    for (let c = 0; c < index.customers.start.length - 1; c++) {
      const distinct = new Set(index.customers.item.subarray(index.customers.start[c], index.customers.start[c + 1]));
      if (distinct.size > most) [best, most] = [c, distinct.size];
    }
    const gid = [...index.customers.byId.entries()].find(([, c]) => c === best)![0];
    const bought = new Set(
      [...index.customers.item.subarray(index.customers.start[best], index.customers.start[best + 1])].map(
        (i) => index.products.ids[i],
      ),
    );
    const customerId = gid.replace(/\D/g, "");

    const discover = await recommendationsFor(db, domain, {
      customerId,
      personalization: true,
      limit: 6,
      list: "discover",
    });
    expect(discover.list).toBe("discover");
    expect(discover.items.length).toBeGreaterThan(0);
    for (const item of discover.items) {
      expect(bought.has(item.product.id)).toBe(false);
      expect(item.reason.text).toMatch(/^New to you: /);
      expect(item.reason.list).toBe("discover");
    }
    const usual = await recommendationsFor(db, domain, { customerId, personalization: true, limit: 6 });
    expect(usual.list).toBe("default");
    for (const item of usual.items) expect(item.reason.text).not.toMatch(/^New to you/);
  });

  it("GIVEN an unknown list name THEN the request is refused", async () => {
    const { domain } = await syncedShop(32);
    await expect(
      recommendationsFor(db, domain, { customerId: null, personalization: false, list: "newest" as "default" }),
    ).rejects.toThrow(/list must be/);
  });
});

describe("the nightly validation", () => {
  it("GIVEN installed shops THEN the nightly job validates each and the result reads back, in words for the page", async () => {
    const { domain } = await syncedShop(33);
    expect(await readShopValidation(db, domain)).toBeNull();
    const queue = createInProcessQueue({ concurrency: 1 });
    registerRecommendationJobs(queue, { db });
    await queue.start();
    await queue.enqueue(RECOMMEND_NIGHTLY, {});
    await queue.idle(30_000);
    await queue.close();

    const stored = await readShopValidation(db, domain);
    expect(stored).not.toBeNull();
    // Two months of orders from eight customers: too little to test on, so the defaults stay.
    expect(stored!.default.validated).toBe(false);
    const words = describeValidation(stored, { customWeights: false });
    expect(words.paragraphs[0]).toMatch(/not have enough repeat customers/);
    expect(words.changes).toEqual([]);
  });

  it("GIVEN a stored validation THEN the page's words name the months, the choice and the lift on the last month", async () => {
    const { domain } = await syncedShop(34);
    const result = await runShopValidation(db, domain);
    const months = Date.UTC(2011, 4, 1);
    const words = describeValidation(
      {
        ...result,
        folds: [
          {
            trainEnd: Date.UTC(2011, 2, 1),
            testEnd: Date.UTC(2011, 3, 1),
            role: "choice",
            trainLines: 10,
            latestTrainAt: 1,
            customers: 40,
            discoverCustomers: 30,
          },
          {
            trainEnd: Date.UTC(2011, 3, 1),
            testEnd: months,
            role: "choice",
            trainLines: 10,
            latestTrainAt: 1,
            customers: 40,
            discoverCustomers: 30,
          },
        ],
        default: {
          ...result.default,
          validated: true,
          blend: { ...result.default.blend, weights: { ...result.default.blend.weights, repurchase: 4 } },
        },
        lastMonth: {
          from: months,
          to: Date.UTC(2011, 5, 1),
          customers: 812,
          discoverCustomers: 700,
          app: { hr10: 0.79, hr10Discover: 0.5 },
          bestsellers: { hr10: 0.5, hr10Discover: 0.4 },
        },
      },
      { customWeights: true },
    );
    expect(words.paragraphs[0]).toContain("March 2011 and April 2011");
    expect(words.changes).toContain("Usual list: buy again 2 → 4");
    expect(words.paragraphs.join(" ")).toContain(
      "Checked on May 2011, which the choice did not see: for 79% of the 812 returning customers, the 10 suggestions included something they then bought, against 50% for a plain list of bestsellers (1.58 times as often).",
    );
    expect(words.lift).toBe("1.58× bestsellers in May 2011");
    expect(words.paragraphs.join(" ")).toContain("You have set your own strategy weights");
  });
});
