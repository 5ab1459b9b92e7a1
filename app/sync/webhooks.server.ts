import { z } from "zod";
import type { Db } from "../db.server";
import { encrypt, encryptNullable, lookupHashNullable, type KeyRing } from "../privacy/crypto.server";
import type { SyncAdmin } from "./admin-client.server";
import { bulkFinished } from "./bulk.server";
import { COLLECTION_PRODUCTS_QUERY } from "./queries";
import { assistantConversationOf, htmlToText, toGid } from "./text";
import {
  dialectOf,
  sql,
  TABLES,
  upsertStatements,
  type Dialect,
  type Executor,
  type Row,
  type TableSpec,
} from "./upsert.server";

/**
 * Incremental sync from webhooks. Each handler maps Shopify's REST-shaped payload to
 * the rows a bulk export would give and writes them with the same guarded upsert: an
 * event older than the row we hold (by `updated_at`) changes nothing, so events that
 * arrive out of order leave the newest state. A record's children (variants, images,
 * line items) are replaced only when the record itself was. Deletions leave a marker
 * row, so a late update cannot bring a deleted record back.
 */

const id = z.union([z.number(), z.string()]);
const text = z.string().nullish();
const money = z.union([z.string(), z.number()]).nullish();

const gidOf = (type: string, payload: { id: string | number; admin_graphql_api_id?: string | null }) =>
  payload.admin_graphql_api_id ?? toGid(type, payload.id)!;

