import { db } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { createAdminClient } from "~/shopify/admin-api.server";
import { recordInstall } from "~/shops/shops.server";
import type { FakeShopify } from "../fake-shopify/server";
import type { FakeShop } from "../fake-shopify/store";
import { addFakeShop, offlineSession, uniqueShopDomain } from "../factories/shops";

/**
 * A shop that has installed the app: it exists in the fake Shopify, holds an offline
 * token, and the app has stored that session and recorded the shop.
 */
export async function installShop(fake: FakeShopify, overrides: Partial<FakeShop> & { domain?: string } = {}) {
  const { domain = uniqueShopDomain(), ...rest } = overrides;
  const fakeShop = addFakeShop(fake, domain, rest);
  const accessToken = fake.issueToken(domain);
  await sessionStorage.storeSession(offlineSession(domain, accessToken, fakeShop.grantedScopes));
  await recordInstall(db, {
    shop: domain,
    scopes: fakeShop.grantedScopes.join(","),
    admin: createAdminClient({ shop: domain, accessToken }),
  });
  return { domain, fakeShop, accessToken };
}
