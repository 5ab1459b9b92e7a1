import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { readCustomerExport, shopScopedTables } from "~/privacy/compliance.server";
import { legacyId } from "../../tests/fake-shopify/store";
import { runFullSync } from "./full-sync.server";
import { action as dataRequest } from "../routes/webhooks.customers.data_request";
import { action as customersRedact } from "../routes/webhooks.customers.redact";
import { action as shopRedact } from "../routes/webhooks.shop.redact";
import { action as uninstalled } from "../routes/webhooks.app.uninstalled";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { call, webhook } from "../../tests/support/requests";
import { seedShop } from "../../tests/factories/catalog";

const fake = useFakeShopify();

const fast = { pollMs: 5, maxPollMs: 20 };

async function syncedShop() {
  const installed = await installShop(fake);
  const seeded = seedShop(installed.fakeShop, { products: 4, customers: 3, orders: 8, seed: 5 });
  await runFullSync(db, installed.domain, fast);
  const customer = seeded.customers.find((c) => seeded.orders.some((o) => o.customerId === c.id))!;
  const orders = seeded.orders.filter((o) => o.customerId === customer.id);
  return { ...installed, customer, orders };
}

describe("synced customer data and the compliance webhooks", () => {
  it("GIVEN customers/data_request THEN the export holds the synced customer and their orders, readable", async () => {
    const { domain, customer, orders } = await syncedShop();

    await call(
      dataRequest,
      webhook("customers/data_request", domain, {
        customer: { id: Number(legacyId(customer.id)), email: customer.email },
        orders_requested: orders.map((o) => Number(legacyId(o.id))),
        data_request: { id: 1 },
      }),
    );

    const saved = await db.dataRequest.findFirstOrThrow({ where: { shop: domain } });
    const exported = (await readCustomerExport(db, domain, saved.id))!.sources["synced-shopify-data"] as {
      type: string;
      email?: string;
    }[];
    expect(exported.filter((r) => r.type === "customer")).toEqual([
      expect.objectContaining({ id: customer.id, email: customer.email, firstName: customer.firstName }),
    ]);
    expect(exported.filter((r) => r.type === "order").map((r) => r.email)).toEqual(orders.map(() => customer.email));
  });

  it("GIVEN customers/redact THEN the customer row is gone and their orders no longer name them", async () => {
    const { domain, customer, orders } = await syncedShop();

    await call(
      customersRedact,
      webhook("customers/redact", domain, {
        customer: { id: Number(legacyId(customer.id)) },
        orders_to_redact: orders.map((o) => Number(legacyId(o.id))),
      }),
    );

    expect(await db.customer.count({ where: { shop: domain, id: customer.id } })).toBe(0);
    const rows = await db.order.findMany({ where: { shop: domain, id: { in: orders.map((o) => o.id) } } });
    expect(rows).toHaveLength(orders.length);
    for (const row of rows) expect(row).toMatchObject({ customerId: null, email: null, emailHash: null });
    expect(await db.customer.count({ where: { shop: domain } })).toBe(2);
  });

  it("GIVEN shop/redact THEN no synced row of the shop is left in any table", async () => {
    const { domain } = await syncedShop();
    expect(await db.product.count({ where: { shop: domain } })).toBe(4);
    await call(uninstalled, webhook("app/uninstalled", domain, {}));

    await call(shopRedact, webhook("shop/redact", domain, { shop_domain: domain }));

    for (const { model, column } of shopScopedTables) {
      const count = (db[model] as unknown as { count(args: object): Promise<number> }).count.bind(db[model]);
      expect(await count({ where: { [column]: domain } }), `${model} rows left`).toBe(0);
    }
  });
});
