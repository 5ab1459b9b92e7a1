import type { Db } from "../db.server";
import type { CustomerDataSource, CustomerRef } from "../privacy/compliance.server";

/**
 * Experiment events name a visitor (a random browser id), not a customer; a customer's
 * are those of the browsers their conversations came from, as for behaviour events.
 */
export function experimentCustomerData(): CustomerDataSource {
  async function visitorIdsOf(db: Db, shop: string, customer: CustomerRef) {
    const conversations = await db.conversation.findMany({
      where: { shop, customerId: customer.id },
      select: { visitorId: true },
    });
    return [...new Set(conversations.map((c) => c.visitorId))];
  }
  return {
    name: "experiments",
    async collect(db, shop, customer) {
      const visitorIds = await visitorIdsOf(db, shop, customer);
      if (visitorIds.length === 0) return [];
      const [events, pulls] = await Promise.all([
        db.experimentEvent.findMany({ where: { shop, visitorId: { in: visitorIds } }, orderBy: { occurredAt: "asc" } }),
        db.banditPull.findMany({ where: { shop, visitorId: { in: visitorIds } } }),
      ]);
      return [
        ...events.map((e) => ({
          kind: "experiment event",
          experiment: e.experimentId,
          variant: e.variantId,
          type: e.type,
          at: e.occurredAt.toISOString(),
        })),
        ...pulls.map((p) => ({
          kind: "recommendation strategy shown",
          segment: p.context,
          strategy: p.arm,
          rewardedBy: p.rewarded,
          at: p.pulledAt.toISOString(),
        })),
      ];
    },
    async erase(db, shop, customer) {
      const visitorIds = await visitorIdsOf(db, shop, customer);
      if (visitorIds.length === 0) return 0;
      const where = { shop, visitorId: { in: visitorIds } };
      const [events, pulls] = await Promise.all([
        db.experimentEvent.deleteMany({ where }),
        db.banditPull.deleteMany({ where }),
      ]);
      return events.count + pulls.count;
    },
  };
}
