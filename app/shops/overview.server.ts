import type { Db } from "../db.server";
import { syncedCounts } from "../sync/status.server";

/** What the admin home page shows about the shop's own state. */
export async function getShopOverview(db: Db, shop: string) {
  const row = await db.shop.findUnique({ where: { domain: shop } });
  if (!row) return null;
  return {
    name: row.name ?? shop,
    domain: row.domain,
    currency: row.currency,
    timezone: row.timezone,
    locale: row.locale,
    installedAt: row.installedAt.toISOString(),
    // What the assistant can answer from: the records synced into our tables.
    counts: await syncedCounts(db, shop),
  };
}
