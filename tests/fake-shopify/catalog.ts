import { connection, type AdminContext, type PageArgs } from "./graphql";
import { matchesSearch } from "./search";
import { gid, legacyId, type FakeCustomer, type FakeOrder, type FakeProduct, type FakeShop } from "./store";

/**
 * Resolvers for the catalog, customers and orders, by `Type.field`, over the store's
 * objects. Only what the schema allows is answered (documents are validated first);
 * fields without a resolver read the store object's property of the same name.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers receive whatever the schema says
type Resolver = (parent: any, args: any, context: AdminContext) => unknown;

/** A bulk export returns every node: pagination arguments do not apply there. */
function page<T>(items: T[], args: PageArgs, context: AdminContext) {
  return connection(items, context.bulk ? {} : args);
}

/** A top-level connection: in a bulk pass, only that pass's slice of the nodes. */
function rootPage<T>(items: T[], args: PageArgs, context: AdminContext) {
  const range = context.bulk ? context.bulkRange : undefined;
  return page(range ? items.slice(range.offset, range.offset + range.limit) : items, args, context);
}

const money = (amount: string, currencyCode: string) => ({ amount, currencyCode });
const moneyBag = (amount: string, currencyCode: string) => ({
  shopMoney: money(amount, currencyCode),
  presentmentMoney: money(amount, currencyCode),
});

export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}

export function onlineStoreUrl(shop: FakeShop, product: FakeProduct): string | null {
  return product.publishedOnlineStore && product.status === "ACTIVE"
    ? `https://${shop.domain}/products/${product.handle}`
    : null;
}

/** Orders count and spend per customer, computed once per request. */
const customerTotals = new WeakMap<AdminContext, Map<string, { count: number; spent: number }>>();
function totalsFor(context: AdminContext, customer: FakeCustomer) {
  let totals = customerTotals.get(context);
  if (!totals) {
    totals = new Map();
    for (const order of context.shop.orders.values()) {
      if (!order.customerId || order.cancelledAt) continue;
      const entry = totals.get(order.customerId) ?? { count: 0, spent: 0 };
      entry.count += 1;
      entry.spent += Number(order.totalPrice);
      totals.set(order.customerId, entry);
    }
    customerTotals.set(context, totals);
  }
  return totals.get(customer.id) ?? { count: 0, spent: 0 };
}

const count = (value: number) => ({ count: value, precision: "EXACT" });

const products = (shop: FakeShop, query?: string | null) =>
  [...shop.products.values()].filter((p) => matchesSearch(p, query));
const customers = (shop: FakeShop, query?: string | null) =>
  [...shop.customers.values()].filter((c) => matchesSearch(c, query));
const orders = (shop: FakeShop, query?: string | null) =>
  [...shop.orders.values()].filter((o) => matchesSearch(o, query));

