import type { Db } from "../db.server";
import type { Statement } from "./bulk-writer.server";

/**
 * Multi-row `INSERT … ON CONFLICT … DO UPDATE` for the synced tables, the same SQL on
 * SQLite and PostgreSQL apart from placeholders and casts. Prisma's `upsert` writes one
 * row per statement (two queries each); a bulk export of 100,000 products has half a
 * million rows, so the sync writes them a few hundred per statement instead
 * (docs/decisions/0041-sync-resume-and-writes.md).
 */

export type Dialect = "sqlite" | "postgresql";
export type ColumnType = "text" | "int" | "decimal" | "bool" | "datetime";

export interface TableSpec {
  table: string;
  key: readonly string[];
  columns: Readonly<Record<string, ColumnType>>;
  /**
   * An SQL condition on the stored row (`"T"`) and the incoming one (`excluded`) that
   * must hold for the update to happen: how an older export loses to a newer webhook.
   */
  updateWhen?: string;
  /** Columns kept as stored on conflict. */
  keep?: readonly string[];
}

export type Row = Record<string, unknown>;

/** The client, or the client of an interactive transaction. */
export type Executor = Pick<Db, "$executeRawUnsafe">;

/** Which SQL the client speaks. Prisma names its provider on the client it built. */
export function dialectOf(db: Db): Dialect {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === "sqlite") return "sqlite";
  if (provider === "postgresql" || provider === "postgres") return "postgresql";
  throw new Error(`unsupported database provider: ${String(provider)}`);
}

const PG_CASTS: Record<ColumnType, string> = {
  text: "",
  int: "::integer",
  decimal: "::decimal",
  bool: "::boolean",
  datetime: "::timestamp(3)",
};

// SQLite allows 32,766 bound values per statement, PostgreSQL 65,535. Statements hold
// 256 rows; a remainder is split into powers of two, so a table has at most nine
// statement shapes, which the writer prepares once and reuses (a prepared statement for
// every odd remainder would be prepared anew each batch and pile up in memory).
const MAX_ROWS = 256;
const MAX_PARAMS = { sqlite: 30_000, postgresql: 60_000 } as const;

