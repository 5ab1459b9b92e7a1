import type { Db } from "../db.server";
import { log } from "../log.server";
import { SyncError, type SyncAdmin } from "./admin-client.server";
import { readExport, startBulkQuery, waitForBulkOperation } from "./bulk.server";
import { LOCALE_CODE, productTranslationsBulkQuery, TRANSLATIONS_BY_IDS_QUERY, TRANSLATIONS_QUERY } from "./queries";
import { toGid } from "./text";
import { dialectOf, upsertStatements, type Row, type TableSpec } from "./upsert.server";

/**
 * The merchant's translations of the shop's content into its published languages, from
 * the Admin API's translatable resources (scope `read_translations`). Shopify has no
 * webhook for a translation being added or changed, so:
 *
 * - every full sync reads all of them (the nightly reconciliation is a full sync), products
 *   by bulk operation, collections and policies by pages;
 * - a products/update or collections/update re-reads that resource's translations (a
 *   merchant who edits a product often edits its translations with it);
 * - the Knowledge page's "Sync again" re-reads the policies' with the policies.
 *
 * Only what the assistant uses is kept: product title, description and type, collection
 * title and description, policy body.
 */

export type TranslatedResourceType = "PRODUCT" | "COLLECTION" | "SHOP_POLICY";

export const TRANSLATED_KEYS: Record<TranslatedResourceType, readonly string[]> = {
  PRODUCT: ["title", "body_html", "product_type"],
  COLLECTION: ["title", "body_html"],
  SHOP_POLICY: ["body"],
};

export const TRANSLATIONS_SCOPE = "read_translations";

const TRANSLATION_TABLE: TableSpec = {
  table: "ShopTranslation",
  key: ["shop", "resourceId", "locale", "key"],
  columns: {
    shop: "text",
    resourceType: "text",
    resourceId: "text",
    locale: "text",
    key: "text",
    value: "text",
    outdated: "bool",
    updatedAt: "datetime",
    syncedAt: "datetime",
  },
};

interface TranslationNode {
  key: string;
  value: string | null;
  locale: string;
  outdated: boolean;
  updatedAt: string | null;
}

interface TranslationPage {
  nodes: { resourceId: string; translations: TranslationNode[] }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface TranslationSyncOptions {
  signal?: AbortSignal;
  pollMs?: number;
  maxPollMs?: number;
  /** Export lines written per statement batch. */
  batchLines?: number;
  /** Downloads of the products export before a cut-short file fails. */
  maxDownloads?: number;
}

export interface TranslationSyncResult {
  /** Why nothing was read: the scope is not granted, or the shop publishes one language. */
  skipped: "scope" | "single-language" | null;
  locales: string[];
  rows: number;
  removed: number;
}

/** The type a resource GID names, or null for one we do not keep translations of. */
export function resourceTypeOf(resourceId: string): TranslatedResourceType | null {
  const type = /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(resourceId)?.[1];
  return type === "Product"
    ? "PRODUCT"
    : type === "Collection"
      ? "COLLECTION"
      : type === "ShopPolicy"
        ? "SHOP_POLICY"
        : null;
}

/** The GID a REST-shaped webhook payload names ({ id, admin_graphql_api_id }), or null. */
export function webhookResourceId(type: "Product" | "Collection", payload: unknown): string | null {
  if (!payload || typeof payload !== "object") return null;
  const { id, admin_graphql_api_id: gid } = payload as { id?: unknown; admin_graphql_api_id?: unknown };
  if (typeof gid === "string" && gid.startsWith(`gid://shopify/${type}/`)) return gid;
  return typeof id === "number" || typeof id === "string" ? toGid(type, id) : null;
}

const parseLocales = (text: string) => {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === "string") : [];
  } catch {
    return [];
  }
};

/**
 * The shop's published languages other than its primary one (what translations are read
 * for), and whether the merchant granted the scope. Installs from before the scope was
 * asked for keep working in the primary language until the merchant accepts the update.
 */
export async function translationTargets(db: Db, shop: string) {
  const row = await db.shop.findUnique({
    where: { domain: shop },
    select: { locale: true, locales: true, scopes: true },
  });
  const granted = (row?.scopes ?? "")
    .split(",")
    .map((s) => s.trim())
    .some((scope) => scope === TRANSLATIONS_SCOPE || scope === "write_translations");
  const primary = row?.locale ?? "en";
  const locales = parseLocales(row?.locales ?? "[]").filter((l) => l !== primary && LOCALE_CODE.test(l));
  return { granted, primary, locales };
}