export const catalogResolvers: Record<string, Resolver> = {
  "Query.products": (_p, args, context) => rootPage(products(context.shop, args.query), args, context),
  "Query.productsCount": (_p, args, { shop }) => count(products(shop, args.query).length),
  "Query.product": (_p, { id }, { shop }) => shop.products.get(id) ?? null,
  "Query.collections": (_p, args, context) => rootPage([...context.shop.collections.values()], args, context),
  "Query.collection": (_p, { id }, { shop }) => shop.collections.get(id) ?? null,
  "Query.customers": (_p, args, context) => rootPage(customers(context.shop, args.query), args, context),
  "Query.customersCount": (_p, args, { shop }) => count(customers(shop, args.query).length),
  "Query.customer": (_p, { id }, { shop }) => shop.customers.get(id) ?? null,
  "Query.orders": (_p, args, context) => rootPage(orders(context.shop, args.query), args, context),
  "Query.ordersCount": (_p, args, { shop }) => count(orders(shop, args.query).length),
  "Query.order": (_p, { id }, { shop }) => shop.orders.get(id) ?? null,

  "Product.legacyResourceId": (product: FakeProduct) => legacyId(product.id),
  "Product.description": (product: FakeProduct, { truncateAt }) => {
    const text = htmlToText(product.descriptionHtml);
    return truncateAt ? text.slice(0, truncateAt) : text;
  },
  "Product.onlineStoreUrl": (product: FakeProduct, _args, { shop }) => onlineStoreUrl(shop, product),
  "Product.publishedAt": (product: FakeProduct) => (product.publishedOnlineStore ? product.createdAt : null),
  "Product.totalInventory": (product: FakeProduct) =>
    product.variants.reduce((sum, variant) => sum + variant.inventoryQuantity, 0),
  "Product.hasOnlyDefaultVariant": (product: FakeProduct) =>
    product.variants.length === 1 && product.variants[0].title === "Default Title",
  "Product.options": (product: FakeProduct, { first }) =>
    product.options.slice(0, first ?? undefined).map((option, index) => ({
      id: gid("ProductOption", `${legacyId(product.id)}${index + 1}`),
      name: option.name,
      position: index + 1,
      values: option.values,
      optionValues: option.values.map((value, valueIndex) => ({
        id: gid("ProductOptionValue", `${legacyId(product.id)}${index + 1}${valueIndex + 1}`),
        name: value,
        hasVariants: product.variants.some((v) => v.selectedOptions.some((o) => o.value === value)),
      })),
    })),
  "Product.variants": (product: FakeProduct, args, context) =>
    page(
      product.variants.map((variant, index) => ({ ...variant, position: index + 1, product })),
      args,
      context,
    ),
  "Product.variantsCount": (product: FakeProduct) => count(product.variants.length),
  "Product.collections": (product: FakeProduct, args, context) =>
    page(
      product.collectionIds.map((id) => context.shop.collections.get(id)).filter((c) => c !== undefined),
      args,
      context,
    ),
  "Product.media": (product: FakeProduct, args, context) =>
    page(
      product.images.map((image) => ({
        __typename: "MediaImage",
        id: image.id,
        alt: image.altText,
        mediaContentType: "IMAGE",
        status: "READY",
        image: { id: image.id.replace("MediaImage", "ImageSource"), url: image.url, altText: image.altText },
      })),
      args,
      context,
    ),

  "ProductVariant.legacyResourceId": (variant) => legacyId(variant.id),
  "ProductVariant.inventoryPolicy": (variant) => variant.inventoryPolicy ?? "DENY",
  "ProductVariant.inventoryItem": (variant) => ({ id: variant.id.replace("ProductVariant", "InventoryItem") }),
  "ProductVariant.displayName": (variant) => `${variant.product?.title ?? ""} - ${variant.title}`,
  "ProductVariant.createdAt": (variant) => variant.updatedAt,

  "Collection.products": (collection, args, context) =>
    page(
      [...context.shop.products.values()].filter((p) => p.collectionIds.includes(collection.id)),
      args,
      context,
    ),
  "Collection.productsCount": (collection, _args, { shop }) =>
    count([...shop.products.values()].filter((p) => p.collectionIds.includes(collection.id)).length),

  "Customer.legacyResourceId": (customer: FakeCustomer) => legacyId(customer.id),
  "Customer.displayName": (customer: FakeCustomer) =>
    [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || "",
  "Customer.defaultEmailAddress": (customer: FakeCustomer) =>
    customer.email ? { emailAddress: customer.email, marketingState: customer.emailMarketingState } : null,
  "Customer.defaultPhoneNumber": (customer: FakeCustomer) => (customer.phone ? { phoneNumber: customer.phone } : null),
  "Customer.defaultAddress": (customer: FakeCustomer) =>
    customer.country
      ? { id: customer.id.replace("Customer", "MailingAddress"), countryCodeV2: customer.country }
      : null,
  "Customer.numberOfOrders": (customer: FakeCustomer, _args, context) =>
    String(customer.numberOfOrders ?? totalsFor(context, customer).count),
  "Customer.amountSpent": (customer: FakeCustomer, _args, context) =>
    money(customer.amountSpent ?? totalsFor(context, customer).spent.toFixed(2), context.shop.currencyCode),
  "Customer.orders": (customer: FakeCustomer, args, context) =>
    page(
      [...context.shop.orders.values()].filter((o) => o.customerId === customer.id),
      args,
      context,
    ),

  "Order.legacyResourceId": (order: FakeOrder) => legacyId(order.id),
  "Order.number": (order: FakeOrder) => Number(order.name.replace(/\D/g, "")) || 0,
  "Order.customer": (order: FakeOrder, _args, { shop }) =>
    order.customerId ? (shop.customers.get(order.customerId) ?? null) : null,
  "Order.closed": (order: FakeOrder) => order.closedAt !== null,
  "Order.totalPriceSet": (order: FakeOrder) => moneyBag(order.totalPrice, order.currencyCode),
  "Order.currentTotalPriceSet": (order: FakeOrder) => moneyBag(order.totalPrice, order.currencyCode),
  "Order.subtotalPriceSet": (order: FakeOrder) => moneyBag(order.subtotalPrice, order.currencyCode),
  "Order.shippingAddress": (order: FakeOrder) =>
    order.shippingCountry
      ? { id: order.id.replace("Order", "MailingAddress"), countryCodeV2: order.shippingCountry }
      : null,
  "Order.lineItems": (order: FakeOrder, args, context) =>
    page(
      order.lineItems.map((item) => ({ ...item, order })),
      args,
      context,
    ),
  "Order.fulfillments": (order: FakeOrder, { first }) =>
    order.fulfillments.slice(0, first ?? undefined).map((fulfillment) => ({
      ...fulfillment,
      updatedAt: fulfillment.createdAt,
      name: `${order.name}-F`,
    })),

  "LineItem.name": (item) => item.title,
  "LineItem.product": (item, _args, { shop }) => (item.productId ? (shop.products.get(item.productId) ?? null) : null),
  "LineItem.variant": (item, _args, { shop }) => {
    if (!item.variantId) return null;
    const product = item.productId ? shop.products.get(item.productId) : undefined;
    return product?.variants.find((v) => v.id === item.variantId) ?? null;
  },
  "LineItem.currentQuantity": (item) => item.quantity,
  "LineItem.originalUnitPriceSet": (item) => moneyBag(item.price, item.order.currencyCode),
  "LineItem.discountedUnitPriceSet": (item) => moneyBag(item.price, item.order.currencyCode),
  "LineItem.originalTotalSet": (item) =>
    moneyBag((Number(item.price) * item.quantity).toFixed(2), item.order.currencyCode),

  "Fulfillment.trackingInfo": (fulfillment, { first }) => fulfillment.trackingInfo.slice(0, first ?? undefined),
};
