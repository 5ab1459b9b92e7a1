import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { decryptNullable, lookupHash } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { action as productCreate } from "../routes/webhooks.products.create";
import { action as productUpdate } from "../routes/webhooks.products.update";
import { action as productDelete } from "../routes/webhooks.products.delete";
import { action as orderCreate } from "../routes/webhooks.orders.create";
import { action as orderUpdated } from "../routes/webhooks.orders.updated";
import { action as orderCancelled } from "../routes/webhooks.orders.cancelled";
import { action as orderDelete } from "../routes/webhooks.orders.delete";
import { action as customerCreate } from "../routes/webhooks.customers.create";
import { action as customerUpdate } from "../routes/webhooks.customers.update";
import { action as customerDelete } from "../routes/webhooks.customers.delete";
import { action as collectionUpdate } from "../routes/webhooks.collections.update";
import { action as collectionDelete } from "../routes/webhooks.collections.delete";
import { action as bulkFinish } from "../routes/webhooks.bulk_operations.finish";
import { action as shopUpdate } from "../routes/webhooks.shop.update";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { call, webhook } from "../../tests/support/requests";
import {
  addCollection,
  addCustomer,
  addProduct,
  buildCollection,
  buildCustomer,
  buildFulfillment,
  buildOrder,
  buildProduct,
  collectionPayload,
  customerPayload,
  deletePayload,
  orderPayload,
  productPayload,
} from "../../tests/factories/catalog";

const fake = useFakeShopify();

type Action = typeof productCreate;
const deliver = async (action: Action, topic: string, shop: string, payload: unknown, eventId?: string) =>
  (await call(action, webhook(topic, shop, payload, { eventId }))) as Response;

const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 12, minutes)).toISOString();

const product = (shop: string, id: string) => db.product.findUnique({ where: { shop_id: { shop, id } } });

