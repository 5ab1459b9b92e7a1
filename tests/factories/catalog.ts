import type { FakeBulkOperation } from "../fake-shopify/bulk";
import {
  gid,
  legacyId,
  type FakeCollection,
  type FakeCustomer,
  type FakeFulfillment,
  type FakeOrder,
  type FakeProduct,
  type FakeShop,
  type FakeVariant,
} from "../fake-shopify/store";

/**
 * Builders for a shop's catalog, customers and orders in the fake Shopify, and for the
 * webhook payloads Shopify sends about them (REST-shaped: snake_case, numeric ids,
 * `admin_graphql_api_id`, `updated_at`). Shared by tests and the demo seed.
 */

let nextNumber = 7_000_000_000;
const nextId = () => nextNumber++;

/** A small deterministic random source (mulberry32), so seeded data is the same each run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (date: Date) => date.toISOString();
const daysAgo = (days: number, from = new Date()) => new Date(from.getTime() - days * 86_400_000);

export function buildVariant(overrides: Partial<FakeVariant> = {}): FakeVariant {
  const id = overrides.id ?? gid("ProductVariant", nextId());
  return {
    id,
    title: "Default Title",
    sku: `SKU-${legacyId(id)}`,
    price: "10.00",
    compareAtPrice: null,
    availableForSale: true,
    inventoryQuantity: 5,
    inventoryPolicy: "DENY",
    selectedOptions: [{ name: "Title", value: "Default Title" }],
    updatedAt: iso(daysAgo(3)),
    ...overrides,
  };
}

export function buildProduct(
  overrides: Partial<Omit<FakeProduct, "variants">> & { variants?: Partial<FakeVariant>[] } = {},
): FakeProduct {
  const id = overrides.id ?? gid("Product", nextId());
  const title = overrides.title ?? `Product ${legacyId(id)}`;
  const updatedAt = overrides.updatedAt ?? iso(daysAgo(2));
  const variants = (overrides.variants ?? [{}]).map((variant) => buildVariant({ updatedAt, ...variant }));
  const optionNames = [...new Set(variants.flatMap((v) => v.selectedOptions.map((o) => o.name)))];
  return {
    id,
    title,
    handle: title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, ""),
    descriptionHtml: `<p>${title}, made to last.</p>`,
    vendor: "Paper Cranes Co.",
    productType: "Stationery",
    tags: ["new"],
    status: "ACTIVE",
    publishedOnlineStore: true,
    options: optionNames.map((name) => ({
      name,
      values: [...new Set(variants.map((v) => v.selectedOptions.find((o) => o.name === name)?.value ?? ""))],
    })),
    images: [
      {
        id: gid("MediaImage", nextId()),
        url: `https://cdn.example.test/products/${legacyId(id)}.jpg`,
        altText: title,
      },
    ],
    collectionIds: [],
    createdAt: iso(daysAgo(30)),
    updatedAt,
    ...overrides,
    variants,
  };
}

export function buildCollection(overrides: Partial<FakeCollection> = {}): FakeCollection {
  const id = overrides.id ?? gid("Collection", nextId());
  const title = overrides.title ?? `Collection ${legacyId(id)}`;
  return {
    id,
    title,
    handle: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    updatedAt: iso(daysAgo(5)),
    ...overrides,
  };
}

export function buildCustomer(overrides: Partial<FakeCustomer> = {}): FakeCustomer {
  const id = overrides.id ?? gid("Customer", nextId());
  return {
    id,
    firstName: "Pat",
    lastName: `Doe ${legacyId(id).slice(-4)}`,
    email: `pat.${legacyId(id)}@example.com`,
    phone: null,
    tags: [],
    country: "GB",
    emailMarketingState: "NOT_SUBSCRIBED",
    createdAt: iso(daysAgo(90)),
    updatedAt: iso(daysAgo(4)),
    ...overrides,
  };
}

export interface OrderLine {
  product: FakeProduct;
  variant?: FakeVariant;
  quantity?: number;
}

export function buildOrder(
  shop: FakeShop,
  { lines, customer, ...overrides }: Partial<FakeOrder> & { lines?: OrderLine[]; customer?: FakeCustomer | null } = {},
): FakeOrder {
  const id = overrides.id ?? gid("Order", nextId());
  const items = (lines ?? []).map(({ product, variant = product.variants[0], quantity = 1 }) => ({
    id: gid("LineItem", nextId()),
    title: product.title,
    quantity,
    sku: variant.sku,
    productId: product.id,
    variantId: variant.id,
    price: variant.price,
  }));
  const subtotal = items.reduce((sum, item) => sum + Number(item.price) * item.quantity, 0).toFixed(2);
  const createdAt = overrides.createdAt ?? iso(daysAgo(7));
  return {
    id,
    name: `#${1000 + shop.orders.size + 1}`,
    customerId: customer?.id ?? null,
    email: customer?.email ?? null,
    currencyCode: shop.currencyCode,
    totalPrice: subtotal,
    subtotalPrice: subtotal,
    displayFinancialStatus: "PAID",
    displayFulfillmentStatus: "UNFULFILLED",
    shippingCountry: customer?.country ?? null,
    lineItems: items,
    fulfillments: [],
    customAttributes: [],
    createdAt,
    updatedAt: createdAt,
    processedAt: createdAt,
    cancelledAt: null,
    closedAt: null,
    ...overrides,
  };
}

export function buildFulfillment(overrides: Partial<FakeFulfillment> = {}): FakeFulfillment {
  const id = overrides.id ?? gid("Fulfillment", nextId());
  return {
    id,
    status: "SUCCESS",
    createdAt: iso(daysAgo(1)),
    trackingInfo: [
      {
        company: "Royal Mail",
        number: `RM${legacyId(id)}GB`,
        url: `https://track.example.test/RM${legacyId(id)}GB`,
      },
    ],
    ...overrides,
  };
}

export function addProduct(shop: FakeShop, product: FakeProduct) {
  shop.products.set(product.id, product);
  return product;
}
export function addCustomer(shop: FakeShop, customer: FakeCustomer) {
  shop.customers.set(customer.id, customer);
  return customer;
}
export function addOrder(shop: FakeShop, order: FakeOrder) {
  shop.orders.set(order.id, order);
  return order;
}
export function addCollection(shop: FakeShop, collection: FakeCollection) {
  shop.collections.set(collection.id, collection);
  return collection;
}

export const STANDARD_POLICIES = (shop: FakeShop): FakeShop["policies"] => [
  {
    type: "REFUND_POLICY",
    title: "Refund policy",
    body: "<p>Return unused items within 30 days for a full refund.</p>",
    url: `https://${shop.domain}/policies/refund-policy`,
  },
  {
    type: "SHIPPING_POLICY",
    title: "Shipping policy",
    body: "<p>Orders ship within 2 business days. UK delivery takes 1-3 days.</p>",
    url: `https://${shop.domain}/policies/shipping-policy`,
  },
  {
    type: "PRIVACY_POLICY",
    title: "Privacy policy",
    body: "<p>We use your details only to fulfil your order.</p>",
    url: `https://${shop.domain}/policies/privacy-policy`,
  },
  {
    type: "TERMS_OF_SERVICE",
    title: "Terms of service",
    body: "<p>By buying from us you agree to these terms.</p>",
    url: `https://${shop.domain}/policies/terms-of-service`,
  },
  {
    type: "CONTACT_INFORMATION",
    title: "Contact",
    body: `<p>Write to help@${shop.domain}.</p>`,
    url: `https://${shop.domain}/policies/contact-information`,
  },
];

export interface SeedOptions {
  products?: number;
  collections?: number;
  customers?: number;
  /** Orders within the last 60 days; `oldOrders` are older (only read_all_orders sees them). */
  orders?: number;
  oldOrders?: number;
  seed?: number;
  now?: Date;
}

