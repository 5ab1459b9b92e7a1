import type { Db } from "../db.server";
import type { SyncRun } from "../db/generated/sqlite/client";
import { PHASES, type RunPhase } from "./full-sync.server";

/** What the admin home page's sync card shows. */
export interface SyncRunView {
  id: string;
  status: string;
  trigger: string;
  phase: RunPhase;
  /** 0…1 over the whole run, for the progress bar. */
  fraction: number;
  /** Shopify still preparing the export (no file yet) or us storing it. */
  waitingForShopify: boolean;
  linesDone: number;
  objectCount: number | null;
  counts: {
    products: number;
    variants: number;
    customers: number;
    orders: number;
    lineItems: number;
    removed: number;
  };
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface SyncStatus {
  active: SyncRunView | null;
  last: SyncRunView | null;
  lastCompletedAt: string | null;
}

function view(run: SyncRun): SyncRunView {
  const phase = run.phase as RunPhase;
  const step = Math.min(PHASES.indexOf(phase), 4);
  const waitingForShopify = run.bulkStatus !== null && run.bulkStatus !== "COMPLETED";
  const within = !waitingForShopify && run.bulkObjectCount ? Math.min(1, run.linesDone / run.bulkObjectCount) : 0;
  return {
    id: run.id,
    status: run.status,
    trigger: run.trigger,
    phase,
    fraction: run.status === "completed" ? 1 : (step + within) / 4,
    waitingForShopify,
    linesDone: run.linesDone,
    objectCount: run.bulkObjectCount,
    counts: {
      products: run.products,
      variants: run.variants,
      customers: run.customers,
      orders: run.orders,
      lineItems: run.lineItems,
      removed: run.removed,
    },
    error: run.error,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export async function getSyncStatus(db: Db, shop: string): Promise<SyncStatus> {
  const [active, last, lastCompleted] = await Promise.all([
    db.syncRun.findFirst({ where: { shop, status: "running" }, orderBy: { startedAt: "desc" } }),
    db.syncRun.findFirst({ where: { shop, status: { not: "running" } }, orderBy: { startedAt: "desc" } }),
    db.syncRun.findFirst({ where: { shop, status: "completed" }, orderBy: { startedAt: "desc" } }),
  ]);
  return {
    active: active ? view(active) : null,
    last: last ? view(last) : null,
    lastCompletedAt: lastCompleted?.finishedAt?.toISOString() ?? null,
  };
}

/** How many of the shop's records we hold (deleted ones not counted). */
export async function syncedCounts(db: Db, shop: string) {
  const [products, customers, orders] = await Promise.all([
    db.product.count({ where: { shop, deletedAt: null } }),
    db.customer.count({ where: { shop, deletedAt: null } }),
    db.order.count({ where: { shop, deletedAt: null } }),
  ]);
  return { products, customers, orders };
}
