import type { Db } from "../db.server";

/** The public facts about a shop that the storefront widget may see. */
export async function storefrontShopInfo(db: Db, shop: string, customerId: string | null) {
  const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
  return {
    shop: { name: row.name ?? shop, currency: row.currency, locale: row.locale },
    // Whether a customer is logged in, not who: the widget has no use for the id.
    loggedIn: customerId !== null,
  };
}
