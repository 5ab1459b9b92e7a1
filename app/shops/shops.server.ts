import type { Db } from "../db.server";
import type { AdminClient } from "../shopify/admin-api.server";

export const SHOP_DETAILS_QUERY = `#graphql
  query ShopDetails {
    shop {
      name
      email
      currencyCode
      ianaTimezone
    }
    shopLocales {
      locale
      primary
      published
    }
  }
`;

interface ShopDetails {
  shop: { name: string; email: string; currencyCode: string; ianaTimezone: string };
  shopLocales: { locale: string; primary: boolean; published: boolean }[];
}

/**
 * Records that a shop installed (or re-installed) the app, with the details the
 * assistant needs from the first chat on: name, currency, locales, timezone.
 */
export async function recordInstall(
  db: Db,
  { shop, scopes, admin }: { shop: string; scopes: string; admin: AdminClient },
) {
  const details = await admin.request<ShopDetails>(SHOP_DETAILS_QUERY);
  const published = details.shopLocales.filter((l) => l.published);
  const primary = published.find((l) => l.primary)?.locale ?? published[0]?.locale ?? "en";
  const fields = {
    name: details.shop.name,
    email: details.shop.email,
    currency: details.shop.currencyCode,
    timezone: details.shop.ianaTimezone,
    locale: primary,
    locales: JSON.stringify(published.map((l) => l.locale)),
    scopes,
  };
  // Remix runs the layout's and the page's loaders at once, so a first load can record
  // the install twice concurrently: upsert, then reopen a shop that had uninstalled.
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop, ...fields }, update: fields });
  await db.shop.updateMany({
    where: { domain: shop, uninstalledAt: { not: null } },
    data: { installedAt: new Date(), uninstalledAt: null },
  });
  return db.shop.findUniqueOrThrow({ where: { domain: shop } });
}

/** The shop row for an installed shop, or null when unknown or uninstalled. */
export async function findInstalledShop(db: Db, shop: string) {
  return db.shop.findFirst({ where: { domain: shop, uninstalledAt: null } });
}

export type ShopRow = NonNullable<Awaited<ReturnType<typeof findInstalledShop>>>;

// Every storefront request asks whether its shop is installed; a crowd asks hundreds of
// times a second for the same row. Kept for a few seconds per instance: an uninstall is
// seen at once on the instance that took the webhook, within STOREFRONT_SHOP_MS on others
// (the Shopify token is already gone, so nothing reaches Shopify meanwhile).
const STOREFRONT_SHOP_MS = 5_000;
const storefrontShops = new Map<string, { row: ShopRow; at: number }>();

/** findInstalledShop for storefront requests, from a short per-instance cache. */
export async function installedShopForStorefront(db: Db, shop: string, now = Date.now()): Promise<ShopRow | null> {
  const cached = storefrontShops.get(shop);
  if (cached && now - cached.at < STOREFRONT_SHOP_MS) return cached.row;
  const row = await findInstalledShop(db, shop);
  if (!row) {
    storefrontShops.delete(shop);
    return null;
  }
  storefrontShops.set(shop, { row, at: now });
  if (storefrontShops.size > 1000) storefrontShops.delete(storefrontShops.keys().next().value!);
  return row;
}

/** Drops a shop from the storefront cache (its row changed or it uninstalled). */
export function forgetStorefrontShop(shop: string) {
  storefrontShops.delete(shop);
}

/**
 * `app/uninstalled`: the access token is dead, so sessions go; the shop row stays
 * (marked) until `shop/redact` erases it 48 hours later. Safe to run twice.
 */
export async function markUninstalled(db: Db, shop: string, at = new Date()) {
  forgetStorefrontShop(shop);
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: at } }),
  ]);
}

export async function updateScopes(db: Db, shop: string, scopes: string) {
  await db.$transaction([
    db.shop.updateMany({ where: { domain: shop }, data: { scopes } }),
    db.session.updateMany({ where: { shop }, data: { scope: scopes } }),
  ]);
}
