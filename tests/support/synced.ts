import { expect } from "vitest";
import { db } from "~/db.server";
import { decryptNullable, lookupHash } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { htmlToText } from "../fake-shopify/catalog";
import type { FakeShop } from "../fake-shopify/store";

/**
 * Asserts that our tables hold exactly what the fake Shopify holds for a shop: the
 * same number of each record, and every field the sync takes equal, record by record.
 * `ordersSince` limits the orders to the window the sync was allowed to see.
 */
export async function expectSyncedEqual(shop: string, source: FakeShop, { ordersSince }: { ordersSince?: Date } = {}) {
  const products = await db.product.findMany({ where: { shop, deletedAt: null } });
  const expectedProducts = [...source.products.values()];
  expect(products.length, "products").toBe(expectedProducts.length);
  const variants = await db.productVariant.findMany({ where: { shop }, orderBy: { position: "asc" } });
  const images = await db.productImage.findMany({ where: { shop }, orderBy: { position: "asc" } });
  const memberships = await db.productCollection.findMany({ where: { shop } });
  expect(variants.length, "variants").toBe(expectedProducts.reduce((n, p) => n + p.variants.length, 0));
  for (const expected of expectedProducts) {
    const row = products.find((p) => p.id === expected.id);
    expect(row, `product ${expected.id}`).toBeDefined();
    expect({
      title: row!.title,
      handle: row!.handle,
      description: row!.description,
      vendor: row!.vendor,
      productType: row!.productType,
      tags: JSON.parse(row!.tags),
      status: row!.status,
      options: JSON.parse(row!.options),
      onlineStoreUrl: row!.onlineStoreUrl,
      totalInventory: row!.totalInventory,
      updatedAt: row!.updatedAt.toISOString(),
    }).toEqual({
      title: expected.title,
      handle: expected.handle,
      description: htmlToText(expected.descriptionHtml),
      vendor: expected.vendor,
      productType: expected.productType,
      tags: expected.tags,
      status: expected.status,
      options: expected.options,
      onlineStoreUrl:
        expected.publishedOnlineStore && expected.status === "ACTIVE"
          ? `https://${source.domain}/products/${expected.handle}`
          : null,
      totalInventory: expected.variants.reduce((n, v) => n + v.inventoryQuantity, 0),
      updatedAt: expected.updatedAt,
    });
    const ownVariants = variants.filter((v) => v.productId === expected.id);
    expect(
      ownVariants.map((v) => ({
        id: v.id,
        title: v.title,
        sku: v.sku,
        price: Number(v.price),
        compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice),
        availableForSale: v.availableForSale,
        inventoryQuantity: v.inventoryQuantity,
        options: JSON.parse(v.options),
      })),
    ).toEqual(
      expected.variants.map((v) => ({
        id: v.id,
        title: v.title,
        sku: v.sku,
        price: Number(v.price),
        compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice),
        availableForSale: v.availableForSale,
        inventoryQuantity: v.inventoryQuantity,
        options: v.selectedOptions,
      })),
    );
    expect(images.filter((i) => i.productId === expected.id).map((i) => [i.url, i.altText])).toEqual(
      expected.images.map((i) => [i.url, i.altText]),
    );
    expect(
      memberships
        .filter((m) => m.productId === expected.id)
        .map((m) => m.collectionId)
        .sort(),
    ).toEqual([...expected.collectionIds].sort());
  }

  const customers = await db.customer.findMany({ where: { shop, deletedAt: null } });
  expect(customers.length, "customers").toBe(source.customers.size);
  for (const expected of source.customers.values()) {
    const row = customers.find((c) => c.id === expected.id)!;
    expect(row, `customer ${expected.id}`).toBeDefined();
    const ownOrders = [...source.orders.values()].filter((o) => o.customerId === expected.id && !o.cancelledAt);
    expect({
      firstName: decryptNullable(keyRing, row.firstName),
      lastName: decryptNullable(keyRing, row.lastName),
      email: decryptNullable(keyRing, row.email),
      emailHash: row.emailHash,
      phone: decryptNullable(keyRing, row.phone),
      tags: JSON.parse(row.tags),
      numberOfOrders: row.numberOfOrders,
      amountSpent: Number(row.amountSpent),
      emailMarketingState: row.emailMarketingState,
      country: row.country,
      createdAt: row.createdAt.toISOString(),
    }).toEqual({
      firstName: expected.firstName,
      lastName: expected.lastName,
      email: expected.email,
      emailHash: expected.email ? lookupHash(keyRing, expected.email) : null,
      phone: expected.phone,
      tags: expected.tags,
      numberOfOrders: expected.numberOfOrders ?? ownOrders.length,
      amountSpent: Number(expected.amountSpent ?? ownOrders.reduce((n, o) => n + Number(o.totalPrice), 0).toFixed(2)),
      emailMarketingState: expected.email ? expected.emailMarketingState : null,
      country: expected.country,
      createdAt: expected.createdAt,
    });
    // Stored encrypted: the plain email is nowhere in the row.
    if (expected.email) expect(JSON.stringify(row)).not.toContain(expected.email);
  }

  const expectedOrders = [...source.orders.values()].filter(
    (o) => !ordersSince || Date.parse(o.createdAt) >= Date.parse(ordersSince.toISOString().slice(0, 10)),
  );
  const orders = await db.order.findMany({ where: { shop, deletedAt: null } });
  expect(orders.length, "orders").toBe(expectedOrders.length);
  const items = await db.orderLineItem.findMany({ where: { shop }, orderBy: { position: "asc" } });
  expect(items.length, "line items").toBe(expectedOrders.reduce((n, o) => n + o.lineItems.length, 0));
  for (const expected of expectedOrders) {
    const row = orders.find((o) => o.id === expected.id)!;
    expect(row, `order ${expected.id}`).toBeDefined();
    expect({
      name: row.name,
      customerId: row.customerId,
      email: decryptNullable(keyRing, row.email),
      emailHash: row.emailHash,
      currency: row.currency,
      totalPrice: Number(row.totalPrice),
      financialStatus: row.financialStatus,
      fulfillmentStatus: row.fulfillmentStatus,
      tracking: (JSON.parse(row.fulfillments) as { tracking: object[] }[]).flatMap((f) => f.tracking),
      customAttributes: row.customAttributes ? JSON.parse(decryptNullable(keyRing, row.customAttributes)!) : [],
      assistantConversationId: row.assistantConversationId,
      shippingCountry: row.shippingCountry,
      createdAt: row.createdAt.toISOString(),
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      lines: items
        .filter((i) => i.orderId === expected.id)
        .map((i) => [i.id, i.productId, i.variantId, i.title, i.quantity, Number(i.price)]),
    }).toEqual({
      name: expected.name,
      customerId: expected.customerId,
      email: expected.email,
      emailHash: expected.email ? lookupHash(keyRing, expected.email) : null,
      currency: expected.currencyCode,
      totalPrice: Number(expected.totalPrice),
      financialStatus: expected.displayFinancialStatus,
      fulfillmentStatus: expected.displayFulfillmentStatus,
      tracking: expected.fulfillments.flatMap((f) => f.trackingInfo),
      customAttributes: expected.customAttributes,
      assistantConversationId:
        expected.customAttributes.find((a) => a.key === "_assistant_conversation")?.value ?? null,
      shippingCountry: expected.shippingCountry,
      createdAt: expected.createdAt,
      cancelledAt: expected.cancelledAt,
      lines: expected.lineItems.map((i) => [i.id, i.productId, i.variantId, i.title, i.quantity, Number(i.price)]),
    });
  }
}
