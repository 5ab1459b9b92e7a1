import type { Db } from "../db.server";

export interface Shopper {
  visitorId: string;
  customerId: string | null;
}

const customerSubject = (customerId: string) => `customer:${customerId}`;
const visitorSubject = (visitorId: string) => `visitor:${visitorId}`;

/**
 * Whether the shopper chose "Don't use my data". A logged-in customer's own choice wins
 * (it follows them across devices); otherwise the choice made in this browser.
 */
export async function isTrackingOff(db: Db, shop: string, shopper: Shopper): Promise<boolean> {
  const subjects = [visitorSubject(shopper.visitorId)];
  if (shopper.customerId) subjects.push(customerSubject(shopper.customerId));
  const rows = await db.shopperPreference.findMany({ where: { shop, subject: { in: subjects } } });
  const customerRow = rows.find((row) => row.subject.startsWith("customer:"));
  if (customerRow) return customerRow.trackingOff;
  return rows.some((row) => row.trackingOff);
}

/** Records the choice for this browser and, when logged in, for the customer. */
export async function setTrackingOff(db: Db, shop: string, shopper: Shopper, trackingOff: boolean) {
  const rows = [{ subject: visitorSubject(shopper.visitorId), visitorId: shopper.visitorId }];
  if (shopper.customerId) rows.push({ subject: customerSubject(shopper.customerId), visitorId: shopper.visitorId });
  for (const row of rows) {
    await db.shopperPreference.upsert({
      where: { shop_subject: { shop, subject: row.subject } },
      create: { shop, ...row, customerId: shopper.customerId, trackingOff },
      update: { trackingOff, customerId: shopper.customerId ?? undefined },
    });
  }
}