function rowsOf(
  shop: string,
  resourceId: string,
  translations: TranslationNode[] | undefined,
  syncedAt: Date,
  onlyLocale?: string,
): Row[] {
  const type = resourceTypeOf(resourceId);
  if (!type || !translations) return [];
  const keys = TRANSLATED_KEYS[type];
  return translations
    .filter((t) => keys.includes(t.key) && typeof t.value === "string" && t.value.trim() !== "")
    .filter((t) => !onlyLocale || t.locale === onlyLocale)
    .map((t) => ({
      shop,
      resourceType: type,
      resourceId,
      locale: t.locale,
      key: t.key,
      value: t.value,
      outdated: t.outdated === true,
      updatedAt: t.updatedAt ? new Date(t.updatedAt) : null,
      syncedAt,
    }));
}

async function writeRows(db: Db, rows: Row[]) {
  if (rows.length === 0) return;
  const dialect = dialectOf(db);
  await db.$transaction(async (tx) => {
    for (const statement of upsertStatements(tx, dialect, TRANSLATION_TABLE, rows)) await statement;
  });
}

async function* pages(
  admin: SyncAdmin,
  document: string,
  field: "translatableResources" | "translatableResourcesByIds",
  variables: Record<string, unknown>,
  signal?: AbortSignal,
): AsyncGenerator<TranslationPage["nodes"]> {
  let after: string | null = null;
  do {
    const data: Record<string, TranslationPage> = await admin.request<Record<string, TranslationPage>>(
      document,
      { ...variables, after },
      signal,
    );
    const page: TranslationPage = data[field];
    yield page.nodes;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
}

/** Reads one resource type's translations page by page, every locale; returns the rows written. */
async function pagedType(
  db: Db,
  admin: SyncAdmin,
  shop: string,
  type: TranslatedResourceType,
  locales: readonly string[],
  syncedAt: Date,
  signal?: AbortSignal,
) {
  let written = 0;
  // Shopify charges a page by the size asked for (a page of 250 costs about 750 points of
  // a 2,000 bucket): a shop has a handful of policies and rarely more than 100 collections.
  const first = type === "SHOP_POLICY" ? 10 : 100;
  for (const locale of locales) {
    for await (const nodes of pages(
      admin,
      TRANSLATIONS_QUERY,
      "translatableResources",
      { resourceType: type, locale, first },
      signal,
    )) {
      const rows = nodes.flatMap((n) => rowsOf(shop, n.resourceId, n.translations, syncedAt, locale));
      await writeRows(db, rows);
      written += rows.length;
    }
  }
  return written;
}

/** Every product's translations by one bulk operation with a `translations` field per locale. */
async function bulkProducts(
  db: Db,
  admin: SyncAdmin,
  shop: string,
  locales: readonly string[],
  syncedAt: Date,
  options: TranslationSyncOptions,
) {
  const { signal, pollMs = 2_000, maxPollMs = 30_000, batchLines = 500, maxDownloads = 3 } = options;
  const started = await startBulkQuery(admin, productTranslationsBulkQuery(locales), signal);
  const ended = await waitForBulkOperation(admin, started.id, { signal, pollMs, maxPollMs });
  if (ended.status !== "COMPLETED") {
    throw new SyncError(
      "BULK_FAILED",
      "Shopify could not export your product translations.",
      ended.status !== "FAILED" || ended.errorCode !== "ACCESS_DENIED",
      ended.errorCode ?? ended.status,
    );
  }
  let read = 0;
  let written = 0;
  for (let download = 1; ended.url && read < ended.objectCount; download++) {
    let batch: Row[] = [];
    for await (const line of readExport(admin, ended.url, { skip: read, signal })) {
      read = line.number;
      const resourceId = String(line.value.resourceId ?? "");
      locales.forEach((_locale, index) => {
        batch.push(...rowsOf(shop, resourceId, line.value[`t${index}`] as TranslationNode[] | undefined, syncedAt));
      });
      if (batch.length >= batchLines) {
        await writeRows(db, batch);
        written += batch.length;
        batch = [];
      }
    }
    await writeRows(db, batch);
    written += batch.length;
    if (read >= ended.objectCount) break;
    if (download >= maxDownloads) {
      throw new SyncError(
        "TRUNCATED_EXPORT",
        `Shopify's export of your product translations was cut short: we received ${read} of ${ended.objectCount} records ${download} times.`,
        true,
      );
    }
    await admin.backoff(download, "TRUNCATED_EXPORT", signal);
  }
  return written;
}

/**
 * All of the shop's translations, as part of a full sync. Rows not seen again (a
 * translation removed, a language unpublished, a product deleted) are removed.
 */
export async function syncAllTranslations(
  db: Db,
  admin: SyncAdmin,
  shop: string,
  options: TranslationSyncOptions = {},
): Promise<TranslationSyncResult> {
  const { granted, locales } = await translationTargets(db, shop);
  if (!granted) return { skipped: "scope", locales, rows: 0, removed: 0 };
  const syncedAt = new Date();
  if (locales.length === 0) {
    const { count } = await db.shopTranslation.deleteMany({ where: { shop } });
    return { skipped: "single-language", locales, rows: 0, removed: count };
  }
  let rows = 0;
  try {
    rows += await bulkProducts(db, admin, shop, locales, syncedAt, options);
    rows += await pagedType(db, admin, shop, "COLLECTION", locales, syncedAt, options.signal);
    rows += await pagedType(db, admin, shop, "SHOP_POLICY", locales, syncedAt, options.signal);
  } catch (error) {
    // The scope was revoked since the shop row last said: the catalog sync stands.
    if (error instanceof SyncError && error.code === "ACCESS_DENIED") {
      log.warn(`translations of ${shop} not read: ${error.detail ?? error.message}`);
      return { skipped: "scope", locales, rows, removed: 0 };
    }
    throw error;
  }
  const { count } = await db.shopTranslation.deleteMany({
    where: { shop, OR: [{ syncedAt: { lt: syncedAt } }, { locale: { notIn: locales } }] },
  });
  return { skipped: null, locales, rows, removed: count };
}

/** One resource type's translations (the policies, with "Sync again" on the Knowledge page). */
export async function syncTypeTranslations(
  db: Db,
  admin: SyncAdmin,
  shop: string,
  type: Exclude<TranslatedResourceType, "PRODUCT">,
  signal?: AbortSignal,
): Promise<TranslationSyncResult> {
  const { granted, locales } = await translationTargets(db, shop);
  if (!granted) return { skipped: "scope", locales, rows: 0, removed: 0 };
  const syncedAt = new Date();
  const rows = locales.length ? await pagedType(db, admin, shop, type, locales, syncedAt, signal) : 0;
  const { count } = await db.shopTranslation.deleteMany({
    where: { shop, resourceType: type, OR: [{ syncedAt: { lt: syncedAt } }, { locale: { notIn: locales } }] },
  });
  return { skipped: locales.length ? null : "single-language", locales, rows, removed: count };
}

/**
 * The translations of a few named resources (a product after products/update), replacing
 * what we held for them.
 */
export async function syncResourceTranslations(
  db: Db,
  admin: SyncAdmin,
  shop: string,
  resourceIds: readonly string[],
  signal?: AbortSignal,
): Promise<TranslationSyncResult> {
  const ids = [...new Set(resourceIds.filter((id) => resourceTypeOf(id) !== null))];
  const { granted, locales } = await translationTargets(db, shop);
  if (!granted) return { skipped: "scope", locales, rows: 0, removed: 0 };
  if (ids.length === 0) return { skipped: null, locales, rows: 0, removed: 0 };
  const syncedAt = new Date();
  const rows: Row[] = [];
  for (const locale of locales) {
    for await (const nodes of pages(
      admin,
      TRANSLATIONS_BY_IDS_QUERY,
      "translatableResourcesByIds",
      { resourceIds: ids, locale, first: Math.min(ids.length, 250) },
      signal,
    )) {
      rows.push(...nodes.flatMap((n) => rowsOf(shop, n.resourceId, n.translations, syncedAt, locale)));
    }
  }
  await writeRows(db, rows);
  const { count } = await db.shopTranslation.deleteMany({
    where: { shop, resourceId: { in: ids }, syncedAt: { lt: syncedAt } },
  });
  return { skipped: locales.length ? null : "single-language", locales, rows: rows.length, removed: count };
}
