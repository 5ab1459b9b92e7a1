import type { Db } from "../db.server";
import type { SyncRun } from "../db/generated/sqlite/client";
import type { KeyRing } from "../privacy/crypto.server";
import { offlineAccessToken } from "../shopify/session-storage.server";
import { isUniqueViolation } from "../webhooks/receive.server";
import { createSyncAdmin, isAbort, SyncError, type SyncAdmin, type SyncAdminOptions } from "./admin-client.server";
import {
  readExport,
  startBulkQuery,
  TERMINAL,
  waitForBulkOperation,
  type BulkOperation,
  type BulkStatus,
} from "./bulk.server";
import { appBulkWriter, type BulkWriter } from "./bulk-writer.server";
import { ingestLines, runCheckpoint, sweepPhase, type Phase } from "./ingest.server";
import { CUSTOMERS_BULK_QUERY, ordersBulkQuery, PRODUCTS_BULK_QUERY } from "./queries";
import { refreshShopDetails } from "./shop-details.server";
import { syncAllTranslations } from "./translations.server";
import { log } from "../log.server";

/**
 * A full sync of one shop: its details and policies, then products, customers and
 * orders, each by a bulk operation (start → wait for the `bulk_operations/finish`
 * webhook or poll → stream the JSONL into the tables → mark what Shopify no longer
 * has). The run row is the checkpoint: phase, bulk operation id and lines stored. A run
 * interrupted by a crash or a shutdown is picked up by the next `runFullSync` for the
 * shop and continues from there (docs/decisions/0041-sync-resume-and-writes.md).
 */

export type SyncTrigger = "install" | "manual" | "reconcile" | "resume";
export type RunPhase = "shop" | Phase | "done";

export const PHASES: RunPhase[] = ["shop", "products", "customers", "orders", "done"];
const PHASE_NOUN: Record<Phase, string> = { products: "products", customers: "customers", orders: "orders" };

/** Without `read_all_orders` Shopify shows an app the last 60 days of orders. */
export const ORDER_WINDOW_DAYS = 60;

export interface SyncProgress {
  runId: string;
  shop: string;
  phase: RunPhase;
  /** 0-based index of the phase among shop, products, customers, orders. */
  step: number;
  steps: number;
  bulkStatus: string | null;
  linesDone: number;
  objectCount: number | null;
  /** 0…1 over the whole run. */
  fraction: number;
  counts: RunCounts;
}

export interface RunCounts {
  products: number;
  variants: number;
  collections: number;
  customers: number;
  orders: number;
  lineItems: number;
  removed: number;
}

export interface SyncRunSummary {
  runId: string | null;
  shop: string;
  /** `busy`: another process holds this shop's run; `skipped`: the shop is not installed. */
  status: "completed" | "failed" | "cancelled" | "busy" | "skipped";
  counts: RunCounts;
  error: string | null;
  errorCode: string | null;
  retryable: boolean;
}

export interface FullSyncOptions {
  trigger?: SyncTrigger;
  /** The Admin client; by default one for the shop's stored offline session. */
  admin?: SyncAdmin;
  adminOptions?: Partial<SyncAdminOptions>;
  keyRing?: KeyRing;
  /** Where export batches are written; by default the app's database (DATABASE_URL). */
  writer?: BulkWriter;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  pollMs?: number;
  maxPollMs?: number;
  batchLines?: number;
  /** How long a run stays claimed without a sign of life from its runner. */
  leaseMs?: number;
  /** New bulk operations after one failed (TIMEOUT, INTERNAL_SERVER_ERROR). */
  maxOperationRestarts?: number;
  /** Downloads of one export before a cut-short file fails the run. */
  maxDownloads?: number;
}

export class SyncCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncCancelled";
  }
}

const countsOf = (run: SyncRun | null): RunCounts => ({
  products: run?.products ?? 0,
  variants: run?.variants ?? 0,
  collections: run?.collections ?? 0,
  customers: run?.customers ?? 0,
  orders: run?.orders ?? 0,
  lineItems: run?.lineItems ?? 0,
  removed: run?.removed ?? 0,
});

