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

/**
 * `app/uninstalled`: the access token is dead, so sessions go; the shop row stays
 * (marked) until `shop/redact` erases it 48 hours later. Safe to run twice.
 */
export async function markUninstalled(db: Db, shop: string, at = new Date()) {
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
