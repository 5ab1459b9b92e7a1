import type { Db } from "../db.server";
import type { KeyRing } from "../privacy/crypto.server";
import type { ExportLine } from "./bulk.server";
import type { BulkWriter, Statement } from "./bulk-writer.server";
import { addExportLine, emptyRows, type CountKey, type PendingRows } from "./export-rows.server";
import { dialectOf, sql, TABLES, upsertSql, type Dialect } from "./upsert.server";

/**
 * Stores an export's lines a batch at a time. Each batch is one transaction that also
 * moves the run's checkpoint (lines done, counts), so after a crash the stored rows
 * and the checkpoint agree, and a restart reads on from the checkpoint. Rows are
 * upserts keyed by (shop, Shopify id): reading a line twice cannot duplicate it.
 */

export type Counts = Partial<Record<CountKey, number>>;

export interface IngestOptions {
  writer: BulkWriter;
  shop: string;
  runId: string;
  keyRing: KeyRing;
  lines: AsyncIterable<ExportLine>;
  /** Lines per transaction. */
  batchLines?: number;
  /** The statement that records the checkpoint, run in each batch's transaction. */
  checkpoint: (lastLine: number, added: Counts) => Statement;
  /** After each committed batch: progress, lease renewal, cancellation checks. */
  afterBatch?: (lastLine: number, added: Counts) => Promise<void> | void;
  now?: () => Date;
}

export const DEFAULT_BATCH_LINES = 2_000;

// Parents before children within a batch, so a reader never sees a variant whose
// product is missing once a batch is committed (unless the export put it later).
const ORDER: (keyof PendingRows)[] = [
  "product",
  "collection",
  "variant",
  "image",
  "membership",
  "customer",
  "order",
  "lineItem",
];

/** Returns the number of the last line stored, or null when there were none. */
export async function ingestLines(options: IngestOptions): Promise<number | null> {
  const { writer, shop, runId, keyRing, lines, batchLines = DEFAULT_BATCH_LINES, checkpoint, afterBatch } = options;
  const now = options.now ?? (() => new Date());
  const dialect = writer.dialect;
  let rows = emptyRows();
  let counts: Counts = {};
  let pending = 0;
  let lastLine: number | null = null;
  let stamp = now();

  const flush = async () => {
    if (pending === 0 || lastLine === null) return;
    const statements = ORDER.flatMap((table) => upsertSql(dialect, TABLES[table], rows[table]));
    await writer.transaction([...statements, checkpoint(lastLine, counts)]);
    const added = counts;
    rows = emptyRows();
    counts = {};
    pending = 0;
    stamp = now();
    await afterBatch?.(lastLine, added);
  };

  for await (const line of lines) {
    const counted = addExportLine({ shop, runId, keyRing, now: stamp }, rows, line.value, line.number);
    if (counted) counts[counted] = (counts[counted] ?? 0) + 1;
    lastLine = line.number;
    pending += 1;
    if (pending >= batchLines) await flush();
  }
  await flush();
  return lastLine;
}

const COUNT_COLUMNS: CountKey[] = ["products", "variants", "collections", "customers", "orders", "lineItems"];

/**
 * The checkpoint of a sync run as one SQL statement, for the batch's transaction: the
 * last line stored, the counts added, and a renewed lease.
 */
export function runCheckpoint(
  dialect: Dialect,
  runId: string,
  lastLine: number,
  added: Counts,
  leaseUntil: Date,
): Statement {
  const p = sql(dialect);
  const sets = [`"linesDone" = ${p("int")}`];
  const params: unknown[] = [lastLine];
  for (const column of COUNT_COLUMNS) {
    sets.push(`"${column}" = "${column}" + ${p("int")}`);
    params.push(added[column] ?? 0);
  }
  sets.push(`"leaseExpiresAt" = ${p("datetime")}`, `"updatedAt" = ${p("datetime")}`);
  params.push(leaseUntil, new Date());
  return { sql: `UPDATE "SyncRun" SET ${sets.join(", ")} WHERE "id" = ${p()}`, params: [...params, runId] };
}

export type Phase = "products" | "customers" | "orders";

export interface SweepOptions {
  shop: string;
  runId: string;
  /** Our clock when the export was requested: rows we wrote later are newer than it. */
  snapshotAt: Date;
  /** Orders only: the window the export covered (null: every order). */
  ordersSince?: Date | null;
  now?: Date;
}

/**
 * After a phase's export was stored completely: what the export no longer contains was
 * deleted at Shopify. Products and customers and orders are marked deleted (personal
 * fields emptied); variants, images, memberships and line items are removed. Rows
 * written after the export was requested (by webhooks) are left alone.
 */
export async function sweepPhase(db: Db, phase: Phase, options: SweepOptions): Promise<number> {
  const dialect = dialectOf(db);
  const now = options.now ?? new Date();
  const statements = sweepStatements(dialect, phase, options, now);
  const results = await db.$transaction(statements.map(([text, params]) => db.$executeRawUnsafe(text, ...params)));
  // The first statement of each phase marks the phase's main records.
  return results[0] ?? 0;
}

type SweepStatement = [string, unknown[]];

function sweepStatements(dialect: Dialect, phase: Phase, options: SweepOptions, now: Date): SweepStatement[] {
  const { shop, runId, snapshotAt } = options;
  const unseen = (table: string, p: ReturnType<typeof sql>) =>
    `"${table}"."shop" = ${p()} AND ("${table}"."seenRunId" IS NULL OR "${table}"."seenRunId" <> ${p()}) AND "${table}"."syncedAt" < ${p("datetime")}`;
  const scope = [shop, runId, snapshotAt];

  if (phase === "products") {
    const mark = sql(dialect);
    const statements: SweepStatement[] = [
      [
        `UPDATE "Product" SET "deletedAt" = ${mark("datetime")}, "syncedAt" = ${mark("datetime")} WHERE ${unseen("Product", mark)} AND "deletedAt" IS NULL`,
        [now, now, ...scope],
      ],
    ];
    for (const table of ["ProductVariant", "ProductImage", "ProductCollection", "Collection"]) {
      const p = sql(dialect);
      statements.push([`DELETE FROM "${table}" WHERE ${unseen(table, p)}`, scope]);
    }
    return statements;
  }

  if (phase === "customers") {
    const p = sql(dialect);
    return [
      [
        `UPDATE "Customer" SET "deletedAt" = ${p("datetime")}, "syncedAt" = ${p("datetime")}, "firstName" = NULL, "lastName" = NULL, "email" = NULL, "emailHash" = NULL, "phone" = NULL WHERE ${unseen("Customer", p)} AND "deletedAt" IS NULL`,
        [now, now, ...scope],
      ],
    ];
  }

  const since = options.ordersSince ?? new Date(0);
  const orders = sql(dialect);
  const items = sql(dialect);
  return [
    [
      `UPDATE "Order" SET "deletedAt" = ${orders("datetime")}, "syncedAt" = ${orders("datetime")}, "email" = NULL, "emailHash" = NULL, "customAttributes" = NULL WHERE ${unseen("Order", orders)} AND "deletedAt" IS NULL AND "createdAt" >= ${orders("datetime")}`,
      [now, now, ...scope, since],
    ],
    [
      `DELETE FROM "OrderLineItem" WHERE ${unseen("OrderLineItem", items)} AND "orderId" IN (SELECT "id" FROM "Order" WHERE "Order"."shop" = ${items()} AND ("Order"."createdAt" >= ${items("datetime")} OR "Order"."deletedAt" IS NOT NULL))`,
      [...scope, shop, since],
    ],
  ];
}
