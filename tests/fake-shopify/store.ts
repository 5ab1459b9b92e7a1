/**
 * The fake Shopify's in-memory data: shops with their catalog, customers, orders and
 * policies, shaped like the Admin API's objects so resolvers stay thin. Ids are
 * Shopify GIDs (`gid://shopify/Product/123`).
 */

export type PolicyType =
  "REFUND_POLICY" | "SHIPPING_POLICY" | "PRIVACY_POLICY" | "TERMS_OF_SERVICE" | "CONTACT_INFORMATION";

export interface FakePolicy {
  /** Shopify's GID; by default one derived from the shop and the policy's place. */
  id?: string;
  type: PolicyType;
  title: string;
  body: string;
  url: string;
  updatedAt?: string;
}

/**
 * A merchant's translation of one field of a resource (what Translate & Adapt stores):
 * `key` is Shopify's field key (title, body_html, product_type, body…).
 */
export interface FakeTranslation {
  locale: string;
  key: string;
  value: string;
  outdated?: boolean;
  updatedAt?: string;
}

export interface FakeVariant {
  id: string;
  title: string;
  sku: string | null;
  price: string;
  compareAtPrice: string | null;
  availableForSale: boolean;
  inventoryQuantity: number;
  /** Whether Shopify keeps selling at zero stock ("continue") or stops ("deny"). */
  inventoryPolicy?: "CONTINUE" | "DENY";
  selectedOptions: { name: string; value: string }[];
  updatedAt: string;
}

export interface FakeProduct {
  id: string;
  title: string;
  handle: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  publishedOnlineStore: boolean;
  options: { name: string; values: string[] }[];
  images: { id: string; url: string; altText: string | null }[];
  collectionIds: string[];
  variants: FakeVariant[];
  createdAt: string;
  updatedAt: string;
}

export interface FakeCollection {
  id: string;
  title: string;
  handle: string;
  updatedAt: string;
}

export interface FakeCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  country: string | null;
  emailMarketingState: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED" | "PENDING";
  /** Shopify keeps these per customer; left out, the fake derives them from the orders. */
  numberOfOrders?: number;
  amountSpent?: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeLineItem {
  id: string;
  title: string;
  quantity: number;
  sku: string | null;
  productId: string | null;
  variantId: string | null;
  price: string;
}

export interface FakeFulfillment {
  id: string;
  status: "SUCCESS" | "CANCELLED" | "PENDING" | "OPEN" | "ERROR" | "FAILURE";
  createdAt: string;
  trackingInfo: { company: string | null; number: string | null; url: string | null }[];
}

export interface FakeOrder {
  id: string;
  name: string;
  customerId: string | null;
  email: string | null;
  currencyCode: string;
  totalPrice: string;
  subtotalPrice: string;
  displayFinancialStatus: string;
  displayFulfillmentStatus: string;
  shippingCountry: string | null;
  lineItems: FakeLineItem[];
  fulfillments: FakeFulfillment[];
  customAttributes: { key: string; value: string }[];
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  closedAt: string | null;
}

export interface FakeShop {
  domain: string;
  numericId: number;
  name: string;
  email: string;
  contactEmail: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryLocale: string;
  locales: string[];
  policies: FakePolicy[];
  products: Map<string, FakeProduct>;
  collections: Map<string, FakeCollection>;
  customers: Map<string, FakeCustomer>;
  orders: Map<string, FakeOrder>;
  /** Translations by resource GID (product, collection, policy). */
  translations: Map<string, FakeTranslation[]>;
  /** Scopes the merchant granted at install. */
  grantedScopes: string[];
  /** Offline access tokens issued to the app. */
  accessTokens: Set<string>;
}

let nextShopId = 1;

export function createFakeShop(domain: string, overrides: Partial<Omit<FakeShop, "domain">> = {}): FakeShop {
  const handle = domain.replace(/\.myshopify\.com$/, "");
  return {
    domain,
    numericId: nextShopId++,
    name: handle.replace(/[-_]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
    email: `owner@${handle}.example`,
    contactEmail: `help@${handle}.example`,
    currencyCode: "USD",
    ianaTimezone: "America/New_York",
    primaryLocale: "en",
    locales: ["en"],
    policies: [],
    products: new Map(),
    collections: new Map(),
    customers: new Map(),
    orders: new Map(),
    translations: new Map(),
    grantedScopes: [],
    accessTokens: new Set(),
    ...overrides,
  };
}

export class FakeShopifyStore {
  readonly shops = new Map<string, FakeShop>();

  addShop(domain: string, overrides: Partial<Omit<FakeShop, "domain">> = {}): FakeShop {
    const shop = createFakeShop(domain, overrides);
    this.shops.set(domain, shop);
    return shop;
  }

  shop(domain: string): FakeShop {
    const shop = this.shops.get(domain);
    if (!shop) throw new Error(`fake Shopify has no shop ${domain}`);
    return shop;
  }

  /** The shop an access token was issued for, or undefined. */
  shopForToken(token: string): FakeShop | undefined {
    for (const shop of this.shops.values()) if (shop.accessTokens.has(token)) return shop;
    return undefined;
  }
}

/** A policy's GID: its own, or one from the shop's id and the policy's place in the list. */
export function policyGid(shop: FakeShop, index: number) {
  return shop.policies[index]?.id ?? gid("ShopPolicy", `${shop.numericId}${index}`);
}

export function gid(type: string, id: number | string) {
  return `gid://shopify/${type}/${id}`;
}

export function legacyId(gidValue: string) {
  return gidValue.slice(gidValue.lastIndexOf("/") + 1);
}
