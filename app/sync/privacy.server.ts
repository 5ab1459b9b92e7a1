import type { Db } from "../db.server";
import type { CustomerDataSource, CustomerRef } from "../privacy/compliance.server";
import { decryptNullable, type KeyRing } from "../privacy/crypto.server";
import { toGid } from "./text";

/**
 * The synced customer and their orders, for `customers/data_request` (an export, with
 * the encrypted fields opened) and `customers/redact` (the customer row goes; their
 * orders stay for the shop's figures with everything that names the person emptied).
 */

// A customer known only by email (the privacy page's lookup) has an empty id: only their orders count.
const ordersOf = (shop: string, customerId: string | null, orderIds: string[]) => ({
  shop,
  OR: [...(customerId ? [{ customerId }] : []), { id: { in: orderIds.map((id) => toGid("Order", id)!) } }],
});

export function syncedCustomerData(keyRing: () => KeyRing): CustomerDataSource {
  return {
    name: "synced-shopify-data",
    async collect(db: Db, shop: string, customer: CustomerRef) {
      const ring = keyRing();
      const customerId = toGid("Customer", customer.id);
      const rows = customerId ? await db.customer.findMany({ where: { shop, id: customerId } }) : [];
      const orders = await db.order.findMany({ where: ordersOf(shop, customerId, customer.orderIds) });
      const items = await db.orderLineItem.findMany({
        where: { shop, orderId: { in: orders.map((o) => o.id) } },
        orderBy: { position: "asc" },
      });
      return [
        ...rows.map((row) => ({
          type: "customer",
          id: row.id,
          firstName: decryptNullable(ring, row.firstName),
          lastName: decryptNullable(ring, row.lastName),
          email: decryptNullable(ring, row.email),
          phone: decryptNullable(ring, row.phone),
          tags: JSON.parse(row.tags) as string[],
          numberOfOrders: row.numberOfOrders,
          amountSpent: row.amountSpent.toString(),
          emailMarketingState: row.emailMarketingState,
          country: row.country,
          createdAt: row.createdAt.toISOString(),
        })),
        ...orders.map((order) => ({
          type: "order",
          id: order.id,
          name: order.name,
          email: decryptNullable(ring, order.email),
          customAttributes: order.customAttributes ? JSON.parse(decryptNullable(ring, order.customAttributes)!) : [],
          totalPrice: order.totalPrice.toString(),
          currency: order.currency,
          createdAt: order.createdAt.toISOString(),
          lineItems: items
            .filter((item) => item.orderId === order.id)
            .map((item) => ({
              title: item.title,
              sku: item.sku,
              quantity: item.quantity,
              price: item.price.toString(),
            })),
        })),
      ];
    },
    async erase(db: Db, shop: string, customer: CustomerRef) {
      const customerId = toGid("Customer", customer.id);
      const [customers, orders] = await db.$transaction([
        db.customer.deleteMany({ where: { shop, id: customerId ?? { in: [] } } }),
        db.order.updateMany({
          where: ordersOf(shop, customerId, customer.orderIds),
          data: { customerId: null, email: null, emailHash: null, customAttributes: null },
        }),
      ]);
      return customers.count + orders.count;
    },
  };
}