const upper = (value: string | null | undefined) => (value ? value.toUpperCase() : null);
const tagsOf = (tags: string | string[] | null | undefined) =>
  JSON.stringify(
    Array.isArray(tags)
      ? tags
      : (tags ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
  );

const keep = (spec: TableSpec, columns: string[]): TableSpec => ({ ...spec, keep: [...(spec.keep ?? []), ...columns] });

async function upsertOne(tx: Executor, dialect: Dialect, spec: TableSpec, row: Row): Promise<boolean> {
  let applied = 0;
  for (const statement of upsertStatements(tx, dialect, spec, [row])) applied += await statement;
  return applied > 0;
}

async function upsertAll(tx: Executor, dialect: Dialect, spec: TableSpec, rows: Row[]) {
  for (const statement of upsertStatements(tx, dialect, spec, rows)) await statement;
}

/** Deletes a record's children that are not in `keepIds`. */
async function pruneChildren(
  tx: Executor,
  dialect: Dialect,
  table: string,
  parentColumn: string,
  shop: string,
  parentId: string,
  keepIds: string[],
) {
  const p = sql(dialect);
  const head = `DELETE FROM "${table}" WHERE "shop" = ${p()} AND "${parentColumn}" = ${p()}`;
  const notIn = keepIds.length ? ` AND "id" NOT IN (${keepIds.map(() => p()).join(", ")})` : "";
  await tx.$executeRawUnsafe(head + notIn, shop, parentId, ...keepIds);
}

// ---------------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------------

const variantPayload = z.object({
  id,
  admin_graphql_api_id: text,
  title: text,
  price: money,
  compare_at_price: money,
  sku: text,
  position: z.number().nullish(),
  inventory_policy: text,
  inventory_management: text,
  inventory_quantity: z.number().nullish(),
  option1: text,
  option2: text,
  option3: text,
  updated_at: text,
});

const productPayload = z.object({
  id,
  admin_graphql_api_id: text,
  title: z.string(),
  body_html: text,
  vendor: text,
  product_type: text,
  handle: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  published_at: text,
  status: text,
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  variants: z.array(variantPayload).nullish(),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()).nullish() })).nullish(),
  images: z
    .array(z.object({ id, admin_graphql_api_id: text, src: z.string(), alt: text, position: z.number().nullish() }))
    .nullish(),
  media: z
    .array(
      z.object({
        id,
        admin_graphql_api_id: text,
        media_content_type: text,
        alt: text,
        position: z.number().nullish(),
        preview_image: z.object({ src: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});

export const deletePayload = z.object({ id, admin_graphql_api_id: text });

/** `products/create` and `products/update`. Returns whether the event changed anything. */
export async function applyProductWebhook(db: Db, shop: string, payload: unknown): Promise<boolean> {
  const p = productPayload.parse(payload);
  const dialect = dialectOf(db);
  const productId = gidOf("Product", p);
  const now = new Date();
  const status = upper(p.status) ?? "ACTIVE";
  const storefront = (await db.shop.findUnique({ where: { domain: shop }, select: { storefrontUrl: true } }))
    ?.storefrontUrl;
  const options = (p.options ?? []).map((o) => ({ name: o.name, values: o.values ?? [] }));
  const variants = (p.variants ?? []).map((v, index) => {
    const quantity = v.inventory_quantity ?? null;
    const selected = [v.option1, v.option2, v.option3]
      .map((value, i) => (value == null ? null : { name: options[i]?.name ?? `Option${i + 1}`, value }))
      .filter((o) => o !== null);
    return {
      shop,
      id: gidOf("ProductVariant", v),
      productId,
      title: v.title ?? "",
      sku: v.sku || null,
      options: JSON.stringify(selected),
      price: String(v.price ?? "0"),
      compareAtPrice: v.compare_at_price == null || v.compare_at_price === "" ? null : String(v.compare_at_price),
      // The payload has no availableForSale: Shopify sells a variant it does not track,
      // one set to keep selling at zero, or one with stock.
      availableForSale:
        v.inventory_management !== "shopify" || v.inventory_policy === "continue" || (quantity ?? 0) > 0,
      inventoryQuantity: quantity,
      position: v.position ?? index + 1,
      updatedAt: new Date(v.updated_at ?? p.updated_at),
      syncedAt: now,
      seenRunId: null,
    };
  });
  const images = p.media?.length
    ? p.media
        .filter((m) => (m.media_content_type ?? "IMAGE").toUpperCase() === "IMAGE" && m.preview_image?.src)
        .map((m, index) => ({
          shop,
          id: gidOf("MediaImage", m),
          productId,
          url: m.preview_image!.src!,
          altText: m.alt || null,
          position: m.position ?? index + 1,
          syncedAt: now,
          seenRunId: null,
        }))
    : (p.images ?? []).map((image, index) => ({
        shop,
        id: gidOf("ProductImage", image),
        productId,
        url: image.src,
        altText: image.alt || null,
        position: image.position ?? index + 1,
        syncedAt: now,
        seenRunId: null,
      }));
  const product = {
    shop,
    id: productId,
    title: p.title,
    handle: p.handle,
    description: htmlToText(p.body_html),
    vendor: p.vendor ?? "",
    productType: p.product_type ?? "",
    tags: tagsOf(p.tags),
    status,
    options: JSON.stringify(options),
    onlineStoreUrl:
      storefront && status === "ACTIVE" && p.published_at
        ? `${storefront.replace(/\/$/, "")}/products/${p.handle}`
        : null,
    totalInventory: variants.reduce((sum, v) => sum + (v.inventoryQuantity ?? 0), 0),
    createdAt: new Date(p.created_at),
    updatedAt: new Date(p.updated_at),
    deletedAt: null,
    syncedAt: now,
    seenRunId: null,
  };
  // Without the storefront's address we cannot build the link: keep the one we have.
  const spec = keep(TABLES.product, storefront ? ["seenRunId"] : ["seenRunId", "onlineStoreUrl"]);
  return db.$transaction(async (tx) => {
    if (!(await upsertOne(tx, dialect, spec, product))) return false;
    await upsertAll(tx, dialect, keep(TABLES.variant, ["seenRunId"]), variants);
    await pruneChildren(
      tx,
      dialect,
      "ProductVariant",
      "productId",
      shop,
      productId,
      variants.map((v) => v.id),
    );
    await upsertAll(tx, dialect, keep(TABLES.image, ["seenRunId"]), images);
    await pruneChildren(
      tx,
      dialect,
      "ProductImage",
      "productId",
      shop,
      productId,
      images.map((i) => i.id),
    );
    return true;
  });
}

/** `products/delete`: marked deleted (kept for past orders), its variants and images gone. */
export async function applyProductDelete(db: Db, shop: string, payload: unknown) {
  const productId = gidOf("Product", deletePayload.parse(payload));
  const now = new Date();
  await db.$transaction([
    db.product.upsert({
      where: { shop_id: { shop, id: productId } },
      // Deleted before we ever saw it: a marker, so its late create changes nothing.
      create: {
        shop,
        id: productId,
        title: "",
        handle: "",
        description: "",
        vendor: "",
        productType: "",
        status: "ARCHIVED",
        createdAt: now,
        updatedAt: now,
        syncedAt: now,
        deletedAt: now,
      },
      update: { deletedAt: now, syncedAt: now },
    }),
    db.productVariant.deleteMany({ where: { shop, productId } }),
    db.productImage.deleteMany({ where: { shop, productId } }),
    db.productCollection.deleteMany({ where: { shop, productId } }),
  ]);
}

// ---------------------------------------------------------------------------------
// Customers
// ---------------------------------------------------------------------------------

const customerPayload = z.object({
  id,
  admin_graphql_api_id: text,
  email: text,
  first_name: text,
  last_name: text,
  phone: text,
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  currency: text,
  orders_count: z.number().nullish(),
  total_spent: money,
  email_marketing_consent: z.object({ state: text }).nullish(),
  default_address: z.object({ country_code: text }).nullish(),
});

/** `customers/create` and `customers/update`. */
export async function applyCustomerWebhook(db: Db, shop: string, payload: unknown, keyRing: KeyRing) {
  const c = customerPayload.parse(payload);
  const now = new Date();
  const row = {
    shop,
    id: gidOf("Customer", c),
    firstName: encryptNullable(keyRing, c.first_name),
    lastName: encryptNullable(keyRing, c.last_name),
    email: encryptNullable(keyRing, c.email),
    emailHash: lookupHashNullable(keyRing, c.email),
    phone: encryptNullable(keyRing, c.phone),
    tags: tagsOf(c.tags),
    numberOfOrders: c.orders_count ?? 0,
    amountSpent: String(c.total_spent ?? "0"),
    currency: c.currency ?? null,
    emailMarketingState: upper(c.email_marketing_consent?.state),
    country: c.default_address?.country_code ?? null,
    createdAt: new Date(c.created_at),
    updatedAt: new Date(c.updated_at),
    deletedAt: null,
    syncedAt: now,
    seenRunId: null,
  };
  // Recent API versions leave order count and spend out of customer webhooks: keep
  // what the last export said rather than resetting them to zero.
  const absent = c.orders_count == null ? ["numberOfOrders", "amountSpent", "currency"] : [];
  const dialect = dialectOf(db);
  return upsertOne(db, dialect, keep(TABLES.customer, ["seenRunId", ...absent]), row);
}

/** `customers/delete`: the personal fields are emptied and a marker row stays. */
export async function applyCustomerDelete(db: Db, shop: string, payload: unknown) {
  const customerId = gidOf("Customer", deletePayload.parse(payload));
  const now = new Date();
  const erased = { firstName: null, lastName: null, email: null, emailHash: null, phone: null };
  await db.customer.upsert({
    where: { shop_id: { shop, id: customerId } },
    create: { shop, id: customerId, ...erased, createdAt: now, updatedAt: now, syncedAt: now, deletedAt: now },
    update: { ...erased, deletedAt: now, syncedAt: now },
  });
}

// ---------------------------------------------------------------------------------
// Orders
// ---------------------------------------------------------------------------------

const orderPayload = z.object({
  id,
  admin_graphql_api_id: text,
  name: z.string(),
  email: text,
  contact_email: text,
  created_at: z.string(),
  updated_at: z.string(),
  processed_at: text,
  cancelled_at: text,
  closed_at: text,
  currency: z.string(),
  total_price: money,
  subtotal_price: money,
  financial_status: text,
  fulfillment_status: text,
  customer: z.object({ id, admin_graphql_api_id: text }).nullish(),
  line_items: z
    .array(
      z.object({
        id,
        admin_graphql_api_id: text,
        title: z.string(),
        quantity: z.number(),
        sku: text,
        price: money,
        product_id: id.nullish(),
        variant_id: id.nullish(),
      }),
    )
    .nullish(),
  fulfillments: z
    .array(
      z.object({
        id,
        admin_graphql_api_id: text,
        status: text,
        created_at: z.string(),
        updated_at: text,
        tracking_company: text,
        tracking_number: text,
        tracking_numbers: z.array(z.string()).nullish(),
        tracking_url: text,
        tracking_urls: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
  note_attributes: z
    .array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]).nullish() }))
    .nullish(),
  shipping_address: z.object({ country_code: text }).nullish(),
});

const FULFILLMENT_STATUS: Record<string, string> = {
  fulfilled: "FULFILLED",
  partial: "PARTIALLY_FULFILLED",
  restocked: "RESTOCKED",
};

/** `orders/create`, `orders/updated` and `orders/cancelled`. */
export async function applyOrderWebhook(db: Db, shop: string, payload: unknown, keyRing: KeyRing) {
  const o = orderPayload.parse(payload);
  const now = new Date();
  const orderId = gidOf("Order", o);
  const email = o.email || o.contact_email || null;
  const attributes = (o.note_attributes ?? []).map((a) => ({
    key: a.name,
    value: a.value == null ? null : String(a.value),
  }));
  const order = {
    shop,
    id: orderId,
    name: o.name,
    customerId: o.customer ? gidOf("Customer", o.customer) : null,
    email: encryptNullable(keyRing, email),
    emailHash: lookupHashNullable(keyRing, email),
    currency: o.currency,
    totalPrice: String(o.total_price ?? "0"),
    subtotalPrice: o.subtotal_price == null ? null : String(o.subtotal_price),
    financialStatus: upper(o.financial_status),
    fulfillmentStatus: FULFILLMENT_STATUS[o.fulfillment_status ?? ""] ?? "UNFULFILLED",
    fulfillments: JSON.stringify(
      (o.fulfillments ?? []).map((f) => {
        const numbers = f.tracking_numbers?.length ? f.tracking_numbers : f.tracking_number ? [f.tracking_number] : [];
        const urls = f.tracking_urls?.length ? f.tracking_urls : f.tracking_url ? [f.tracking_url] : [];
        return {
          id: gidOf("Fulfillment", f),
          status: upper(f.status),
          createdAt: f.created_at,
          updatedAt: f.updated_at ?? f.created_at,
          tracking: numbers.map((number, i) => ({ company: f.tracking_company ?? null, number, url: urls[i] ?? null })),
        };
      }),
    ),
    customAttributes: attributes.length ? encrypt(keyRing, JSON.stringify(attributes)) : null,
    assistantConversationId: assistantConversationOf(attributes),
    shippingCountry: o.shipping_address?.country_code ?? null,
    createdAt: new Date(o.created_at),
    updatedAt: new Date(o.updated_at),
    processedAt: o.processed_at ? new Date(o.processed_at) : null,
    cancelledAt: o.cancelled_at ? new Date(o.cancelled_at) : null,
    closedAt: o.closed_at ? new Date(o.closed_at) : null,
    deletedAt: null,
    syncedAt: now,
    seenRunId: null,
  };
  const items = (o.line_items ?? []).map((item, index) => ({
    shop,
    id: gidOf("LineItem", item),
    orderId,
    productId: toGid("Product", item.product_id),
    variantId: toGid("ProductVariant", item.variant_id),
    title: item.title,
    sku: item.sku || null,
    quantity: item.quantity,
    price: String(item.price ?? "0"),
    position: index + 1,
    syncedAt: now,
    seenRunId: null,
  }));
  const dialect = dialectOf(db);
  return db.$transaction(async (tx) => {
    if (!(await upsertOne(tx, dialect, keep(TABLES.order, ["seenRunId"]), order))) return false;
    await upsertAll(tx, dialect, keep(TABLES.lineItem, ["seenRunId"]), items);
    await pruneChildren(
      tx,
      dialect,
      "OrderLineItem",
      "orderId",
      shop,
      orderId,
      items.map((i) => i.id),
    );
    return true;
  });
}

/** `orders/delete`: personal fields emptied, line items removed, a marker row stays. */
export async function applyOrderDelete(db: Db, shop: string, payload: unknown) {
  const orderId = gidOf("Order", deletePayload.parse(payload));
  const now = new Date();
  const erased = { email: null, emailHash: null, customAttributes: null };
  await db.$transaction([
    db.order.upsert({
      where: { shop_id: { shop, id: orderId } },
      create: {
        shop,
        id: orderId,
        name: "",
        currency: "",
        totalPrice: "0",
        fulfillmentStatus: "UNFULFILLED",
        ...erased,
        createdAt: now,
        updatedAt: now,
        syncedAt: now,
        deletedAt: now,
      },
      update: { ...erased, deletedAt: now, syncedAt: now },
    }),
    db.orderLineItem.deleteMany({ where: { shop, orderId } }),
  ]);
}

// ---------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------

const collectionPayload = z.object({
  id,
  admin_graphql_api_id: text,
  title: z.string(),
  handle: z.string(),
  updated_at: text,
});

/**
 * `collections/create` and `collections/update`: title and handle from the payload.
 * Which products are in it is not in the payload: the caller queues
 * `refreshCollectionMembers` for that.
 */
export async function applyCollectionWebhook(db: Db, shop: string, payload: unknown): Promise<string> {
  const c = collectionPayload.parse(payload);
  const collectionId = gidOf("Collection", c);
  await upsertOne(db, dialectOf(db), keep(TABLES.collection, ["seenRunId"]), {
    shop,
    id: collectionId,
    title: c.title,
    handle: c.handle,
    updatedAt: c.updated_at ? new Date(c.updated_at) : null,
    syncedAt: new Date(),
    seenRunId: null,
  });
  return collectionId;
}

export async function applyCollectionDelete(db: Db, shop: string, payload: unknown) {
  const collectionId = gidOf("Collection", deletePayload.parse(payload));
  await db.$transaction([
    db.productCollection.deleteMany({ where: { shop, collectionId } }),
    db.collection.deleteMany({ where: { shop, id: collectionId } }),
  ]);
}

interface CollectionPage {
  collection: {
    id: string;
    title: string;
    handle: string;
    updatedAt: string;
    products: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}

/** Reads a collection's products from Shopify and makes our memberships match. */
export async function refreshCollectionMembers(db: Db, admin: SyncAdmin, shop: string, collectionId: string) {
  const members = new Set<string>();
  let after: string | null = null;
  let collection: CollectionPage["collection"] = null;
  do {
    const page: CollectionPage = await admin.request<CollectionPage>(COLLECTION_PRODUCTS_QUERY, {
      id: collectionId,
      after,
    });
    collection = page.collection;
    if (!collection) break;
    for (const node of collection.products.nodes) members.add(node.id);
    after = collection.products.pageInfo.hasNextPage ? collection.products.pageInfo.endCursor : null;
  } while (after);
  if (!collection) {
    await applyCollectionDelete(db, shop, { id: collectionId, admin_graphql_api_id: collectionId });
    return { members: 0 };
  }
  const now = new Date();
  const dialect = dialectOf(db);
  const found = collection;
  await db.$transaction(async (tx) => {
    await upsertOne(tx, dialect, keep(TABLES.collection, ["seenRunId"]), {
      shop,
      id: found.id,
      title: found.title,
      handle: found.handle,
      updatedAt: new Date(found.updatedAt),
      syncedAt: now,
      seenRunId: null,
    });
    await tx.productCollection.deleteMany({ where: { shop, collectionId, productId: { notIn: [...members] } } });
    await upsertAll(
      tx,
      dialect,
      keep(TABLES.membership, ["seenRunId"]),
      [...members].map((productId) => ({ shop, productId, collectionId, syncedAt: now, seenRunId: null })),
    );
  });
  return { members: members.size };
}

// ---------------------------------------------------------------------------------
// Bulk operations and the shop itself
// ---------------------------------------------------------------------------------

const bulkFinishPayload = z.object({
  admin_graphql_api_id: z.string(),
  status: z.string(),
  error_code: text,
});

/** `bulk_operations/finish`: wake the run waiting on that operation. */
export async function recordBulkFinish(db: Db, shop: string, payload: unknown) {
  const p = bulkFinishPayload.parse(payload);
  await db.syncRun.updateMany({
    where: { shop, bulkOperationId: p.admin_graphql_api_id, status: "running" },
    data: { bulkStatus: p.status.toUpperCase() },
  });
  bulkFinished.emit(p.admin_graphql_api_id);
}

const shopPayload = z.object({
  name: text,
  email: text,
  customer_email: text,
  currency: text,
  iana_timezone: text,
  primary_locale: text,
  domain: text,
});

/** `shop/update`: name, contact email, currency, timezone or primary language changed. */
export async function applyShopUpdate(db: Db, shop: string, payload: unknown) {
  const s = shopPayload.parse(payload);
  const data: Record<string, string> = {};
  if (s.name) data.name = s.name;
  if (s.email) data.email = s.email;
  if (s.customer_email) data.contactEmail = s.customer_email;
  if (s.currency) data.currency = s.currency;
  if (s.iana_timezone) data.timezone = s.iana_timezone;
  if (s.primary_locale) data.locale = s.primary_locale;
  if (s.domain) data.storefrontUrl = `https://${s.domain}`;
  await db.shop.updateMany({ where: { domain: shop }, data });
}
