import type { Db } from "../db.server";
import { htmlToText } from "../sync/text";
import { buildCatalogIndex, type CatalogIndex } from "./search";
import { loadTranslations, shopLocales, translationLocaleFor, translationsVersion } from "./translations.server";
import type { CatalogProduct, CatalogVariant, TranslatableField } from "./types";

/**
 * A shop's published catalog in memory, with its search index, rebuilt when the synced
 * tables change. A chat turn must not query every product, so turns read this snapshot;
 * whether it is stale is checked at most every `CHECK_EVERY_MS` with one cheap query
 * (newest write and row count), so a sync or a webhook shows within seconds on every
 * app instance without any cross-instance messaging.
 */

export interface CatalogSnapshot {
  shop: string;
  products: CatalogProduct[];
  byId: Map<string, CatalogProduct>;
  index: CatalogIndex;
  /** Distinct product types, vendors and tags, for entity recognition. */
  productTypes: string[];
  vendors: string[];
  tags: string[];
  version: string;
  loadedAt: number;
  /**
   * The shop locale whose translations this snapshot shows ("fr"), or absent for the shop's
   * own text (its primary language).
   */
  locale?: string;
}

const CHECK_EVERY_MS = 5_000;
/** Shops kept in memory at once; the least recently used is dropped beyond this. */
const MAX_SHOPS = 50;

interface Entry {
  snapshot: CatalogSnapshot;
  checkedAt: number;
  loading?: Promise<CatalogSnapshot>;
}

const cache = new Map<string, Entry>();

async function versionOf(db: Db, shop: string): Promise<string> {
  const [products, variants] = await Promise.all([
    db.product.aggregate({ where: { shop }, _max: { syncedAt: true }, _count: { _all: true } }),
    db.productVariant.aggregate({ where: { shop }, _max: { syncedAt: true }, _count: { _all: true } }),
  ]);
  return [
    products._max.syncedAt?.getTime() ?? 0,
    products._count._all,
    variants._max.syncedAt?.getTime() ?? 0,
    variants._count._all,
  ].join(":");
}

const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

const legacyId = (gid: string) => gid.slice(gid.lastIndexOf("/") + 1);

/** Reads the published, active, not deleted products of a shop with their variants. */
export async function loadCatalog(db: Db, shop: string): Promise<CatalogProduct[]> {
  const [products, variants, images, memberships, collections] = await Promise.all([
    db.product.findMany({
      where: { shop, deletedAt: null, status: "ACTIVE", onlineStoreUrl: { not: null } },
      select: {
        id: true,
        title: true,
        handle: true,
        description: true,
        vendor: true,
        productType: true,
        tags: true,
        createdAt: true,
      },
    }),
    db.productVariant.findMany({
      where: { shop },
      select: {
        id: true,
        productId: true,
        title: true,
        sku: true,
        options: true,
        price: true,
        compareAtPrice: true,
        availableForSale: true,
        inventoryQuantity: true,
        position: true,
      },
      orderBy: [{ productId: "asc" }, { position: "asc" }],
    }),
    db.productImage.findMany({
      where: { shop },
      select: { productId: true, url: true, altText: true, position: true },
    }),
    db.productCollection.findMany({ where: { shop }, select: { productId: true, collectionId: true } }),
    db.collection.findMany({ where: { shop }, select: { id: true, title: true } }),
  ]);
  const variantsOf = new Map<string, CatalogVariant[]>();
  for (const v of variants) {
    const list = variantsOf.get(v.productId) ?? [];
    list.push({
      id: v.id,
      legacyId: legacyId(v.id),
      title: v.title,
      sku: v.sku,
      options: parseJson(v.options, []),
      price: Number(v.price),
      compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice),
      available: v.availableForSale,
      inventoryQuantity: v.inventoryQuantity,
    });
    variantsOf.set(v.productId, list);
  }
  const firstImage = new Map<string, { url: string; altText: string | null; position: number }>();
  for (const image of images) {
    const current = firstImage.get(image.productId);
    if (!current || image.position < current.position) firstImage.set(image.productId, image);
  }
  const collectionTitle = new Map(collections.map((c) => [c.id, c.title]));
  const collectionsOf = new Map<string, string[]>();
  for (const m of memberships) {
    const title = collectionTitle.get(m.collectionId);
    if (title) collectionsOf.set(m.productId, [...(collectionsOf.get(m.productId) ?? []), title]);
  }
  const catalog: CatalogProduct[] = [];
  for (const p of products) {
    const productVariants = variantsOf.get(p.id);
    if (!productVariants?.length) continue;
    const image = firstImage.get(p.id);
    catalog.push({
      id: p.id,
      title: p.title,
      handle: p.handle,
      description: p.description,
      vendor: p.vendor,
      productType: p.productType,
      tags: parseJson(p.tags, []),
      collections: collectionsOf.get(p.id) ?? [],
      url: `/products/${encodeURIComponent(p.handle)}`,
      imageUrl: image?.url ?? null,
      imageAlt: image?.altText ?? null,
      variants: productVariants,
      createdAt: p.createdAt.getTime(),
    });
  }
  return catalog;
}

function snapshotOf(shop: string, products: CatalogProduct[], version: string): CatalogSnapshot {
  const distinct = (values: string[]) => [...new Set(values.filter((v) => v && v.trim()))].sort();
  return {
    shop,
    products,
    byId: new Map(products.map((p) => [p.id, p])),
    index: buildCatalogIndex(products),
    productTypes: distinct(products.map((p) => p.productType)),
    vendors: distinct(products.map((p) => p.vendor)),
    tags: distinct(products.flatMap((p) => p.tags)),
    version,
    loadedAt: Date.now(),
  };
}

