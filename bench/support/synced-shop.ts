import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { TEST_API_KEY, TEST_API_SECRET, TEST_API_VERSION, TEST_APP_URL } from "../../tests/support/constants";
import { generateKeyMaterial } from "../../app/privacy/crypto.server";
import { migrate } from "../../scripts/migrate.mjs";
import type { BenchShopOptions } from "../chat/shop";
import type { FakeShop } from "../../tests/fake-shopify/store";

/** A shop other than the generated one: its settings in the fake Shopify and what fills it. */
export interface BenchShopContents {
  settings?: Partial<Omit<FakeShop, "domain" | "grantedScopes">>;
  /** Fills the fake shop (catalog, customers, orders, policies) before the app installs it. */
  load: (shop: FakeShop, log: (message: string) => void) => unknown;
}

/**
 * A benchmark's shop, brought in the way a real one is: a fresh SQLite database, the
 * generated shop in the local fake Shopify, the app's install and its real full sync.
 * The environment is set before any app module loads (they read it once), so the app's
 * modules are imported here, after it, and handed back.
 */
export async function syncedBenchShop(
  name: string,
  contents: BenchShopOptions | BenchShopContents,
  log: (message: string) => void,
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  const databaseUrl = `file:${path.join(dir, "bench.sqlite")}`;
  migrate(databaseUrl);

  const { createFakeShopify } = await import("../../tests/fake-shopify/server");
  const fake = createFakeShopify({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, apiVersions: [TEST_API_VERSION] });
  const fakeServer = await fake.listen(0);
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: TEST_APP_URL,
    SCOPES: "read_products,read_customers,read_orders,read_legal_policies",
    SHOPIFY_API_ORIGIN: fakeServer.url,
    ...generateKeyMaterial("bench"),
  });

  const { generateBenchShop } = await import("../chat/shop");
  const { db } = await import("../../app/db.server");
  const { sessionStorage } = await import("../../app/shopify.server");
  const { createAdminClient } = await import("../../app/shopify/admin-api.server");
  const { recordInstall } = await import("../../app/shops/shops.server");
  const { runFullSync } = await import("../../app/sync/full-sync.server");
  const { offlineSession } = await import("../../tests/factories/shops");

  const domain = `bench-${name}.myshopify.com`;
  const fakeShop = fake.store.addShop(domain, {
    name: "Bench Shop",
    currencyCode: "GBP",
    ianaTimezone: "Europe/London",
    ...("load" in contents ? contents.settings : {}),
    grantedScopes: ["read_products", "read_customers", "read_orders", "read_legal_policies"],
  });
  const loadStarted = performance.now();
  if ("load" in contents) {
    await contents.load(fakeShop, log);
  } else {
    log(`generating a shop of ${contents.products.toLocaleString("en")} products…`);
    generateBenchShop(fakeShop, contents);
  }
  const loadMs = performance.now() - loadStarted;
  const token = fake.issueToken(domain);
  await sessionStorage.storeSession(offlineSession(domain, token, fakeShop.grantedScopes));
  await recordInstall(db, {
    shop: domain,
    scopes: fakeShop.grantedScopes.join(","),
    admin: createAdminClient({ shop: domain, accessToken: token }),
  });
  log("syncing it into the database…");
  const syncStarted = performance.now();
  const synced = await runFullSync(db, domain, { pollMs: 20, maxPollMs: 100 });
  if (synced.status !== "completed") throw new Error(`sync ${synced.status}: ${synced.error}`);
  const syncMs = performance.now() - syncStarted;
  log(`synced ${JSON.stringify(synced.counts)}`);
  return {
    db,
    domain,
    fakeShop,
    counts: synced.counts,
    timings: { loadMs, syncMs },
    close: () => fakeServer.close(),
  };
}
