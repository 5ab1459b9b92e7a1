import type { Db } from "../db.server";
import { toGid } from "../sync/text";
import { decryptNullable, lookupHash, type KeyRing } from "./crypto.server";
import type { CustomerRef } from "./compliance.server";

/**
 * Finds a customer for the privacy page's export and erase, by email (keyed hash: the
 * synced customer, their guest orders, chats where they left the address) or by
 * Shopify customer id. The result is the same CustomerRef the compliance webhooks carry,
 * so the page exports and erases exactly what customers/data_request and
 * customers/redact would.
 */
export interface CustomerMatch {
  ref: CustomerRef;
  name: string | null;
  email: string | null;
  synced: boolean;
  conversations: number;
  orders: number;
}

export async function findCustomerForPrivacy(
  db: Db,
  keyRing: KeyRing,
  shop: string,
  query: string,
): Promise<CustomerMatch | null> {
  const q = query.trim();
  const byEmail = q.includes("@");
  const hash = byEmail ? lookupHash(keyRing, q) : null;
  const id = byEmail ? null : /^(gid:\/\/shopify\/Customer\/)?\d{1,20}$/.test(q) ? q.replace(/\D/g, "") : null;
  if (!byEmail && !id) return null;

  const customer = await db.customer.findFirst({
    where: { shop, ...(hash ? { emailHash: hash } : { id: toGid("Customer", id)! }), deletedAt: null },
  });
  const customerId = customer ? customer.id.replace(/\D/g, "") : id;
  const email = customer ? decryptNullable(keyRing, customer.email) : byEmail ? q : null;
  const emailHash = email ? lookupHash(keyRing, email) : null;

  const [orders, conversations] = await Promise.all([
    db.order.findMany({
      where: {
        shop,
        OR: [
          ...(customerId ? [{ customerId: toGid("Customer", customerId)! }] : []),
          ...(emailHash ? [{ emailHash }] : []),
        ],
      },
      select: { id: true },
    }),
    db.conversation.count({
      where: {
        shop,
        OR: [...(customerId ? [{ customerId }] : []), ...(emailHash ? [{ handoffEmailHash: emailHash }] : [])],
      },
    }),
  ]);
  if (!customer && orders.length === 0 && conversations === 0) return null;
  return {
    // A shopper known only by email (a guest order, a chat) has no Shopify id: "" names nobody.
    ref: { id: customerId ?? "", email, orderIds: orders.map((o) => o.id) },
    name: customer
      ? [decryptNullable(keyRing, customer.firstName), decryptNullable(keyRing, customer.lastName)]
          .filter(Boolean)
          .join(" ") || null
      : null,
    email,
    synced: customer !== null,
    conversations,
    orders: orders.length,
  };
}
