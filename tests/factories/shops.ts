import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import type { FakeShopify } from "../fake-shopify/server";
import type { FakeShop } from "../fake-shopify/store";

export function uniqueShopDomain(prefix = "shop") {
  return `${prefix}-${randomBytes(4).toString("hex")}.myshopify.com`;
}

export const DEFAULT_SCOPES = [
  "read_products",
  "read_customers",
  "read_orders",
  "read_legal_policies",
  "read_translations",
];

/** A shop in the fake Shopify, as a merchant would have set it up. */
export function addFakeShop(fake: FakeShopify, domain = uniqueShopDomain(), overrides: Partial<FakeShop> = {}) {
  return fake.store.addShop(domain, { grantedScopes: DEFAULT_SCOPES, ...overrides });
}

/** The offline session token exchange would have stored for an installed shop. */
export function offlineSession(shop: string, accessToken: string, scopes = DEFAULT_SCOPES) {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "",
    isOnline: false,
    scope: scopes.join(","),
    accessToken,
  });
}
