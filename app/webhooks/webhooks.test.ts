import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { Prisma } from "~/db/generated/sqlite/client";
import { readCustomerExport, shopScopedTables } from "~/privacy/compliance.server";
import { action as uninstalled } from "../routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "../routes/webhooks.app.scopes_update";
import { action as dataRequest } from "../routes/webhooks.customers.data_request";
import { action as customersRedact } from "../routes/webhooks.customers.redact";
import { action as shopRedact } from "../routes/webhooks.shop.redact";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { uniqueShopDomain } from "../../tests/factories/shops";
import { call, webhook } from "../../tests/support/requests";

const fake = useFakeShopify();

const deliver = async (handler: typeof uninstalled, request: Request) => (await call(handler, request)) as Response;

const dataRequestPayload = (shop: string, customerId = 42) => ({
  shop_id: 1,
  shop_domain: shop,
  orders_requested: [101, 102],
  customer: { id: customerId, email: "pat@example.com", phone: "+441234567890" },
  data_request: { id: 9999 },
});

describe("webhooks", () => {
  it("GIVEN a body signed with the wrong secret THEN it answers 401 and does nothing", async () => {
    const { domain } = await installShop(fake);

    const response = await deliver(
      uninstalled,
      webhook("app/uninstalled", domain, {}, { hmac: "bm90LXRoZS1zaWduYXR1cmU=" }),
    );

    expect(response.status).toBe(401);
    expect((await db.shop.findUnique({ where: { domain } }))?.uninstalledAt).toBeNull();
  });

  it("GIVEN the same event delivered twice THEN its work is done once", async () => {
    const { domain } = await installShop(fake);
    const eventId = randomUUID();

    const first = await deliver(
      dataRequest,
      webhook("customers/data_request", domain, dataRequestPayload(domain), { eventId }),
    );
    const second = await deliver(
      dataRequest,
      webhook("customers/data_request", domain, dataRequestPayload(domain), { eventId }),
    );

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await db.dataRequest.count({ where: { shop: domain } })).toBe(1);
  });

  it("GIVEN app/uninstalled delivered twice as different events THEN the shop is marked once and its sessions are gone", async () => {
    const { domain } = await installShop(fake);

    expect((await deliver(uninstalled, webhook("app/uninstalled", domain, {}))).status).toBe(200);
    const firstMark = (await db.shop.findUniqueOrThrow({ where: { domain } })).uninstalledAt;
    expect((await deliver(uninstalled, webhook("app/uninstalled", domain, {}))).status).toBe(200);

    const shop = await db.shop.findUniqueOrThrow({ where: { domain } });
    expect(firstMark).toBeInstanceOf(Date);
    expect(shop.uninstalledAt).toEqual(firstMark);
    expect(await db.session.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN a webhook for a shop we never saw THEN it answers 200 and stores nothing", async () => {
    const domain = uniqueShopDomain("stranger");

    const response = await deliver(scopesUpdate, webhook("app/scopes_update", domain, { current: ["read_products"] }));

    expect(response.status).toBe(200);
    expect(await db.webhookEvent.count({ where: { shop: domain } })).toBe(0);
    expect(await db.shop.count({ where: { domain } })).toBe(0);
  });

  it("GIVEN app/scopes_update THEN the shop's and its session's scopes follow", async () => {
    const { domain } = await installShop(fake);

    await deliver(
      scopesUpdate,
      webhook("app/scopes_update", domain, { previous: [], current: ["read_products", "read_orders"] }),
    );

    expect((await db.shop.findUniqueOrThrow({ where: { domain } })).scopes).toBe("read_products,read_orders");
    expect((await db.session.findFirstOrThrow({ where: { shop: domain } })).scope).toBe("read_products,read_orders");
  });

  it("GIVEN a malformed compliance payload THEN it answers 500 so Shopify retries, and the event stays unclaimed", async () => {
    const { domain } = await installShop(fake);
    const eventId = randomUUID();

    const response = await deliver(
      dataRequest,
      webhook("customers/data_request", domain, { customer: null }, { eventId }),
    );

    expect(response.status).toBe(500);
    expect(await db.webhookEvent.count({ where: { shop: domain, eventId } })).toBe(0);
  });

  it("GIVEN customers/data_request THEN an export of what we hold is kept for the merchant", async () => {
    const { domain } = await installShop(fake);

    await deliver(dataRequest, webhook("customers/data_request", domain, dataRequestPayload(domain, 77)));

    const saved = await db.dataRequest.findFirstOrThrow({ where: { shop: domain } });
    expect(saved).toMatchObject({ customerId: "77", requestId: "9999" });
    expect(await readCustomerExport(db, domain, saved.id)).toMatchObject({ shop: domain, customer: { id: "77" } });
  });

  it("GIVEN customers/redact THEN that customer's data is erased and other customers' is kept", async () => {
    const { domain } = await installShop(fake);
    await deliver(dataRequest, webhook("customers/data_request", domain, dataRequestPayload(domain, 1)));
    await deliver(dataRequest, webhook("customers/data_request", domain, dataRequestPayload(domain, 2)));

    await deliver(
      customersRedact,
      webhook("customers/redact", domain, { shop_domain: domain, customer: { id: 1 }, orders_to_redact: [] }),
    );

    expect(await db.dataRequest.count({ where: { shop: domain, customerId: "1" } })).toBe(0);
    expect(await db.dataRequest.count({ where: { shop: domain, customerId: "2" } })).toBe(1);
  });

  it("GIVEN shop/redact after uninstall THEN every row of that shop is gone from every table, and other shops keep theirs", async () => {
    const { domain } = await installShop(fake);
    const neighbour = await installShop(fake);
    for (const shop of [domain, neighbour.domain]) {
      await deliver(dataRequest, webhook("customers/data_request", shop, dataRequestPayload(shop)));
    }
    await deliver(uninstalled, webhook("app/uninstalled", domain, {}));

    const response = await deliver(shopRedact, webhook("shop/redact", domain, { shop_id: 1, shop_domain: domain }));

    expect(response.status).toBe(200);
    for (const { model, column } of shopScopedTables) {
      const count = (db[model] as unknown as { count(args: object): Promise<number> }).count.bind(db[model]);
      expect(await count({ where: { [column]: domain } }), `${model} rows left for the redacted shop`).toBe(0);
    }
    expect(await db.shop.count({ where: { domain: neighbour.domain } })).toBe(1);
    expect(await db.dataRequest.count({ where: { shop: neighbour.domain } })).toBe(1);
  });

  it("every model in the schema is listed for shop/redact", () => {
    const listed = shopScopedTables.map(({ model }) => model.toLowerCase()).sort();
    const models = Object.values(Prisma.ModelName)
      .map((name) => name.toLowerCase())
      .sort();
    expect(listed).toEqual(models);
  });
});
