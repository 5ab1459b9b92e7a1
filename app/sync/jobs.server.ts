import type { Db } from "../db.server";
import type { JobQueue } from "../jobs/queue.server";
import { adminForShop, runFullSync, type FullSyncOptions, type SyncTrigger } from "./full-sync.server";
import { refreshShopDetails } from "./shop-details.server";
import { syncResourceTranslations, syncTypeTranslations, translationTargets } from "./translations.server";
import { refreshCollectionMembers } from "./webhooks.server";
import { forgetKnowledge } from "../knowledge/store.server";

/**
 * The sync's jobs. Every payload names its shop, so `cancelShop` finds them on
 * uninstall, and every handler checks that the shop is still installed before it
 * touches Shopify.
 */

export const SYNC_FULL = "sync.full";
export const SYNC_RECONCILE = "sync.reconcile";
export const SYNC_COLLECTION = "sync.collection";
export const SYNC_POLICIES = "sync.policies";
export const SYNC_TRANSLATIONS = "sync.translations";

/** Missed webhooks happen (Shopify gives up after 48 hours of failed deliveries). */
export const RECONCILE_EVERY_MS = 24 * 60 * 60 * 1000;

export interface FullSyncJob {
  shop: string;
  trigger: SyncTrigger;
}

export interface PoliciesJob {
  shop: string;
}

export interface TranslationsJob {
  shop: string;
  /** The product or collection whose translations are read again. */
  resourceId: string;
}

export interface CollectionJob {
  shop: string;
  collectionId: string;
}

export interface SyncJobOptions {
  db: Db;
  /** Passed to every full sync (tests shorten polling and retries here). */
  fullSync?: Partial<FullSyncOptions>;
  /** First retry delay of a failed job. */
  backoffMs?: number;
}

const isInstalled = async (db: Db, shop: string) =>
  (await db.shop.count({ where: { domain: shop, uninstalledAt: null } })) > 0;

export function registerSyncJobs(queue: JobQueue, { db, fullSync = {}, backoffMs = 60_000 }: SyncJobOptions) {
  queue.register<FullSyncJob>(
    SYNC_FULL,
    async ({ shop, trigger }, { signal }) => {
      const result = await runFullSync(db, shop, { ...fullSync, trigger, signal });
      if (result.status === "busy") {
        throw new Error(`the sync of ${shop} is held by another worker; trying again later`);
      }
      if (result.status === "failed" && result.retryable) {
        throw new Error(`the sync of ${shop} failed (${result.errorCode}); trying again later`);
      }
    },
    { attempts: 4, backoffMs },
  );

  queue.register(SYNC_RECONCILE, async () => {
    const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
    for (const { domain } of shops) await enqueueFullSync(queue, domain, "reconcile");
  });

  queue.register<CollectionJob>(
    SYNC_COLLECTION,
    async ({ shop, collectionId }) => {
      if (!(await isInstalled(db, shop))) return;
      const admin = await adminForShop(db, shop, fullSync.adminOptions);
      await refreshCollectionMembers(db, admin, shop, collectionId);
    },
    { attempts: 5, backoffMs },
  );

  // Policies have no webhook; the Knowledge page's "Sync again" reads them (and the shop's
  // details, which come in the same query) without a whole full sync.
  queue.register<PoliciesJob>(
    SYNC_POLICIES,
    async ({ shop }, { signal }) => {
      if (!(await isInstalled(db, shop))) return;
      const admin = await adminForShop(db, shop, fullSync.adminOptions);
      await refreshShopDetails(db, admin, shop, signal);
      await syncTypeTranslations(db, admin, shop, "SHOP_POLICY", signal);
      forgetKnowledge(shop);
    },
    { attempts: 3, backoffMs },
  );

  // No webhook says a translation changed; an edited product or collection is the moment
  // its translations most likely changed too.
  queue.register<TranslationsJob>(
    SYNC_TRANSLATIONS,
    async ({ shop, resourceId }, { signal }) => {
      if (!(await isInstalled(db, shop))) return;
      const admin = await adminForShop(db, shop, fullSync.adminOptions);
      await syncResourceTranslations(db, admin, shop, [resourceId], signal);
    },
    { attempts: 5, backoffMs },
  );
}

/**
 * Queues a read of one product's or collection's translations, when the shop publishes
 * more than one language and granted the scope (otherwise there is nothing to read).
 */
export async function enqueueTranslationsRefresh(queue: JobQueue, db: Db, shop: string, resourceId: string) {
  const { granted, locales } = await translationTargets(db, shop);
  if (!granted || locales.length === 0) return null;
  return queue.enqueue<TranslationsJob>(
    SYNC_TRANSLATIONS,
    { shop, resourceId },
    // A burst of updates to one product (an order, then a stock edit) needs one read.
    { dedupeKey: `${SYNC_TRANSLATIONS}|${shop}|${resourceId}`, delayMs: 2_000 },
  );
}

/** Queues a read of the shop's policies, unless one is already queued. */
export function enqueuePoliciesSync(queue: JobQueue, shop: string) {
  return queue.enqueue<PoliciesJob>(SYNC_POLICIES, { shop }, { dedupeKey: `${SYNC_POLICIES}|${shop}` });
}

/** Queues a full sync of the shop, unless one is already queued or running. */
export function enqueueFullSync(queue: JobQueue, shop: string, trigger: SyncTrigger, delayMs?: number) {
  return queue.enqueue<FullSyncJob>(SYNC_FULL, { shop, trigger }, { dedupeKey: `${SYNC_FULL}|${shop}`, delayMs });
}

export function enqueueCollectionRefresh(queue: JobQueue, shop: string, collectionId: string) {
  return queue.enqueue<CollectionJob>(
    SYNC_COLLECTION,
    { shop, collectionId },
    // A burst of updates to one collection needs one read of its members.
    { dedupeKey: `${SYNC_COLLECTION}|${shop}|${collectionId}`, delayMs: 2_000 },
  );
}

export function scheduleReconciliation(queue: JobQueue, everyMs = RECONCILE_EVERY_MS) {
  return queue.repeat(SYNC_RECONCILE, {}, { key: SYNC_RECONCILE, everyMs });
}

/**
 * At start: runs left `running` by a process that died or shut down are queued again,
 * after the dead runner's lease has lapsed. They continue from their checkpoint.
 */
export async function resumeInterruptedRuns(db: Db, queue: JobQueue): Promise<string[]> {
  const runs = await db.syncRun.findMany({ where: { status: "running" } });
  for (const run of runs) {
    const wait = run.leaseExpiresAt ? Math.max(0, run.leaseExpiresAt.getTime() - Date.now()) + 1_000 : 0;
    await enqueueFullSync(queue, run.shop, "resume", wait);
  }
  return runs.map((run) => run.shop);
}

/** `app/uninstalled`: nothing more runs for the shop; its active run ends as cancelled. */
export async function stopShopSync(db: Db, queue: JobQueue, shop: string) {
  await db.syncRun.updateMany({
    where: { shop, status: "running" },
    data: {
      status: "cancelled",
      error: "The app was uninstalled from the shop.",
      errorCode: "CANCELLED",
      activeShop: null,
      leaseExpiresAt: null,
      finishedAt: new Date(),
    },
  });
  await queue.cancelShop(shop);
}
