import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { RetryEvent } from "./admin-client.server";
import { runFullSync, type FullSyncOptions, type SyncProgress } from "./full-sync.server";
import { CUSTOMERS_BULK_QUERY, PRODUCTS_BULK_QUERY } from "./queries";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { expectSyncedEqual } from "../../tests/support/synced";
import { bulkFinishPayload, buildProduct, seedShop } from "../../tests/factories/catalog";
import { action as bulkFinish } from "../routes/webhooks.bulk_operations.finish";
import { call, webhook } from "../../tests/support/requests";
import { DEFAULT_SCOPES } from "../../tests/factories/shops";

const fake = useFakeShopify();

/** Quick polls and retries: the waits still happen, in milliseconds instead of seconds. */
const fast = (extra: Partial<FullSyncOptions> = {}): FullSyncOptions => ({
  pollMs: 5,
  maxPollMs: 20,
  adminOptions: { retry: { baseDelayMs: 5, maxDelayMs: 40 } },
  ...extra,
});

const rowCounts = async (shop: string) => ({
  products: await db.product.count({ where: { shop } }),
  variants: await db.productVariant.count({ where: { shop } }),
  images: await db.productImage.count({ where: { shop } }),
  memberships: await db.productCollection.count({ where: { shop } }),
  customers: await db.customer.count({ where: { shop } }),
  orders: await db.order.count({ where: { shop } }),
  lineItems: await db.orderLineItem.count({ where: { shop } }),
});