/**
 * A believable small shop: products with one to three variants (sizes), a few images,
 * collections, customers and orders with line items, fulfillments and tracking, and
 * the five legal policies.
 */
export function seedShop(shop: FakeShop, options: SeedOptions = {}) {
  const {
    products = 12,
    collections = 3,
    customers = 6,
    orders = 10,
    oldOrders = 0,
    seed = 1,
    now = new Date(),
  } = options;
  const random = seededRandom(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  shop.policies = STANDARD_POLICIES(shop);

  const madeCollections = Array.from({ length: collections }, (_, i) =>
    addCollection(shop, buildCollection({ title: ["Summer", "Gifts", "Sale", "Paper", "Home"][i % 5] + ` ${i + 1}` })),
  );
  const sizes = ["S", "M", "L"];
  const madeProducts = Array.from({ length: products }, (_, i) => {
    const variantCount = 1 + Math.floor(random() * 3);
    const price = (2 + Math.floor(random() * 4000) / 100).toFixed(2);
    const productUpdated = iso(daysAgo(1 + Math.floor(random() * 20), now));
    const variants =
      variantCount === 1
        ? [{ price, inventoryQuantity: Math.floor(random() * 20), updatedAt: productUpdated }]
        : sizes.slice(0, variantCount).map((size) => ({
            title: size,
            price,
            compareAtPrice: random() < 0.3 ? (Number(price) * 1.25).toFixed(2) : null,
            inventoryQuantity: Math.floor(random() * 20),
            availableForSale: true,
            selectedOptions: [{ name: "Size", value: size }],
            updatedAt: productUpdated,
          }));
    const product = buildProduct({
      title: `${pick(["Paper", "Linen", "Cotton", "Glass", "Oak"])} ${pick(["Crane", "Lantern", "Notebook", "Mug", "Tote"])} ${i + 1}`,
      productType: pick(["Stationery", "Home", "Bags"]),
      tags: [pick(["gift", "bestseller", "eco"]), "new"].slice(0, 1 + Math.floor(random() * 2)),
      status: i % 11 === 10 ? "DRAFT" : "ACTIVE",
      collectionIds: madeCollections.filter(() => random() < 0.4).map((c) => c.id),
      variants,
      updatedAt: productUpdated,
    });
    product.images.push({
      id: gid("MediaImage", nextId()),
      url: `https://cdn.example.test/products/${legacyId(product.id)}-back.jpg`,
      altText: null,
    });
    return addProduct(shop, product);
  });

  const firstNames = ["Ada", "Ben", "Chloe", "Dev", "Esme", "Finn", "Gita", "Hugo"];
  const madeCustomers = Array.from({ length: customers }, (_, i) =>
    addCustomer(
      shop,
      buildCustomer({
        firstName: firstNames[i % firstNames.length],
        lastName: `Example${i + 1}`,
        email: `${firstNames[i % firstNames.length].toLowerCase()}.${i + 1}@example.com`,
        phone: i % 2 === 0 ? `+4420700${String(i).padStart(5, "0")}` : null,
        tags: i % 3 === 0 ? ["vip"] : [],
        emailMarketingState: i % 2 === 0 ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
        country: pick(["GB", "FR", "DE", "US"]),
      }),
    ),
  );

  let orderCount = 0;
  const makeOrder = (age: number) => {
    // Every fourth order came through the storefront assistant (the widget's cart
    // attribute); counted, not drawn, so the random stream of existing seeds is unchanged.
    orderCount += 1;
    const viaAssistant = orderCount % 4 === 0;
    const customer = random() < 0.85 ? pick(madeCustomers) : null;
    const lineCount = 1 + Math.floor(random() * 3);
    const lines = Array.from({ length: lineCount }, () => {
      const product = pick(madeProducts);
      return { product, variant: pick(product.variants), quantity: 1 + Math.floor(random() * 3) };
    });
    const createdAt = iso(daysAgo(age, now));
    const fulfilled = random() < 0.5;
    const order = buildOrder(shop, {
      lines,
      customer,
      createdAt,
      updatedAt: createdAt,
      processedAt: createdAt,
      displayFulfillmentStatus: fulfilled ? "FULFILLED" : "UNFULFILLED",
      fulfillments: fulfilled ? [buildFulfillment({ createdAt })] : [],
      customAttributes: [
        ...(random() < 0.3 ? [{ key: "gift_message", value: "Happy birthday!" }] : []),
        ...(viaAssistant
          ? [{ key: "_assistant_conversation", value: `seeded${String(orderCount).padStart(18, "0")}` }]
          : []),
      ],
    });
    return addOrder(shop, order);
  };
  const madeOrders = [
    ...Array.from({ length: oldOrders }, () => makeOrder(61 + Math.floor(random() * 300))),
    ...Array.from({ length: orders }, () => makeOrder(Math.floor(random() * 59))),
  ];
  return { products: madeProducts, collections: madeCollections, customers: madeCustomers, orders: madeOrders };
}

// ------------------------------------------------------------------------------------
// Webhook payloads, as Shopify's REST representation of each resource.
// ------------------------------------------------------------------------------------

const numeric = (id: string) => Number(legacyId(id));
const restTags = (tags: string[]) => tags.join(", ");

export function productPayload(product: FakeProduct, overrides: Record<string, unknown> = {}) {
  const productId = numeric(product.id);
  return {
    id: productId,
    admin_graphql_api_id: product.id,
    title: product.title,
    body_html: product.descriptionHtml,
    vendor: product.vendor,
    product_type: product.productType,
    handle: product.handle,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    published_at: product.publishedOnlineStore ? product.createdAt : null,
    published_scope: "global",
    status: product.status.toLowerCase(),
    tags: restTags(product.tags),
    template_suffix: null,
    variants: product.variants.map((variant, index) => ({
      id: numeric(variant.id),
      admin_graphql_api_id: variant.id,
      product_id: productId,
      title: variant.title,
      price: variant.price,
      compare_at_price: variant.compareAtPrice,
      sku: variant.sku,
      position: index + 1,
      inventory_policy: (variant.inventoryPolicy ?? "DENY").toLowerCase(),
      inventory_management: "shopify",
      inventory_quantity: variant.inventoryQuantity,
      option1: variant.selectedOptions[0]?.value ?? null,
      option2: variant.selectedOptions[1]?.value ?? null,
      option3: variant.selectedOptions[2]?.value ?? null,
      created_at: product.createdAt,
      updated_at: variant.updatedAt,
      inventory_item_id: numeric(variant.id) + 1,
    })),
    options: product.options.map((option, index) => ({
      id: productId * 10 + index,
      product_id: productId,
      name: option.name,
      position: index + 1,
      values: option.values,
    })),
    images: product.images.map((image, index) => ({
      id: numeric(image.id),
      admin_graphql_api_id: image.id.replace("MediaImage", "ProductImage"),
      product_id: productId,
      position: index + 1,
      alt: image.altText,
      src: image.url,
    })),
    media: product.images.map((image, index) => ({
      id: numeric(image.id),
      admin_graphql_api_id: image.id,
      product_id: productId,
      position: index + 1,
      alt: image.altText,
      media_content_type: "IMAGE",
      preview_image: { src: image.url, status: "READY" },
    })),
    ...overrides,
  };
}

export const deletePayload = (id: string) => ({ id: numeric(id) });

export function customerPayload(customer: FakeCustomer, overrides: Record<string, unknown> = {}) {
  return {
    id: numeric(customer.id),
    admin_graphql_api_id: customer.id,
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    phone: customer.phone,
    tags: restTags(customer.tags),
    state: "enabled",
    verified_email: true,
    currency: "GBP",
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    email_marketing_consent: customer.email
      ? { state: customer.emailMarketingState.toLowerCase(), opt_in_level: "single_opt_in", consent_updated_at: null }
      : null,
    default_address: customer.country ? { country_code: customer.country, default: true } : null,
    ...overrides,
  };
}

export function orderPayload(shop: FakeShop, order: FakeOrder, overrides: Record<string, unknown> = {}) {
  const customer = order.customerId ? shop.customers.get(order.customerId) : undefined;
  const fulfillment = order.displayFulfillmentStatus;
  return {
    id: numeric(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: Number(order.name.replace(/\D/g, "")),
    email: order.email,
    contact_email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    cancelled_at: order.cancelledAt,
    closed_at: order.closedAt,
    cancel_reason: order.cancelledAt ? "customer" : null,
    currency: order.currencyCode,
    total_price: order.totalPrice,
    subtotal_price: order.subtotalPrice,
    financial_status: order.displayFinancialStatus.toLowerCase(),
    fulfillment_status:
      fulfillment === "FULFILLED" ? "fulfilled" : fulfillment === "PARTIALLY_FULFILLED" ? "partial" : null,
    customer: customer
      ? {
          id: numeric(customer.id),
          admin_graphql_api_id: customer.id,
          email: customer.email,
          first_name: customer.firstName,
          last_name: customer.lastName,
        }
      : null,
    line_items: order.lineItems.map((item) => ({
      id: numeric(item.id),
      admin_graphql_api_id: item.id,
      title: item.title,
      name: item.title,
      quantity: item.quantity,
      sku: item.sku,
      price: item.price,
      product_id: item.productId ? numeric(item.productId) : null,
      variant_id: item.variantId ? numeric(item.variantId) : null,
    })),
    fulfillments: order.fulfillments.map((f) => ({
      id: numeric(f.id),
      admin_graphql_api_id: f.id,
      order_id: numeric(order.id),
      status: f.status.toLowerCase(),
      created_at: f.createdAt,
      updated_at: f.createdAt,
      tracking_company: f.trackingInfo[0]?.company ?? null,
      tracking_number: f.trackingInfo[0]?.number ?? null,
      tracking_numbers: f.trackingInfo.map((t) => t.number).filter(Boolean),
      tracking_url: f.trackingInfo[0]?.url ?? null,
      tracking_urls: f.trackingInfo.map((t) => t.url).filter(Boolean),
    })),
    note_attributes: order.customAttributes.map(({ key, value }) => ({ name: key, value })),
    shipping_address: order.shippingCountry ? { country_code: order.shippingCountry } : null,
    ...overrides,
  };
}

export function collectionPayload(collection: FakeCollection, overrides: Record<string, unknown> = {}) {
  return {
    id: numeric(collection.id),
    admin_graphql_api_id: collection.id,
    handle: collection.handle,
    title: collection.title,
    updated_at: collection.updatedAt,
    body_html: "",
    published_at: collection.updatedAt,
    sort_order: "manual",
    ...overrides,
  };
}

export function bulkFinishPayload(operation: FakeBulkOperation) {
  return {
    admin_graphql_api_id: operation.id,
    completed_at: operation.completedAt,
    created_at: operation.createdAt,
    error_code: operation.errorCode?.toLowerCase() ?? null,
    status: operation.status.toLowerCase(),
    type: "query",
  };
}
