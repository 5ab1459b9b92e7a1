import { expect } from "vitest";
import { db } from "~/db.server";
import { runFullSync } from "~/sync/full-sync.server";
import type { FakeShopify } from "../fake-shopify/server";
import { DEMO_SHOP_DOMAIN, demoPolicies, loadGeneratedStore } from "../factories/demo-store";
import { installShop } from "./install";

/**
 * The demo shop (its generated store and policies) installed on a fresh domain and
 * brought into the database by the real full sync, as the demo does.
 */
export async function installSyncedDemoShop(fake: FakeShopify) {
  const installed = await installShop(fake, {
    name: "Demo Gift Shop",
    currencyCode: "GBP",
    ianaTimezone: "Europe/London",
    contactEmail: "help@demo-gift-shop.example",
    policies: demoPolicies(DEMO_SHOP_DOMAIN),
  });
  loadGeneratedStore(installed.fakeShop, { now: Date.now() });
  const summary = await runFullSync(db, installed.domain, { pollMs: 10, maxPollMs: 50 });
  expect(summary.status).toBe("completed");
  return installed;
}
