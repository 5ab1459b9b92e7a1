import { encryptNullable, encrypt, lookupHashNullable, type KeyRing } from "../privacy/crypto.server";
import { assistantConversationOf, gidType } from "./text";
import type { Row } from "./upsert.server";

/**
 * One line of a bulk export turned into the rows it stands for. Lines arrive in any
 * order (groupObjects: false): a child names its parent by `__parentId` and is stored
 * against that id, so nothing is held in memory waiting for its parent.
 */

export interface RowContext {
  shop: string;
  runId: string;
  keyRing: KeyRing;
  /** Stamped on every row as `syncedAt`. */
  now: Date;
}

export interface PendingRows {
  product: Row[];
  variant: Row[];
  image: Row[];
  collection: Row[];
  membership: Row[];
  customer: Row[];
  order: Row[];
  lineItem: Row[];
}

export const emptyRows = (): PendingRows => ({
  product: [],
  variant: [],
  image: [],
  collection: [],
  membership: [],
  customer: [],
  order: [],
  lineItem: [],
});

export type CountKey = "products" | "variants" | "collections" | "customers" | "orders" | "lineItems";

/* eslint-disable @typescript-eslint/no-explicit-any -- export lines are JSON of the query's shape */
type Line = Record<string, any>;

const date = (value: unknown): Date | null => (typeof value === "string" && value ? new Date(value) : null);
const required = (value: unknown, field: string): Date => {
  const parsed = date(value);
  if (!parsed) throw new Error(`export line lacks ${field}`);
  return parsed;
};
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const nullableText = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const int = (value: unknown): number | null => {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
};