describe("product webhooks", () => {
  it("GIVEN products/create THEN the product, its variants and images are stored as the payload says", async () => {
    const { domain } = await installShop(fake);
    await db.shop.update({ where: { domain }, data: { storefrontUrl: "https://cranes.example" } });
    const source = buildProduct({
      title: "Linen Tote",
      tags: ["eco", "bags"],
      descriptionHtml: "<p>Strong <b>linen</b> tote.</p>",
      variants: [
        {
          title: "S",
          price: "12.00",
          sku: "TOTE-S",
          inventoryQuantity: 0,
          selectedOptions: [{ name: "Size", value: "S" }],
        },
        {
          title: "L",
          price: "14.50",
          compareAtPrice: "18.00",
          sku: "TOTE-L",
          inventoryQuantity: 3,
          selectedOptions: [{ name: "Size", value: "L" }],
        },
      ],
    });

    const response = await deliver(productCreate, "products/create", domain, productPayload(source));

    expect(response.status).toBe(200);
    expect(await product(domain, source.id)).toMatchObject({
      title: "Linen Tote",
      description: "Strong linen tote.",
      tags: JSON.stringify(["eco", "bags"]),
      status: "ACTIVE",
      onlineStoreUrl: `https://cranes.example/products/${source.handle}`,
      totalInventory: 3,
      deletedAt: null,
    });
    const variants = await db.productVariant.findMany({
      where: { shop: domain, productId: source.id },
      orderBy: { position: "asc" },
    });
    expect(
      variants.map((v) => [
        v.sku,
        Number(v.price),
        v.compareAtPrice === null ? null : Number(v.compareAtPrice),
        v.availableForSale,
        JSON.parse(v.options),
      ]),
    ).toEqual([
      ["TOTE-S", 12, null, false, [{ name: "Size", value: "S" }]],
      ["TOTE-L", 14.5, 18, true, [{ name: "Size", value: "L" }]],
    ]);
    expect(await db.productImage.count({ where: { shop: domain, productId: source.id } })).toBe(1);
  });

  it("GIVEN updates that arrive out of order THEN the newest state stays", async () => {
    const { domain } = await installShop(fake);
    const source = buildProduct({ title: "Oak Crane" });
    const newer = productPayload({ ...source, title: "Oak Crane (new)", updatedAt: at(30) });
    const older = productPayload({ ...source, title: "Oak Crane (old)", updatedAt: at(10) });

    await deliver(productUpdate, "products/update", domain, newer);
    await deliver(productUpdate, "products/update", domain, older);

    expect(await product(domain, source.id)).toMatchObject({ title: "Oak Crane (new)", updatedAt: new Date(at(30)) });
  });

  it("GIVEN an update that drops a variant THEN the variant goes; an older update cannot bring it back", async () => {
    const { domain } = await installShop(fake);
    const source = buildProduct({ variants: [{ title: "A" }, { title: "B" }], updatedAt: at(0) });
    await deliver(productCreate, "products/create", domain, productPayload(source));

    await deliver(
      productUpdate,
      "products/update",
      domain,
      productPayload({ ...source, variants: [source.variants[0]], updatedAt: at(5) }),
    );
    await deliver(productUpdate, "products/update", domain, productPayload({ ...source, updatedAt: at(1) }));

    const variants = await db.productVariant.findMany({ where: { shop: domain, productId: source.id } });
    expect(variants.map((v) => v.id)).toEqual([source.variants[0].id]);
  });

  it("GIVEN the same event delivered twice THEN it is applied once", async () => {
    const { domain } = await installShop(fake);
    const source = buildProduct({ title: "First", updatedAt: at(0) });
    const eventId = randomUUID();
    await deliver(productUpdate, "products/update", domain, productPayload(source), eventId);
    // A later, different change under the same event id is a duplicate delivery: ignored.
    await deliver(
      productUpdate,
      "products/update",
      domain,
      productPayload({ ...source, title: "Second", updatedAt: at(9) }),
      eventId,
    );

    expect((await product(domain, source.id))?.title).toBe("First");
    expect(await db.webhookEvent.count({ where: { shop: domain, eventId } })).toBe(1);
  });

  it("GIVEN products/delete THEN the product is marked deleted, its variants go, and a late update does not revive it", async () => {
    const { domain } = await installShop(fake);
    const source = buildProduct({ updatedAt: at(0) });
    await deliver(productCreate, "products/create", domain, productPayload(source));

    await deliver(productDelete, "products/delete", domain, deletePayload(source.id));
    await deliver(productUpdate, "products/update", domain, productPayload({ ...source, updatedAt: at(50) }));

    expect((await product(domain, source.id))?.deletedAt).toBeInstanceOf(Date);
    expect(await db.productVariant.count({ where: { shop: domain, productId: source.id } })).toBe(0);
  });

  it("GIVEN a delete that overtakes the create THEN the product never appears as live", async () => {
    const { domain } = await installShop(fake);
    const source = buildProduct();

    await deliver(productDelete, "products/delete", domain, deletePayload(source.id));
    await deliver(productCreate, "products/create", domain, productPayload(source));

    expect((await product(domain, source.id))?.deletedAt).toBeInstanceOf(Date);
    expect(await db.product.count({ where: { shop: domain, deletedAt: null } })).toBe(0);
  });

  it("GIVEN a product webhook for another shop THEN this shop's rows are untouched", async () => {
    const a = await installShop(fake);
    const b = await installShop(fake);
    const source = buildProduct({ title: "Shared id", updatedAt: at(0) });
    await deliver(productCreate, "products/create", a.domain, productPayload(source));

    await deliver(
      productUpdate,
      "products/update",
      b.domain,
      productPayload({ ...source, title: "Other shop", updatedAt: at(40) }),
    );

    expect((await product(a.domain, source.id))?.title).toBe("Shared id");
    expect((await product(b.domain, source.id))?.title).toBe("Other shop");
  });
});

