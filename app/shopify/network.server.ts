import { env } from "../env.server";

/**
 * The network edge to Shopify. Every request the app makes to a shop's Admin API or
 * OAuth endpoints goes through `shopifyFetch`, so one setting (SHOPIFY_API_ORIGIN) can
 * send them to the local fake Shopify (demo, tests) instead of https://<shop>.
 *
 * The global fetch is looked up on each call, not captured, so tests that intercept
 * fetch at the network edge (MSW) see these requests too.
 */
export function createShopifyFetch(apiOrigin: string | undefined): typeof fetch {
  if (!apiOrigin) return (input, init) => globalThis.fetch(input, init);
  const origin = new URL(apiOrigin);
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!url.hostname.endsWith(".myshopify.com")) return globalThis.fetch(request);
    // The fake serves every shop on one origin; the shop's domain leads the path.
    const target = new URL(`/${url.hostname}${url.pathname}${url.search}`, origin);
    const body = request.body ? await request.arrayBuffer() : undefined;
    return globalThis.fetch(target, { method: request.method, headers: request.headers, body, signal: request.signal });
  };
}

export const shopifyFetch = createShopifyFetch(env.SHOPIFY_API_ORIGIN);
