import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import type { FullSyncOptions } from "./full-sync.server";
import { runFullSync } from "./full-sync.server";
import { enqueueFullSync, registerSyncJobs, resumeInterruptedRuns, stopShopSync } from "./jobs.server";
import { action as uninstalled } from "../routes/webhooks.app.uninstalled";
import { backends, closeQueues } from "../../tests/support/job-backends";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { expectSyncedEqual } from "../../tests/support/synced";
import { call, webhook } from "../../tests/support/requests";
import { seedShop } from "../../tests/factories/catalog";

const fake = useFakeShopify();

const fast: Partial<FullSyncOptions> = {
  pollMs: 5,
  maxPollMs: 20,
  adminOptions: { retry: { baseDelayMs: 5, maxDelayMs: 40 } },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(closeQueues);

describe.each(backends)("sync jobs on the $name queue", ({ create }) => {
  it("GIVEN a full sync is queued THEN the job runs it to the end and the tables equal the source", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 12, customers: 4, orders: 6 });
    const queue = create();
    registerSyncJobs(queue, { db, fullSync: fast, backoffMs: 10 });
    await queue.start();

    await enqueueFullSync(queue, domain, "install");
    await queue.idle(15_000);

    const run = await db.syncRun.findFirstOrThrow({ where: { shop: domain } });
    expect(run).toMatchObject({ status: "completed", trigger: "install" });
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN a run left unfinished by a stopped process THEN at start it is queued again and completes from its checkpoint", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 30, customers: 3, orders: 3 });
    const controller = new AbortController();
    await runFullSync(db, domain, {
      ...fast,
      batchLines: 10,
      signal: controller.signal,
      onProgress: (p) => p.phase === "products" && p.linesDone >= 20 && controller.abort(),
    }).catch(() => undefined);
    const queue = create();
    registerSyncJobs(queue, { db, fullSync: fast, backoffMs: 10 });
    await queue.start();

    expect(await resumeInterruptedRuns(db, queue)).toContain(domain);
    await queue.idle(15_000);

    const runs = await db.syncRun.findMany({ where: { shop: domain } });
    expect(runs.map((r) => r.status)).toEqual(["completed"]);
    await expectSyncedEqual(domain, fakeShop);
  });

  it("GIVEN a queued sync WHEN the shop uninstalls first THEN the job never runs and Shopify is not called", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 3, customers: 0, orders: 0 });
    const queue = create();
    registerSyncJobs(queue, { db, fullSync: fast, backoffMs: 10 });
    await queue.start();
    await enqueueFullSync(queue, domain, "manual", 200);
    fake.requests.length = 0;

    await db.shop.update({ where: { domain }, data: { uninstalledAt: new Date() } });
    await stopShopSync(db, queue, domain);
    await sleep(400);
    await queue.idle(5_000);

    expect(await db.syncRun.count({ where: { shop: domain } })).toBe(0);
    expect(fake.requests.filter((r) => r.shop === domain)).toEqual([]);
  });
});

describe("app/uninstalled and the app's own queue", () => {
  it("GIVEN a sync waiting on Shopify WHEN app/uninstalled arrives THEN the run ends as cancelled and no job runs for the shop afterwards", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 3, customers: 0, orders: 0 });
    // Shopify never finishes this export: the sync waits on it.
    fake.bulk.settings.completeAfterStatusChecks = Number.POSITIVE_INFINITY;
    const syncing = runFullSync(db, domain, { ...fast, pollMs: 20 });
    await waitFor(async () => (await db.syncRun.findFirst({ where: { shop: domain } }))?.bulkOperationId != null);
    await enqueueFullSync(jobs, domain, "reconcile", 150);

    const response = (await call(uninstalled, webhook("app/uninstalled", domain, {}))) as Response;
    const result = await syncing;
    const requestsAfter = fake.requests.length;
    await sleep(300);
    await jobs.idle();

    expect(response.status).toBe(200);
    expect(result).toMatchObject({ status: "cancelled", error: "The app was uninstalled from the shop." });
    expect(await db.syncRun.findMany({ where: { shop: domain }, select: { status: true } })).toEqual([
      { status: "cancelled" },
    ]);
    expect(fake.requests.length).toBe(requestsAfter);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}
