import type { Db } from "../db.server";
import type { CustomerDataSource, CustomerRef } from "../privacy/compliance.server";
import { decrypt, lookupHash, type KeyRing } from "../privacy/crypto.server";

/**
 * What the storefront chat holds on a customer, for customers/data_request and
 * customers/redact: conversations they had while logged in or left their email in,
 * those conversations' messages, their behaviour events and privacy choices, and the
 * events and choices of the browsers (visitor ids) those conversations came from.
 */
export function chatCustomerData(keyRing: KeyRing): CustomerDataSource {
  async function find(db: Db, shop: string, customer: CustomerRef) {
    const byEmail = customer.email ? [{ handoffEmailHash: lookupHash(keyRing, customer.email) }] : [];
    const conversations = await db.conversation.findMany({
      where: { shop, OR: [...(customer.id ? [{ customerId: customer.id }] : []), ...byEmail] },
      include: { messages: { orderBy: { seq: "asc" } } },
      orderBy: { createdAt: "asc" },
    });
    const visitorIds = [...new Set(conversations.map((c) => c.visitorId))];
    const bySubject = {
      OR: [...(customer.id ? [{ customerId: customer.id }] : []), { visitorId: { in: visitorIds } }],
    };
    const [events, preferences] = await Promise.all([
      db.behaviourEvent.findMany({ where: { shop, ...bySubject }, orderBy: { occurredAt: "asc" } }),
      db.shopperPreference.findMany({ where: { shop, ...bySubject } }),
    ]);
    return { conversations, visitorIds, events, preferences, bySubject };
  }

  return {
    name: "storefront chat",
    async collect(db, shop, customer) {
      const { conversations, events, preferences } = await find(db, shop, customer);
      return [
        ...conversations.map((c) => ({
          kind: "conversation",
          id: c.id,
          startedAt: c.createdAt.toISOString(),
          locale: c.locale,
          status: c.status,
          rating: c.rating,
          handoffEmail: c.handoffEmail ? decrypt(keyRing, c.handoffEmail) : null,
          messages: c.messages.map((m) => ({
            at: m.createdAt.toISOString(),
            from: m.role,
            text: decrypt(keyRing, m.text),
            ...(m.payload ? { details: JSON.parse(decrypt(keyRing, m.payload)) } : {}),
            ...(m.feedback !== null ? { feedback: m.feedback === 1 ? "helpful" : "not helpful" } : {}),
          })),
        })),
        ...events.map((e) => ({
          kind: "behaviour event",
          type: e.type,
          productId: e.productId,
          variantId: e.variantId,
          quantity: e.quantity,
          at: e.occurredAt.toISOString(),
        })),
        ...preferences.map((p) => ({
          kind: "privacy choice",
          dontUseMyData: p.trackingOff,
          updatedAt: p.updatedAt.toISOString(),
        })),
      ];
    },
    async erase(db, shop, customer) {
      const { conversations, bySubject } = await find(db, shop, customer);
      const ids = conversations.map((c) => c.id);
      const [messages, removed, events, preferences] = await db.$transaction([
        db.message.deleteMany({ where: { shop, conversationId: { in: ids } } }),
        db.conversation.deleteMany({ where: { shop, id: { in: ids } } }),
        db.behaviourEvent.deleteMany({ where: { shop, ...bySubject } }),
        db.shopperPreference.deleteMany({ where: { shop, ...bySubject } }),
      ]);
      return messages.count + removed.count + events.count + preferences.count;
    },
  };
}