export interface CatalogOptions {
  /**
   * The shopper's locale (the storefront's, or the conversation's language): titles,
   * descriptions, types and collection titles come in that language where the merchant
   * translated them, in the primary language otherwise (each product lists its
   * `untranslated` fields). Absent, or the primary language: the shop's own text.
   */
  locale?: string | null;
}

/**
 * The shop's catalog snapshot, loading or refreshing it when the synced data changed;
 * with `locale`, the same catalog in that language (see CatalogOptions).
 */
export async function catalogFor(
  db: Db,
  shop: string,
  now = Date.now(),
  options: CatalogOptions = {},
): Promise<CatalogSnapshot> {
  const primary = await primaryCatalogFor(db, shop, now);
  return options.locale ? localizedCatalogFor(db, primary, options.locale, now) : primary;
}

async function primaryCatalogFor(db: Db, shop: string, now: number): Promise<CatalogSnapshot> {
  const entry = cache.get(shop);
  if (entry) {
    cache.delete(shop);
    cache.set(shop, entry);
    if (entry.loading) return entry.loading;
    if (now - entry.checkedAt < CHECK_EVERY_MS) return entry.snapshot;
  }
  const loading = (async () => {
    const version = await versionOf(db, shop);
    if (entry && entry.snapshot.version === version) return entry.snapshot;
    return snapshotOf(shop, await loadCatalog(db, shop), version);
  })();
  if (entry) entry.loading = loading;
  try {
    const snapshot = await loading;
    cache.set(shop, { snapshot, checkedAt: now });
    while (cache.size > MAX_SHOPS) cache.delete(cache.keys().next().value!);
    return snapshot;
  } catch (error) {
    if (entry) entry.loading = undefined;
    throw error;
  }
}

// ---- In the shopper's language -------------------------------------------------------

/**
 * Localized snapshots, by shop and requested locale, least recently used first. Each holds
 * its own copy of the products and index, so their number is bounded on its own.
 */
const MAX_LOCALIZED = 50;

interface LocalizedEntry {
  snapshot: CatalogSnapshot;
  /** The primary snapshot it was made from: a new one means the catalog changed. */
  from: CatalogSnapshot;
  checkedAt: number;
  loading?: Promise<CatalogSnapshot>;
}

const localized = new Map<string, LocalizedEntry>();

async function localizedCatalogFor(
  db: Db,
  primary: CatalogSnapshot,
  requested: string,
  now: number,
): Promise<CatalogSnapshot> {
  const key = `${primary.shop}|${requested.toLowerCase()}`;
  const entry = localized.get(key);
  if (entry) {
    localized.delete(key);
    localized.set(key, entry);
    if (entry.loading) return entry.loading;
    if (entry.from === primary && now - entry.checkedAt < CHECK_EVERY_MS) return entry.snapshot;
  }
  const loading = (async () => {
    const locale = translationLocaleFor(requested, await shopLocales(db, primary.shop));
    if (!locale) return primary;
    const version = `${primary.version}|${locale}:${await translationsVersion(db, primary.shop, locale)}`;
    if (entry && entry.snapshot.version === version) return entry.snapshot;
    return translateSnapshot(db, primary, locale, version);
  })();
  if (entry) entry.loading = loading;
  try {
    const snapshot = await loading;
    localized.set(key, { snapshot, from: primary, checkedAt: now });
    while (localized.size > MAX_LOCALIZED) localized.delete(localized.keys().next().value!);
    return snapshot;
  } catch (error) {
    if (entry) entry.loading = undefined;
    throw error;
  }
}

async function translateSnapshot(
  db: Db,
  primary: CatalogSnapshot,
  locale: string,
  version: string,
): Promise<CatalogSnapshot> {
  const [products, collections, collectionRows] = await Promise.all([
    loadTranslations(db, primary.shop, locale, "PRODUCT"),
    loadTranslations(db, primary.shop, locale, "COLLECTION"),
    db.collection.findMany({ where: { shop: primary.shop }, select: { id: true, title: true } }),
  ]);
  const collectionTitle = new Map<string, string>();
  for (const c of collectionRows) {
    const title = collections.get(c.id)?.get("title")?.value;
    if (title) collectionTitle.set(c.title, title);
  }
  const translated = primary.products.map((product): CatalogProduct => {
    const fields = products.get(product.id);
    const untranslated: TranslatableField[] = [];
    const pick = (field: TranslatableField, key: string, original: string, read = (v: string) => v) => {
      const value = fields?.get(key)?.value;
      const text = value ? read(value) : "";
      if (text) return text;
      if (original.trim()) untranslated.push(field);
      return original;
    };
    return {
      ...product,
      title: pick("title", "title", product.title),
      description: pick("description", "body_html", product.description, htmlToText),
      productType: pick("productType", "product_type", product.productType),
      collections: product.collections.map((title) => collectionTitle.get(title) ?? title),
      untranslated,
    };
  });
  return { ...snapshotOf(primary.shop, translated, version), locale };
}

/** Drops a shop's snapshots (uninstall, redact) so no data outlives its tables. */
export function forgetCatalog(shop: string) {
  cache.delete(shop);
  for (const key of [...localized.keys()]) if (key.startsWith(`${shop}|`)) localized.delete(key);
}