/** The Admin client for a shop's stored offline session. */
export async function adminForShop(db: Db, shop: string, options: Partial<SyncAdminOptions> = {}): Promise<SyncAdmin> {
  const { keyRing } = await import("../privacy/keys.server");
  const accessToken = await offlineAccessToken(db, keyRing, shop);
  if (!accessToken) {
    throw new SyncError(
      "NO_SESSION",
      "We have no access to this shop yet. Open the app from your Shopify admin to connect it.",
      false,
    );
  }
  return createSyncAdmin({ ...options, shop, accessToken });
}

function ordersWindow(scopes: string, now: Date): Date | null {
  const granted = scopes.split(",").map((s) => s.trim());
  return granted.includes("read_all_orders") ? null : new Date(now.getTime() - ORDER_WINDOW_DAYS * 86_400_000);
}

/**
 * Claims the shop's active run, or starts one. Returns null while another runner holds
 * a live lease on it (it renews the lease as it works; a crashed runner's lapses).
 */
async function claimRun(db: Db, shop: string, trigger: SyncTrigger, leaseMs: number, scopes: string) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = new Date();
    const lease = new Date(now.getTime() + leaseMs);
    const active = await db.syncRun.findUnique({ where: { activeShop: shop } });
    if (active) {
      const claimed = await db.syncRun.updateMany({
        where: { id: active.id, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
        data: { leaseExpiresAt: lease },
      });
      return claimed.count === 1 ? { ...active, leaseExpiresAt: lease } : null;
    }
    try {
      return await db.syncRun.create({
        data: {
          shop,
          activeShop: shop,
          trigger,
          status: "running",
          phase: "shop",
          leaseExpiresAt: lease,
          ordersSince: ordersWindow(scopes, now),
        },
      });
    } catch (error) {
      // Another runner created it between our read and our write: claim theirs.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return null;
}

function bulkFailure(phase: Phase, operation: BulkOperation): SyncError {
  const noun = PHASE_NOUN[phase];
  switch (operation.status) {
    case "FAILED":
      if (operation.errorCode === "ACCESS_DENIED") {
        return new SyncError(
          "ACCESS_DENIED",
          `Shopify refused to export your ${noun}: the app is missing a permission for them.`,
          false,
          operation.errorCode,
        );
      }
      if (operation.errorCode === "TIMEOUT") {
        return new SyncError(
          "BULK_FAILED",
          `Shopify took too long to export your ${noun} and gave up.`,
          true,
          operation.errorCode,
        );
      }
      return new SyncError(
        "BULK_FAILED",
        `Shopify ran into an internal error while exporting your ${noun}.`,
        true,
        operation.errorCode ?? "FAILED",
      );
    case "EXPIRED":
      return new SyncError(
        "BULK_FAILED",
        `Shopify's export of your ${noun} expired before we read it.`,
        true,
        "EXPIRED",
      );
    default:
      return new SyncError(
        "BULK_FAILED",
        `The export of your ${noun} was cancelled at Shopify before it finished.`,
        true,
        operation.status,
      );
  }
}

export async function runFullSync(db: Db, shop: string, options: FullSyncOptions = {}): Promise<SyncRunSummary> {
  const {
    trigger = "manual",
    signal,
    onProgress,
    pollMs = 2_000,
    maxPollMs = 30_000,
    batchLines,
    leaseMs = 120_000,
    maxOperationRestarts = 2,
    maxDownloads = 3,
  } = options;
  const summary = (run: SyncRun | null, status: SyncRunSummary["status"], error?: SyncError | null) => ({
    runId: run?.id ?? null,
    shop,
    status,
    counts: countsOf(run),
    error: error?.message ?? run?.error ?? null,
    errorCode: error?.code ?? run?.errorCode ?? null,
    retryable: error?.retryable ?? false,
  });

  const installed = await db.shop.findFirst({ where: { domain: shop, uninstalledAt: null } });
  if (!installed) return summary(null, "skipped");
  const claimed = await claimRun(db, shop, trigger, leaseMs, installed.scopes);
  if (!claimed) return summary(null, "busy");
  let run: SyncRun = claimed;
  const keyRing = options.keyRing ?? (await import("../privacy/keys.server")).keyRing;
  const writer = options.writer ?? (await appBulkWriter());

  const update = async (data: Parameters<Db["syncRun"]["update"]>[0]["data"]) => {
    run = await db.syncRun.update({
      where: { id: run.id },
      data: { ...data, leaseExpiresAt: new Date(Date.now() + leaseMs) },
    });
    return run;
  };

  const progress = (phase: RunPhase, linesDone = run.linesDone, objectCount = run.bulkObjectCount) => {
    if (!onProgress) return;
    const step = Math.min(PHASES.indexOf(phase), 4);
    const within = objectCount ? Math.min(1, linesDone / objectCount) : 0;
    onProgress({
      runId: run.id,
      shop,
      phase,
      step,
      steps: 4,
      bulkStatus: run.bulkStatus,
      linesDone,
      objectCount,
      fraction: phase === "done" ? 1 : (step + within) / 4,
      counts: countsOf(run),
    });
  };

  // Between steps: stop for a shutdown, give up for an uninstall.
  const checkpoint = async () => {
    signal?.throwIfAborted();
    const still = await db.shop.findFirst({ where: { domain: shop, uninstalledAt: null }, select: { id: true } });
    const current = await db.syncRun.findUnique({ where: { id: run.id }, select: { status: true } });
    if (!still || current?.status !== "running") throw new SyncCancelled("The app was uninstalled from the shop.");
  };

  // One client for the whole run: it carries what Shopify said about the cost budget.
  let admin: SyncAdmin;
  try {
    admin = options.admin ?? (await adminForShop(db, shop, options.adminOptions));
    if (run.phase === "shop") {
      progress("shop");
      await refreshShopDetails(db, admin, shop, signal);
      await update({ phase: "products", error: null, errorCode: null });
    }
    while (run.phase !== "done") {
      await checkpoint();
      const phase = run.phase as Phase;
      await runPhase(phase);
    }
    // After the exports, since Shopify runs one bulk operation at a time for the app. A run
    // resumed here reads them all again: the writes are upserts and the sweep is by time.
    await checkpoint();
    const translations = await syncAllTranslations(db, admin, shop, { signal, pollMs, maxPollMs, maxDownloads });
    if (translations.rows || translations.removed) {
      log.info(
        `translations of ${shop}: ${translations.rows} stored, ${translations.removed} removed (${translations.locales.join(", ")})`,
      );
    }
    const finished = await db.syncRun.updateMany({
      where: { id: run.id, status: "running" },
      data: {
        status: "completed",
        finishedAt: new Date(),
        activeShop: null,
        leaseExpiresAt: null,
        error: null,
        errorCode: null,
      },
    });
    run = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    if (finished.count === 0) return summary(run, run.status === "cancelled" ? "cancelled" : "failed");
    progress("done");
    return summary(run, "completed");
  } catch (error) {
    if (error instanceof SyncCancelled) {
      await db.syncRun.updateMany({
        where: { id: run.id },
        data: {
          status: "cancelled",
          error: error.message,
          errorCode: "CANCELLED",
          finishedAt: new Date(),
          activeShop: null,
          leaseExpiresAt: null,
        },
      });
      run = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
      return summary(run, "cancelled");
    }
    if (signal?.aborted || isAbort(error)) {
      // Shutting down: the run stays as it is, for the next start to resume at once.
      await db.syncRun.updateMany({ where: { id: run.id, status: "running" }, data: { leaseExpiresAt: null } });
      throw error;
    }
    const failure =
      error instanceof SyncError
        ? error
        : new SyncError(
            "INTERNAL",
            "The sync stopped on an unexpected error; it has been logged.",
            true,
            String(error),
          );
    if (!(error instanceof SyncError)) log.error(`sync of ${shop} failed`, error);
    await db.syncRun.updateMany({
      where: { id: run.id, status: "running" },
      data: {
        status: "failed",
        error: failure.message,
        errorCode: failure.code,
        finishedAt: new Date(),
        activeShop: null,
        leaseExpiresAt: null,
      },
    });
    run = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    return summary(run, "failed", failure);
  }

  async function runPhase(phase: Phase) {
    const query =
      phase === "products"
        ? PRODUCTS_BULK_QUERY
        : phase === "customers"
          ? CUSTOMERS_BULK_QUERY
          : ordersBulkQuery(run.ordersSince);
    let operation: BulkOperation | null = null;
    while (!operation) {
      if (!run.bulkOperationId) {
        const requestedAt = new Date();
        const started = await startBulkQuery(admin, query, signal);
        await update({
          bulkOperationId: started.id,
          bulkStatus: started.status,
          bulkObjectCount: null,
          linesDone: 0,
          // An adopted operation was requested by an earlier runner: its own start time.
          phaseSnapshotAt: started.adopted ? new Date(started.createdAt) : requestedAt,
        });
      }
      progress(phase);
      const ended = await waitForBulkOperation(admin, run.bulkOperationId!, {
        signal,
        pollMs,
        maxPollMs,
        onStatus: async (seen) => {
          await checkpoint();
          await update({ bulkStatus: seen.status, bulkObjectCount: seen.objectCount });
          progress(phase, 0, null);
        },
        // The bulk_operations/finish webhook writes the status on the run.
        finishedElsewhere: async () => {
          const row = await db.syncRun.findUnique({ where: { id: run.id }, select: { bulkStatus: true } });
          return row?.bulkStatus != null && TERMINAL.has(row.bulkStatus as BulkStatus);
        },
      });
      if (ended.status === "COMPLETED") {
        operation = ended;
        break;
      }
      const failure = bulkFailure(phase, ended);
      if (!failure.retryable || run.restarts >= maxOperationRestarts) throw failure;
      // Keep the reason on the run while the next operation runs, so the card can say it.
      await update({
        bulkOperationId: null,
        restarts: { increment: 1 },
        error: failure.message,
        errorCode: failure.code,
      });
    }

    for (let download = 1; ; download++) {
      await checkpoint();
      const skip = run.linesDone;
      const lines = operation.url ? readExport(admin, operation.url, { skip, signal }) : emptyLines();
      const last = await ingestLines({
        writer,
        shop,
        runId: run.id,
        keyRing,
        lines,
        batchLines,
        checkpoint: (lastLine, added) =>
          runCheckpoint(writer.dialect, run.id, lastLine, added, new Date(Date.now() + leaseMs)),
        afterBatch: async (lastLine) => {
          run = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
          progress(phase, lastLine, operation!.objectCount);
          await checkpoint();
        },
      });
      const stored = last ?? skip;
      if (stored >= operation.objectCount) break;
      const cut = new SyncError(
        "TRUNCATED_EXPORT",
        `Shopify's export of your ${PHASE_NOUN[phase]} was cut short: we received ${stored} of ${operation.objectCount} records ${download} times.`,
        true,
      );
      if (download >= maxDownloads) throw cut;
      await admin.backoff(download, cut.code, signal);
    }

    const removed = await sweepPhase(db, phase, {
      shop,
      runId: run.id,
      snapshotAt: run.phaseSnapshotAt ?? new Date(operation.createdAt),
      ordersSince: run.ordersSince,
    });
    const next = PHASES[PHASES.indexOf(phase) + 1];
    await update({
      phase: next,
      bulkOperationId: null,
      bulkStatus: null,
      bulkObjectCount: null,
      linesDone: 0,
      restarts: 0,
      phaseSnapshotAt: null,
      removed: { increment: removed },
      error: null,
      errorCode: null,
    });
    progress(next);
  }
}

async function* emptyLines(): AsyncGenerator<never> {}
