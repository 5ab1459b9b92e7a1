import type { Db } from "../db.server";
import type { SyncAdmin } from "./admin-client.server";
import { SHOP_SYNC_QUERY } from "./queries";

interface ShopSyncResult {
  shop: {
    name: string;
    email: string;
    contactEmail: string;
    currencyCode: string;
    ianaTimezone: string;
    url: string;
    shopPolicies: { id: string; type: string; title: string; body: string; url: string; updatedAt: string }[];
  };
  shopLocales: { locale: string; primary: boolean; published: boolean }[];
}

/**
 * The shop's own details (name, currency, locales, timezone, contact email, storefront
 * URL) and its legal policies. Policies have no webhook, so every full sync, and the
 * periodic reconciliation with it, reads them again. A policy the merchant removed is
 * removed here too.
 */
export async function refreshShopDetails(db: Db, admin: SyncAdmin, shop: string, signal?: AbortSignal) {
  const result = await admin.request<ShopSyncResult>(SHOP_SYNC_QUERY, {}, signal);
  const published = result.shopLocales.filter((l) => l.published);
  const primary = published.find((l) => l.primary)?.locale ?? published[0]?.locale ?? "en";
  const now = new Date();
  const policies = result.shop.shopPolicies;
  await db.$transaction([
    db.shop.updateMany({
      where: { domain: shop },
      data: {
        name: result.shop.name,
        email: result.shop.email,
        contactEmail: result.shop.contactEmail || null,
        currency: result.shop.currencyCode,
        timezone: result.shop.ianaTimezone,
        locale: primary,
        locales: JSON.stringify(published.map((l) => l.locale)),
        storefrontUrl: result.shop.url,
      },
    }),
    db.shopPolicy.deleteMany({ where: { shop, type: { notIn: policies.map((p) => p.type) } } }),
    ...policies.map((policy) =>
      db.shopPolicy.upsert({
        where: { shop_type: { shop, type: policy.type } },
        create: {
          shop,
          type: policy.type,
          policyId: policy.id,
          title: policy.title,
          body: policy.body,
          url: policy.url,
          updatedAt: new Date(policy.updatedAt),
          syncedAt: now,
        },
        update: {
          policyId: policy.id,
          title: policy.title,
          body: policy.body,
          url: policy.url,
          updatedAt: new Date(policy.updatedAt),
          syncedAt: now,
        },
      }),
    ),
  ]);
  return { policies: policies.length };
}