describe("order webhooks", () => {
  it("GIVEN orders/create THEN the order is stored with its email encrypted and findable by lookup hash", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const customer = addCustomer(fakeShop, buildCustomer({ email: "Ada@Example.com" }));
    const item = addProduct(fakeShop, buildProduct({ variants: [{ price: "4.25" }] }));
    const order = buildOrder(fakeShop, {
      customer,
      lines: [{ product: item, quantity: 2 }],
      customAttributes: [{ key: "gift_message", value: "Happy birthday, Ada" }],
      fulfillments: [buildFulfillment()],
      displayFulfillmentStatus: "FULFILLED",
    });

    await deliver(orderCreate, "orders/create", domain, orderPayload(fakeShop, order));

    const row = await db.order.findFirstOrThrow({
      where: { shop: domain, name: order.name, emailHash: lookupHash(keyRing, "ada@example.com") },
    });
    expect(decryptNullable(keyRing, row.email)).toBe("Ada@Example.com");
    expect(JSON.stringify(row)).not.toContain("Ada@Example.com");
    expect(JSON.stringify(row)).not.toContain("Happy birthday");
    expect(row).toMatchObject({ customerId: customer.id, fulfillmentStatus: "FULFILLED", financialStatus: "PAID" });
    expect(JSON.parse(row.fulfillments)[0].tracking[0]).toEqual(order.fulfillments[0].trackingInfo[0]);
    const lines = await db.orderLineItem.findMany({ where: { shop: domain, orderId: order.id } });
    expect(lines.map((l) => [l.productId, l.variantId, l.quantity, Number(l.price)])).toEqual([
      [item.id, item.variants[0].id, 2, 4.25],
    ]);
  });

  it("GIVEN an order carrying the widget's cart attribute THEN its conversation id is kept in plain for attribution, other attributes stay encrypted", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const attributed = buildOrder(fakeShop, {
      customAttributes: [
        { key: "_assistant_conversation", value: "AbCdEfGhIjKlMnOpQrStUv_-" },
        { key: "gift_message", value: "For Sam" },
      ],
    });
    const edited = buildOrder(fakeShop, {
      customAttributes: [{ key: "_assistant_conversation", value: "not one of ours" }],
    });

    await deliver(orderCreate, "orders/create", domain, orderPayload(fakeShop, attributed));
    await deliver(orderCreate, "orders/create", domain, orderPayload(fakeShop, edited));

    const rows = await db.order.findMany({ where: { shop: domain }, orderBy: { name: "asc" } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(attributed.id)?.assistantConversationId).toBe("AbCdEfGhIjKlMnOpQrStUv_-");
    expect(byId.get(attributed.id)?.customAttributes).not.toContain("For Sam");
    expect(byId.get(edited.id)?.assistantConversationId).toBeNull();
  });

  it("GIVEN updated and cancelled events out of order THEN the newest state stays", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const order = buildOrder(fakeShop, { createdAt: at(0), updatedAt: at(0) });
    const cancelled = { ...order, cancelledAt: at(20), updatedAt: at(20), displayFinancialStatus: "REFUNDED" };
    const paid = { ...order, updatedAt: at(10) };

    await deliver(orderCreate, "orders/create", domain, orderPayload(fakeShop, order));
    await deliver(orderCancelled, "orders/cancelled", domain, orderPayload(fakeShop, cancelled));
    await deliver(orderUpdated, "orders/updated", domain, orderPayload(fakeShop, paid));

    const row = await db.order.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: order.id } } });
    expect(row).toMatchObject({ financialStatus: "REFUNDED", cancelledAt: new Date(at(20)) });
  });

  it("GIVEN orders/delete THEN the order's personal fields and lines are gone and it is marked deleted", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const item = addProduct(fakeShop, buildProduct());
    const order = buildOrder(fakeShop, { email: "pat@example.com", lines: [{ product: item }] });
    await deliver(orderCreate, "orders/create", domain, orderPayload(fakeShop, order));

    await deliver(orderDelete, "orders/delete", domain, deletePayload(order.id));

    const row = await db.order.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: order.id } } });
    expect(row).toMatchObject({ email: null, emailHash: null });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await db.orderLineItem.count({ where: { shop: domain, orderId: order.id } })).toBe(0);
  });
});