/** 256-row chunks, then the remainder as 128, 64, …, 1 where they fit. */
function chunkSizes(total: number, largest: number): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left >= largest) {
    sizes.push(largest);
    left -= largest;
  }
  for (let size = largest >> 1; size >= 1; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

const quote = (name: string) => `"${name}"`;

// The SQL of each (table, dialect, row count) is built once: at 256 rows it is tens of
// kilobytes, and a large export would otherwise rebuild it for every statement.
const sqlCache = new WeakMap<TableSpec, Map<string, string>>();

function statementFor(dialect: Dialect, spec: TableSpec, rowCount: number) {
  let cached = sqlCache.get(spec);
  if (!cached) sqlCache.set(spec, (cached = new Map()));
  const key = `${dialect}|${rowCount}`;
  let text = cached.get(key);
  if (!text) cached.set(key, (text = buildStatement(dialect, spec, rowCount)));
  return text;
}

function buildStatement(dialect: Dialect, spec: TableSpec, rowCount: number) {
  const names = Object.keys(spec.columns);
  let n = 0;
  const placeholder = (column: string) => (dialect === "sqlite" ? "?" : `$${++n}${PG_CASTS[spec.columns[column]]}`);
  const values = Array.from({ length: rowCount }, () => `(${names.map(placeholder).join(", ")})`).join(", ");
  const updatable = names.filter((name) => !spec.key.includes(name) && !spec.keep?.includes(name));
  const target = `${quote(spec.table)}`;
  const conflict = `ON CONFLICT (${spec.key.map(quote).join(", ")})`;
  const action = updatable.length
    ? `DO UPDATE SET ${updatable.map((name) => `${quote(name)} = excluded.${quote(name)}`).join(", ")}` +
      (spec.updateWhen ? ` WHERE ${spec.updateWhen.replaceAll('"T"', target)}` : "")
    : "DO NOTHING";
  return `INSERT INTO ${target} (${names.map(quote).join(", ")}) VALUES ${values} ${conflict} ${action}`;
}

/**
 * The SQL statements that upsert `rows`. Rows with the same key in one batch: the last
 * one wins (a statement may not touch a row twice on PostgreSQL).
 */
export function upsertSql(dialect: Dialect, spec: TableSpec, rows: Row[]): Statement[] {
  if (rows.length === 0) return [];
  const names = Object.keys(spec.columns);
  const unique = new Map<string, Row>();
  for (const row of rows) unique.set(spec.key.map((k) => String(row[k])).join("\u0000"), row);
  const distinct = unique.size === rows.length ? rows : [...unique.values()];
  // A power of two no larger than the parameter limit allows.
  let largest = MAX_ROWS;
  while (largest > 1 && largest * names.length > MAX_PARAMS[dialect]) largest >>= 1;
  const statements: Statement[] = [];
  let start = 0;
  for (const size of chunkSizes(distinct.length, largest)) {
    const chunk = distinct.slice(start, start + size);
    start += size;
    const params: unknown[] = [];
    for (const row of chunk) for (const name of names) params.push(row[name] ?? null);
    statements.push({ sql: statementFor(dialect, spec, chunk.length), params });
  }
  return statements;
}

/** The same upserts as Prisma promises, for a few rows (webhooks) inside Prisma transactions. */
export function upsertStatements(db: Executor, dialect: Dialect, spec: TableSpec, rows: Row[]) {
  return upsertSql(dialect, spec, rows).map(({ sql: text, params }) => db.$executeRawUnsafe(text, ...params));
}

/** `$n` or `?` placeholders for hand-written statements, with PostgreSQL casts. */
export function sql(dialect: Dialect) {
  let n = 0;
  return (type: ColumnType = "text") => (dialect === "sqlite" ? "?" : `$${++n}${PG_CASTS[type]}`);
}

const SYNCED = { syncedAt: "datetime", seenRunId: "text" } as const;

export const TABLES = {
  product: {
    table: "Product",
    key: ["shop", "id"],
    columns: {
      shop: "text",
      id: "text",
      title: "text",
      handle: "text",
      description: "text",
      vendor: "text",
      productType: "text",
      tags: "text",
      status: "text",
      options: "text",
      onlineStoreUrl: "text",
      totalInventory: "int",
      createdAt: "datetime",
      updatedAt: "datetime",
      deletedAt: "datetime",
      ...SYNCED,
    },
    // An export is a snapshot: it must not undo a newer change a webhook brought in,
    // nor bring back a deleted product (Shopify never reuses an id, so a deletion is final).
    updateWhen: `excluded."updatedAt" >= "T"."updatedAt" AND "T"."deletedAt" IS NULL`,
  },
  variant: {
    table: "ProductVariant",
    key: ["shop", "id"],
    columns: {
      shop: "text",
      id: "text",
      productId: "text",
      title: "text",
      sku: "text",
      options: "text",
      price: "decimal",
      compareAtPrice: "decimal",
      availableForSale: "bool",
      inventoryQuantity: "int",
      position: "int",
      updatedAt: "datetime",
      ...SYNCED,
    },
    updateWhen: `excluded."updatedAt" >= "T"."updatedAt"`,
  },
  image: {
    table: "ProductImage",
    key: ["shop", "id"],
    columns: {
      shop: "text",
      id: "text",
      productId: "text",
      url: "text",
      altText: "text",
      position: "int",
      ...SYNCED,
    },
  },
  collection: {
    table: "Collection",
    key: ["shop", "id"],
    columns: { shop: "text", id: "text", title: "text", handle: "text", updatedAt: "datetime", ...SYNCED },
    updateWhen: `excluded."updatedAt" IS NULL OR "T"."updatedAt" IS NULL OR excluded."updatedAt" >= "T"."updatedAt"`,
  },
  membership: {
    table: "ProductCollection",
    key: ["shop", "productId", "collectionId"],
    columns: { shop: "text", productId: "text", collectionId: "text", ...SYNCED },
  },
  customer: {
    table: "Customer",
    key: ["shop", "id"],
    columns: {
      shop: "text",
      id: "text",
      firstName: "text",
      lastName: "text",
      email: "text",
      emailHash: "text",
      phone: "text",
      tags: "text",
      numberOfOrders: "int",
      amountSpent: "decimal",
      currency: "text",
      emailMarketingState: "text",
      country: "text",
      createdAt: "datetime",
      updatedAt: "datetime",
      deletedAt: "datetime",
      ...SYNCED,
    },
    updateWhen: `excluded."updatedAt" >= "T"."updatedAt" AND "T"."deletedAt" IS NULL`,
  },
  order: {
    table: "Order",
    key: ["shop", "id"],
    columns: {
      shop: "text",
      id: "text",
      name: "text",
      customerId: "text",
      email: "text",
      emailHash: "text",
      currency: "text",
      totalPrice: "decimal",
      subtotalPrice: "decimal",
      financialStatus: "text",
      fulfillmentStatus: "text",
      fulfillments: "text",
      customAttributes: "text",
      assistantConversationId: "text",
      shippingCountry: "text",
      createdAt: "datetime",
      updatedAt: "datetime",
      processedAt: "datetime",
      cancelledAt: "datetime",
      closedAt: "datetime",
      deletedAt: "datetime",
      ...SYNCED,
    },
    updateWhen: `excluded."updatedAt" >= "T"."updatedAt" AND "T"."deletedAt" IS NULL`,
  },
  lineItem: {
    table: "OrderLineItem",
    key: ["shop", "id"],
    columns: {
      shop: "text",
      id: "text",
      orderId: "text",
      productId: "text",
      variantId: "text",
      title: "text",
      sku: "text",
      quantity: "int",
      price: "decimal",
      position: "int",
      ...SYNCED,
    },
  },
} as const satisfies Record<string, TableSpec>;
