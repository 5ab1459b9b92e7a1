import type { Db } from "../db.server";

/**
 * The merchant's translations as the catalog and knowledge snapshots read them
 * (synced by app/sync/translations.server.ts into ShopTranslation). A shopper's locale is
 * matched to one the shop publishes: exactly ("pt-BR"), else by language ("fr-CA" → "fr",
 * "fr" → "fr-FR"). The primary locale, or one the shop does not publish, means no
 * translation: the shop's own text is used as it is.
 */

export interface ShopLocales {
  primary: string;
  /** Published locales, primary included. */
  published: string[];
}

const base = (locale: string) => locale.toLowerCase().split(/[-_]/)[0];

export async function shopLocales(db: Db, shop: string): Promise<ShopLocales> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { locale: true, locales: true } });
  let published: string[] = [];
  try {
    const parsed = JSON.parse(row?.locales ?? "[]") as unknown;
    if (Array.isArray(parsed)) published = parsed.filter((l): l is string => typeof l === "string");
  } catch {
    published = [];
  }
  const primary = row?.locale ?? "en";
  return { primary, published: published.includes(primary) ? published : [primary, ...published] };
}

/**
 * The published locale whose translations serve `requested`, or null when the shop's own
 * text does (the primary language, an unpublished or unknown locale, nothing asked).
 */
export function translationLocaleFor(requested: string | null | undefined, locales: ShopLocales): string | null {
  if (typeof requested !== "string" || !requested.trim()) return null;
  const wanted = requested.trim().replace("_", "-");
  const exact = locales.published.find((l) => l.toLowerCase() === wanted.toLowerCase());
  const chosen = exact ?? locales.published.find((l) => base(l) === base(wanted));
  if (!chosen || base(chosen) === base(locales.primary)) return null;
  return chosen;
}

/** resourceId → key → { value, outdated } for one locale and resource type. */
export type TranslationTable = Map<string, Map<string, { value: string; outdated: boolean }>>;

export async function loadTranslations(
  db: Db,
  shop: string,
  locale: string,
  resourceType: "PRODUCT" | "COLLECTION" | "SHOP_POLICY",
): Promise<TranslationTable> {
  const rows = await db.shopTranslation.findMany({
    where: { shop, locale, resourceType },
    select: { resourceId: true, key: true, value: true, outdated: true },
  });
  const table: TranslationTable = new Map();
  for (const row of rows) {
    let fields = table.get(row.resourceId);
    if (!fields) table.set(row.resourceId, (fields = new Map()));
    fields.set(row.key, { value: row.value, outdated: row.outdated });
  }
  return table;
}

/** What changes when a translation is synced: part of a localized snapshot's version. */
export async function translationsVersion(db: Db, shop: string, locale: string): Promise<string> {
  const found = await db.shopTranslation.aggregate({
    where: { shop, locale },
    _max: { syncedAt: true },
    _count: { _all: true },
  });
  return `${found._max.syncedAt?.getTime() ?? 0}:${found._count._all}`;
}