/** Adds the rows for one export line; returns what it counted as, or null. */
export function addExportLine(ctx: RowContext, rows: PendingRows, line: Line, lineNumber: number): CountKey | null {
  const synced = { syncedAt: ctx.now, seenRunId: ctx.runId };
  const type = gidType(line.id);
  const parentId: string | undefined = line.__parentId;
  switch (type) {
    case "Product":
      rows.product.push({
        shop: ctx.shop,
        id: line.id,
        title: text(line.title),
        handle: text(line.handle),
        description: text(line.description),
        vendor: text(line.vendor),
        productType: text(line.productType),
        tags: JSON.stringify(line.tags ?? []),
        status: text(line.status) || "ACTIVE",
        options: JSON.stringify((line.options ?? []).map((o: Line) => ({ name: o.name, values: o.values ?? [] }))),
        onlineStoreUrl: nullableText(line.onlineStoreUrl),
        totalInventory: int(line.totalInventory),
        createdAt: required(line.createdAt, "createdAt"),
        updatedAt: required(line.updatedAt, "updatedAt"),
        deletedAt: null,
        ...synced,
      });
      return "products";
    case "ProductVariant":
      rows.variant.push({
        shop: ctx.shop,
        id: line.id,
        productId: parentId ?? line.product?.id,
        title: text(line.title),
        sku: nullableText(line.sku),
        options: JSON.stringify(line.selectedOptions ?? []),
        price: String(line.price ?? "0"),
        compareAtPrice: line.compareAtPrice == null ? null : String(line.compareAtPrice),
        availableForSale: Boolean(line.availableForSale),
        inventoryQuantity: int(line.inventoryQuantity),
        position: int(line.position) ?? lineNumber,
        updatedAt: required(line.updatedAt, "updatedAt"),
        ...synced,
      });
      return "variants";
    case "Collection":
      rows.collection.push({
        shop: ctx.shop,
        id: line.id,
        title: text(line.title),
        handle: text(line.handle),
        updatedAt: date(line.updatedAt),
        ...synced,
      });
      if (parentId) rows.membership.push({ shop: ctx.shop, productId: parentId, collectionId: line.id, ...synced });
      return "collections";
    case "MediaImage":
      if (!parentId || !line.image?.url) return null;
      rows.image.push({
        shop: ctx.shop,
        id: line.id,
        productId: parentId,
        url: line.image.url,
        altText: nullableText(line.image.altText),
        // The export keeps a product's media in order, so the line number orders them.
        position: lineNumber,
        ...synced,
      });
      return null;
    case "Customer": {
      const email = nullableText(line.defaultEmailAddress?.emailAddress);
      rows.customer.push({
        shop: ctx.shop,
        id: line.id,
        firstName: encryptNullable(ctx.keyRing, line.firstName),
        lastName: encryptNullable(ctx.keyRing, line.lastName),
        email: encryptNullable(ctx.keyRing, email),
        emailHash: lookupHashNullable(ctx.keyRing, email),
        phone: encryptNullable(ctx.keyRing, line.defaultPhoneNumber?.phoneNumber),
        tags: JSON.stringify(line.tags ?? []),
        numberOfOrders: int(line.numberOfOrders) ?? 0,
        amountSpent: String(line.amountSpent?.amount ?? "0"),
        currency: nullableText(line.amountSpent?.currencyCode),
        emailMarketingState: nullableText(line.defaultEmailAddress?.marketingState),
        country: nullableText(line.defaultAddress?.countryCodeV2),
        createdAt: required(line.createdAt, "createdAt"),
        updatedAt: required(line.updatedAt, "updatedAt"),
        deletedAt: null,
        ...synced,
      });
      return "customers";
    }
    case "Order": {
      const email = nullableText(line.email);
      const attributes: { key: string; value: string | null }[] = line.customAttributes ?? [];
      rows.order.push({
        shop: ctx.shop,
        id: line.id,
        name: text(line.name),
        customerId: nullableText(line.customer?.id),
        email: encryptNullable(ctx.keyRing, email),
        emailHash: lookupHashNullable(ctx.keyRing, email),
        currency: text(line.currencyCode),
        totalPrice: String(line.totalPriceSet?.shopMoney?.amount ?? "0"),
        subtotalPrice: line.subtotalPriceSet?.shopMoney?.amount ?? null,
        financialStatus: nullableText(line.displayFinancialStatus),
        fulfillmentStatus: text(line.displayFulfillmentStatus) || "UNFULFILLED",
        fulfillments: JSON.stringify(
          (line.fulfillments ?? []).map((f: Line) => ({
            id: f.id,
            status: f.status,
            createdAt: f.createdAt,
            updatedAt: f.updatedAt ?? f.createdAt,
            tracking: (f.trackingInfo ?? []).map((t: Line) => ({
              company: t.company ?? null,
              number: t.number ?? null,
              url: t.url ?? null,
            })),
          })),
        ),
        // Note and custom attributes are free text a shopper typed: personal data.
        customAttributes: attributes.length ? encrypt(ctx.keyRing, JSON.stringify(attributes)) : null,
        assistantConversationId: assistantConversationOf(attributes),
        shippingCountry: nullableText(line.shippingAddress?.countryCodeV2),
        createdAt: required(line.createdAt, "createdAt"),
        updatedAt: required(line.updatedAt, "updatedAt"),
        processedAt: date(line.processedAt),
        cancelledAt: date(line.cancelledAt),
        closedAt: date(line.closedAt),
        deletedAt: null,
        ...synced,
      });
      return "orders";
    }
    case "LineItem":
      if (!parentId) return null;
      rows.lineItem.push({
        shop: ctx.shop,
        id: line.id,
        orderId: parentId,
        productId: nullableText(line.product?.id),
        variantId: nullableText(line.variant?.id),
        title: text(line.title),
        sku: nullableText(line.sku),
        quantity: int(line.quantity) ?? 0,
        price: String(line.originalUnitPriceSet?.shopMoney?.amount ?? "0"),
        position: lineNumber,
        ...synced,
      });
      return "lineItems";
    default:
      // Other media (video, 3D models) and anything the query did not ask for.
      return null;
  }
}