describe("full sync by bulk operations", () => {
  it("GIVEN a shop with a catalog, customers, orders and policies WHEN it is synced THEN our tables equal the source, field by field", async () => {
    const { domain, fakeShop } = await installShop(fake, { name: "Paper Cranes", contactEmail: "help@cranes.example" });
    seedShop(fakeShop, { products: 25, customers: 8, orders: 30, seed: 7 });

    const result = await runFullSync(db, domain, fast({ trigger: "install" }));

    expect(result).toMatchObject({ status: "completed", error: null });
    await expectSyncedEqual(domain, fakeShop, { ordersSince: new Date(Date.now() - 60 * 86_400_000) });
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: result.runId! } });
    expect(run).toMatchObject({
      status: "completed",
      trigger: "install",
      phase: "done",
      activeShop: null,
      products: 25,
      customers: 8,
      orders: 30,
    });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
    const policies = await db.shopPolicy.findMany({ where: { shop: domain }, orderBy: { type: "asc" } });
    expect(policies.map((p) => p.type)).toEqual([
      "CONTACT_INFORMATION",
      "PRIVACY_POLICY",
      "REFUND_POLICY",
      "SHIPPING_POLICY",
      "TERMS_OF_SERVICE",
    ]);
    expect(await db.shop.findUniqueOrThrow({ where: { domain } })).toMatchObject({
      name: "Paper Cranes",
      contactEmail: "help@cranes.example",
      storefrontUrl: `https://${domain}`,
    });
    // Every export was asked for without grouping, and read from the shop's own host.
    expect(fake.requests.filter((r) => r.path.startsWith("/__fake/bulk/"))).toHaveLength(3);
  });

  it("GIVEN progress is watched THEN it moves forward through every phase to 1", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 30, customers: 5, orders: 10 });
    const seen: SyncProgress[] = [];

    await runFullSync(db, domain, fast({ batchLines: 20, onProgress: (p) => seen.push(p) }));

    const fractions = seen.map((p) => p.fraction);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(new Set(seen.map((p) => p.phase))).toEqual(new Set(["shop", "products", "customers", "orders", "done"]));
    expect(seen.some((p) => p.phase === "products" && p.linesDone > 0 && p.linesDone < (p.objectCount ?? 0))).toBe(
      true,
    );
  });

  it("GIVEN no read_all_orders THEN only the last 60 days of orders are synced; WITH it THEN all of them", async () => {
    const limited = await installShop(fake);
    seedShop(limited.fakeShop, { products: 5, customers: 3, orders: 4, oldOrders: 3, seed: 3 });
    const full = await installShop(fake, { grantedScopes: [...DEFAULT_SCOPES, "read_all_orders"] });
    seedShop(full.fakeShop, { products: 5, customers: 3, orders: 4, oldOrders: 3, seed: 3 });

    await runFullSync(db, limited.domain, fast());
    await runFullSync(db, full.domain, fast());

    expect(await db.order.count({ where: { shop: limited.domain } })).toBe(4);
    expect(await db.order.count({ where: { shop: full.domain } })).toBe(7);
    await expectSyncedEqual(full.domain, full.fakeShop);
  });

  it("GIVEN products deleted at Shopify since the last sync WHEN a sync completes THEN they are marked deleted, not kept as live", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const { products, customers } = seedShop(fakeShop, { products: 6, customers: 3, orders: 0 });
    await runFullSync(db, domain, fast());
    const [gone] = products;
    fakeShop.products.delete(gone.id);
    fakeShop.customers.delete(customers[0].id);

    const result = await runFullSync(db, domain, fast());

    expect(result.counts.removed).toBeGreaterThanOrEqual(2);
    const row = await db.product.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: gone.id } } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.title).toBe(gone.title);
    expect(await db.productVariant.count({ where: { shop: domain, productId: gone.id } })).toBe(0);
    const customer = await db.customer.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: customers[0].id } } });
    expect(customer).toMatchObject({ email: null, firstName: null });
    expect(customer.deletedAt).toBeInstanceOf(Date);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN a product created by a webhook after the export was taken THEN the sweep leaves it alone", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 3, customers: 0, orders: 0 });
    const late = buildProduct({ title: "Arrived during the sync" });
    // The product reaches our tables (as a webhook would) after the products export started.
    fake.bulk.onFinish = async (_shop, operation) => {
      if (!operation.query.includes("products")) return;
      const { applyProductWebhook } = await import("./webhooks.server");
      const { productPayload } = await import("../../tests/factories/catalog");
      await applyProductWebhook(db, domain, productPayload(late));
    };

    await runFullSync(db, domain, fast());

    const row = await db.product.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: late.id } } });
    expect(row.deletedAt).toBeNull();
  });

  it("GIVEN Shopify sends bulk_operations/finish THEN the waiting sync continues at once, not at its next poll", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 5, customers: 2, orders: 2 });
    // Shopify finishes each export 50 ms after it starts and sends the webhook; the sync
    // would otherwise look again only after a minute.
    fake.bulk.settings.completeAfterStatusChecks = Number.POSITIVE_INFINITY;
    fake.bulk.settings.completeAfterMs = 50;
    const deliveries: number[] = [];
    fake.bulk.onFinish = async (shop, operation) => {
      const response = (await call(
        bulkFinish,
        webhook("bulk_operations/finish", shop.domain, bulkFinishPayload(operation)),
      )) as Response;
      deliveries.push(response.status);
    };
    const started = Date.now();

    const result = await runFullSync(db, domain, fast({ pollMs: 60_000, maxPollMs: 60_000 }));

    expect(result.status).toBe("completed");
    expect(deliveries).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN no webhook arrives THEN polling finds the finished export", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 3, customers: 1, orders: 1 });
    fake.bulk.settings.completeAfterStatusChecks = 3;

    const result = await runFullSync(db, domain, fast());

    expect(result.status).toBe("completed");
    const operations = [...fake.bulk.operations.values()].filter((op) => op.shop === domain);
    expect(operations.map((op) => op.statusChecks)).toEqual([3, 3, 3]);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN THROTTLED, 429, 5xx and dropped connections THEN the sync waits, retries and still completes with everything", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 10, customers: 4, orders: 6 });
    // Served in this order, one fault per request: drops, then 503s, then 429s, then THROTTLED.
    fake.faults.networkErrorNext(2);
    fake.faults.serverErrorNext(3, 503);
    fake.faults.rateLimitNext(2);
    fake.faults.throttleNext(3);
    const retries: RetryEvent[] = [];
    const started = Date.now();

    const result = await runFullSync(
      db,
      domain,
      fast({
        adminOptions: { retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 400 }, onRetry: (e) => retries.push(e) },
      }),
    );

    expect(result.status).toBe("completed");
    expect(fake.faults.injected).toEqual({ throttled: 3, serverErrors: 3, rateLimited: 2, networkErrors: 2 });
    expect(retries.map((r) => r.reason)).toEqual([
      "NETWORK",
      "NETWORK",
      "SHOPIFY_UNAVAILABLE",
      "SHOPIFY_UNAVAILABLE",
      "SHOPIFY_UNAVAILABLE",
      "RATE_LIMITED",
      "RATE_LIMITED",
      "THROTTLED",
      "THROTTLED",
      "THROTTLED",
    ]);
    // Slowed down, not spun: every retry waited, the backoff grew while the failures
    // went on, and the waits really passed.
    expect(retries.every((r) => r.delayMs > 0)).toBe(true);
    expect(retries[4].delayMs).toBeGreaterThan(retries[0].delayMs);
    expect(Date.now() - started).toBeGreaterThanOrEqual(retries.reduce((sum, r) => sum + r.delayMs, 0));
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN a small cost budget THEN requests wait for it to refill instead of being refused again and again", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 2, customers: 1, orders: 1 });
    // Room for one bulk start (10 points) at a time, refilled at 40 points a second.
    fake.costs.maximumAvailable = 12;
    fake.costs.restoreRate = 40;
    const retries: RetryEvent[] = [];

    const result = await runFullSync(db, domain, fast({ adminOptions: { onRetry: (e) => retries.push(e) } }));

    expect(result.status).toBe("completed");
    // Refused at most once, before the client knew what a bulk start costs; after that
    // it read throttleStatus and waited before asking.
    expect(fake.costs.refusals).toBeLessThanOrEqual(1);
    const waits = retries.filter((r) => r.reason === "THROTTLED");
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits.every((w) => w.delayMs > 0)).toBe(true);
  });

  it("GIVEN an export of ours that a dead process started but never recorded THEN the sync adopts it", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 6, customers: 2, orders: 2 });
    const orphan = await fake.bulk.run(fakeShop, PRODUCTS_BULK_QUERY, false, "2026-07");

    const result = await runFullSync(db, domain, fast());

    expect(result.status).toBe("completed");
    const ours = [...fake.bulk.operations.values()].filter((op) => op.shop === domain);
    // The orphan served the products phase; only customers and orders were started anew.
    expect(ours.map((op) => op.id)).toEqual([orphan.bulkOperation!.id, expect.any(String), expect.any(String)]);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN a different bulk query of the app already running THEN it is cancelled and the sync's own export started", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 3, customers: 2, orders: 0 });
    const other = await fake.bulk.run(fakeShop, CUSTOMERS_BULK_QUERY, false, "2026-07");

    const result = await runFullSync(db, domain, fast());

    expect(result.status).toBe("completed");
    expect(fake.bulk.operations.get(other.bulkOperation!.id)?.status).toBe("CANCELED");
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN a bulk operation that fails with TIMEOUT THEN a new one is started and the sync completes", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 4, customers: 2, orders: 2 });
    fake.bulk.failNext("TIMEOUT");

    const result = await runFullSync(db, domain, fast());

    expect(result.status).toBe("completed");
    expect([...fake.bulk.operations.values()].filter((op) => op.shop === domain)).toHaveLength(4);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN bulk operations that keep failing THEN the run fails and says so in plain words", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 4, customers: 0, orders: 0 });
    fake.bulk.failNext("INTERNAL_SERVER_ERROR", 3);

    const result = await runFullSync(db, domain, fast());

    expect(result).toMatchObject({
      status: "failed",
      errorCode: "BULK_FAILED",
      error: "Shopify ran into an internal error while exporting your products.",
    });
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: result.runId! } });
    expect(run).toMatchObject({ status: "failed", activeShop: null, error: result.error });
  });

  it("GIVEN Shopify denies access to an export THEN the run fails at once, naming what was refused", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 2, customers: 0, orders: 0 });
    fake.bulk.failNext("ACCESS_DENIED");

    const result = await runFullSync(db, domain, fast());

    expect(result.status).toBe("failed");
    expect(result.error).toBe("Shopify refused to export your products: the app is missing a permission for them.");
    expect([...fake.bulk.operations.values()].filter((op) => op.shop === domain)).toHaveLength(1);
  });

  it("GIVEN an export file cut short once THEN it is read again from the checkpoint and the sync completes", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 40, customers: 2, orders: 2 });
    fake.bulk.truncateNextDownloads(1, 0.5);

    const result = await runFullSync(db, domain, fast({ batchLines: 10 }));

    expect(result.status).toBe("completed");
    expect(fake.requests.filter((r) => r.path.startsWith("/__fake/bulk/"))).toHaveLength(4);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN an export that is always cut short THEN the run fails saying how much arrived", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 20, customers: 0, orders: 0 });
    fake.bulk.truncateNextDownloads(10, 0.3);

    const result = await runFullSync(db, domain, fast({ batchLines: 5 }));

    expect(result.status).toBe("failed");
    expect(result.errorCode).toBe("TRUNCATED_EXPORT");
    expect(result.error).toMatch(
      /^Shopify's export of your products was cut short: we received \d+ of \d+ records 3 times\.$/,
    );
  });

  it("GIVEN a run killed halfway through storing an export WHEN the sync runs again THEN it resumes from its checkpoint and ends equal, with no duplicates", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 60, customers: 10, orders: 20, seed: 11 });
    const controller = new AbortController();
    let batches = 0;

    await expect(
      runFullSync(
        db,
        domain,
        fast({
          batchLines: 25,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.phase === "products" && p.linesDone > 0 && ++batches === 2) controller.abort();
          },
        }),
      ),
    ).rejects.toThrow();
    const interrupted = await db.syncRun.findFirstOrThrow({ where: { shop: domain } });
    expect(interrupted).toMatchObject({ status: "running", phase: "products", linesDone: 50 });
    const operations = fake.bulk.operations.size;

    const resumed = await runFullSync(db, domain, fast({ batchLines: 25, trigger: "resume" }));

    expect(resumed).toMatchObject({ status: "completed", runId: interrupted.id });
    // The same export was read on from line 51, not requested again.
    expect(fake.bulk.operations.size - operations).toBe(2);
    await expectSyncedEqual(domain, fakeShop);
    const counts = await rowCounts(domain);
    expect(counts.products).toBe(60);
    expect(resumed.counts.products).toBe(60);
  });

  it("GIVEN a sync WHEN it runs twice THEN the second leaves the same rows (no duplicates)", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 15, customers: 5, orders: 12 });
    await runFullSync(db, domain, fast());
    const first = await rowCounts(domain);

    await runFullSync(db, domain, fast());

    expect(await rowCounts(domain)).toEqual(first);
  });

  it("GIVEN a runner holds the shop's run THEN a second runner does not start another", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 2, customers: 0, orders: 0 });
    fake.bulk.settings.completeAfterStatusChecks = 3;

    const [a, b] = await Promise.all([runFullSync(db, domain, fast()), runFullSync(db, domain, fast())]);

    expect([a.status, b.status].sort()).toEqual(["busy", "completed"]);
    expect(await db.syncRun.count({ where: { shop: domain } })).toBe(1);
  });

  it("GIVEN a shop that is not installed THEN nothing is asked of Shopify", async () => {
    const result = await runFullSync(db, "never-installed.myshopify.com", fast());

    expect(result.status).toBe("skipped");
    expect(fake.requests).toHaveLength(0);
  });
});
