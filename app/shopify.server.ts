import "@shopify/shopify-app-remix/adapters/node";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { db } from "./db.server";
import { env } from "./env.server";
import { API_VERSION, createAdminClient } from "./shopify/admin-api.server";
import { shopifyFetch } from "./shopify/network.server";
import { log } from "./log.server";
import { keyRing } from "./privacy/keys.server";
import { DbSessionStorage } from "./shopify/session-storage.server";
import { jobs } from "./jobs/index.server";
import { recordInstall } from "./shops/shops.server";
import { enqueueFullSync } from "./sync/jobs.server";

// The node adapter hands the library the global fetch; ours keeps every call to
// Shopify on one network edge (see shopify/network.server.ts).
setAbstractFetchFunc(shopifyFetch);

export const sessionStorage = new DbSessionStorage(db, keyRing);

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES.split(",").map((scope) => scope.trim()),
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage,
  // The library's own lines go through the app's redacting logger (severity 0 error, 1 warning).
  logger: { log: (severity, message) => (severity === 0 ? log.error : severity === 1 ? log.warn : log.info)(message) },
  distribution: AppDistribution.AppStore,
  // Shopify-managed install plus token exchange: no OAuth redirects inside the admin.
  future: { unstable_newEmbeddedAuthStrategy: true },
  hooks: {
    afterAuth: async ({ session }) => {
      const before = await db.shop.findUnique({ where: { domain: session.shop } });
      await recordInstall(db, {
        shop: session.shop,
        scopes: session.scope ?? "",
        admin: createAdminClient({ shop: session.shop, accessToken: session.accessToken! }),
      });
      // A new or returning shop gets its data synced; a refreshed token alone does not
      // start another full sync once one has completed.
      const installedNow = !before || before.uninstalledAt !== null;
      const synced = await db.syncRun.count({ where: { shop: session.shop, status: "completed" } });
      if (installedNow || synced === 0) await enqueueFullSync(jobs, session.shop, "install");
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