describe("customer webhooks", () => {
  it("GIVEN customers/create then an older update THEN the stored customer is the newer one, encrypted", async () => {
    const { domain } = await installShop(fake);
    const customer = buildCustomer({ firstName: "Chloe", email: "chloe@example.com", updatedAt: at(30) });

    await deliver(customerCreate, "customers/create", domain, customerPayload(customer));
    await deliver(
      customerUpdate,
      "customers/update",
      domain,
      customerPayload({ ...customer, firstName: "Old", updatedAt: at(5) }),
    );

    const row = await db.customer.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: customer.id } } });
    expect(decryptNullable(keyRing, row.firstName)).toBe("Chloe");
    expect(row.firstName).not.toContain("Chloe");
    expect(row.emailHash).toBe(lookupHash(keyRing, "chloe@example.com"));
  });

  it("GIVEN a customer update without order figures THEN the figures from the last export are kept", async () => {
    const { domain } = await installShop(fake);
    const customer = buildCustomer({ updatedAt: at(0) });
    await deliver(
      customerCreate,
      "customers/create",
      domain,
      customerPayload(customer, { orders_count: 4, total_spent: "80.00" }),
    );

    await deliver(
      customerUpdate,
      "customers/update",
      domain,
      customerPayload({ ...customer, tags: ["vip"], updatedAt: at(1) }),
    );

    const row = await db.customer.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: customer.id } } });
    expect(row).toMatchObject({ numberOfOrders: 4, tags: JSON.stringify(["vip"]) });
    expect(Number(row.amountSpent)).toBe(80);
  });

  it("GIVEN customers/delete THEN nothing personal is left and a late update does not restore it", async () => {
    const { domain } = await installShop(fake);
    const customer = buildCustomer({ updatedAt: at(0) });
    await deliver(customerCreate, "customers/create", domain, customerPayload(customer));

    await deliver(customerDelete, "customers/delete", domain, deletePayload(customer.id));
    await deliver(customerUpdate, "customers/update", domain, customerPayload({ ...customer, updatedAt: at(9) }));

    const row = await db.customer.findUniqueOrThrow({ where: { shop_id: { shop: domain, id: customer.id } } });
    expect(row).toMatchObject({ firstName: null, lastName: null, email: null, emailHash: null, phone: null });
    expect(row.deletedAt).toBeInstanceOf(Date);
  });
});

describe("collection, bulk and shop webhooks", () => {
  it("GIVEN collections/update THEN its title is stored and a job reads its products from Shopify", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const collection = addCollection(fakeShop, buildCollection({ title: "Summer" }));
    const inside = addProduct(fakeShop, buildProduct({ collectionIds: [collection.id] }));
    addProduct(fakeShop, buildProduct());
    const stale = buildProduct();
    await db.productCollection.create({
      data: { shop: domain, productId: stale.id, collectionId: collection.id, syncedAt: new Date() },
    });

    // The merchant renamed it at Shopify, which then sent the webhook.
    collection.title = "Summer Sale";
    await deliver(collectionUpdate, "collections/update", domain, collectionPayload(collection));
    await jobs.idle();

    expect(await db.collection.findUnique({ where: { shop_id: { shop: domain, id: collection.id } } })).toMatchObject({
      title: "Summer Sale",
    });
    const members = await db.productCollection.findMany({ where: { shop: domain, collectionId: collection.id } });
    expect(members.map((m) => m.productId)).toEqual([inside.id]);
  });

  it("GIVEN collections/delete THEN the collection and its memberships go", async () => {
    const { domain } = await installShop(fake);
    const collection = buildCollection();
    await db.collection.create({
      data: { shop: domain, id: collection.id, title: "x", handle: "x", syncedAt: new Date() },
    });
    await db.productCollection.create({
      data: { shop: domain, productId: "gid://shopify/Product/1", collectionId: collection.id, syncedAt: new Date() },
    });

    await deliver(collectionDelete, "collections/delete", domain, deletePayload(collection.id));

    expect(await db.collection.count({ where: { shop: domain } })).toBe(0);
    expect(await db.productCollection.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN bulk_operations/finish for the operation a run waits on THEN the run records it", async () => {
    const { domain } = await installShop(fake);
    const run = await db.syncRun.create({
      data: {
        shop: domain,
        activeShop: domain,
        trigger: "manual",
        status: "running",
        phase: "products",
        bulkOperationId: "gid://shopify/BulkOperation/77",
        bulkStatus: "RUNNING",
      },
    });

    await deliver(bulkFinish, "bulk_operations/finish", domain, {
      admin_graphql_api_id: "gid://shopify/BulkOperation/77",
      status: "completed",
      error_code: null,
      type: "query",
    });

    expect((await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).bulkStatus).toBe("COMPLETED");
  });

  it("GIVEN shop/update THEN the shop's name, contact email, currency and timezone follow", async () => {
    const { domain } = await installShop(fake);

    await deliver(shopUpdate, "shop/update", domain, {
      name: "Paper Cranes Ltd",
      customer_email: "hello@cranes.example",
      currency: "GBP",
      iana_timezone: "Europe/London",
      domain: "cranes.example",
    });

    expect(await db.shop.findUniqueOrThrow({ where: { domain } })).toMatchObject({
      name: "Paper Cranes Ltd",
      contactEmail: "hello@cranes.example",
      currency: "GBP",
      timezone: "Europe/London",
      storefrontUrl: "https://cranes.example",
    });
  });
});
