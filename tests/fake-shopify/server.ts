import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { bulkResolvers, FakeBulkOperations } from "./bulk";
import { catalogResolvers } from "./catalog";
import { CostBudget, estimateCost, FakeFaults, throttledResponse } from "./faults";
import { executeAdmin, resolvers, type AdminContext } from "./graphql";
import { verifySessionToken } from "./signing";
import { FakeShopifyStore, type FakeShop } from "./store";
import { translationResolvers } from "./translations";

Object.assign(resolvers, catalogResolvers, bulkResolvers, translationResolvers);

export interface FakeShopifyOptions {
  apiKey: string;
  apiSecret: string;
  /** The Admin API versions this fake answers; others get 404 like a retired version. */
  apiVersions: string[];
  store?: FakeShopifyStore;
}

export interface FakeShopify {
  store: FakeShopifyStore;
  /** Every request the fake received, newest last (for assertions). */
  requests: { method: string; shop: string; path: string }[];
  /** Hooks that later features of the fake attach to (bulk operations, faults). */
  extras: Record<string, unknown>;
  /** Bulk operations: settings, injected failures and truncated downloads, `finish()`. */
  bulk: FakeBulkOperations;
  /** Throttling, 429, 5xx and dropped connections on demand. */
  faults: FakeFaults;
  /** The GraphQL cost bucket each shop draws from. */
  costs: CostBudget;
  handle(request: Request): Promise<Response>;
  /** Issues an offline token directly, as if the shop had installed the app earlier. */
  issueToken(shop: string): string;
  listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

const json = (body: unknown, status = 200, headers: HeadersInit = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

/**
 * Splits a request into shop and path. The app either calls https://<shop>/... (MSW
 * in tests) or, through SHOPIFY_API_ORIGIN, http://<fake>/<shop>/... (the demo).
 */
export function locate(url: URL): { shop: string; path: string } | null {
  if (url.hostname.endsWith(".myshopify.com")) return { shop: url.hostname, path: url.pathname };
  const match = /^\/([a-z0-9][a-z0-9-]*\.myshopify\.com)(\/.*)$/.exec(url.pathname);
  return match ? { shop: match[1], path: match[2] } : null;
}

export function createFakeShopify({
  apiKey,
  apiSecret,
  apiVersions,
  store = new FakeShopifyStore(),
}: FakeShopifyOptions) {
  const bulk = new FakeBulkOperations((domain) => store.shops.get(domain));
  const fake: FakeShopify = {
    store,
    requests: [],
    extras: { bulk },
    bulk,
    faults: new FakeFaults(),
    costs: new CostBudget(),
    issueToken(shop) {
      const token = `shpat_fake_${randomBytes(16).toString("hex")}`;
      store.shop(shop).accessTokens.add(token);
      return token;
    },
    async handle(request) {
      const url = new URL(request.url);
      const located = locate(url);
      if (!located) return json({ errors: "Not Found" }, 404);
      const { shop: domain, path } = located;
      fake.requests.push({ method: request.method, shop: domain, path });
      const shop = store.shops.get(domain);
      if (!shop) return json({ errors: "Not Found" }, 404);

      if (path === "/admin/oauth/access_token" && request.method === "POST") {
        return accessToken(shop, await readBody(request));
      }
      const graphql = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
      if (graphql && request.method === "POST") {
        if (!apiVersions.includes(graphql[1])) return json({ errors: "Not Found" }, 404);
        const token = request.headers.get("X-Shopify-Access-Token") ?? "";
        if (!shop.accessTokens.has(token)) {
          return json({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }, 401);
        }
        const intercept = fake.extras.beforeGraphql as ((shop: FakeShop) => Response | undefined) | undefined;
        const injected = fake.faults.intercept("graphql", fake.costs, domain) ?? intercept?.(shop);
        if (injected) return injected;
        const body = (await request.json()) as { query: string; variables?: Record<string, unknown> };
        const cost = estimateCost(body.query, body.variables ?? {});
        const throttleStatus = fake.costs.charge(domain, cost);
        if (!throttleStatus) return throttledResponse(fake.costs.status(domain), cost);
        const context: AdminContext = { shop, extras: fake.extras, apiVersion: graphql[1] };
        const result = await executeAdmin(graphql[1], body, context);
        const decorate = fake.extras.decorateGraphqlResult as
          ((shop: FakeShop, result: Record<string, unknown>) => Record<string, unknown>) | undefined;
        const payload = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
        payload.extensions = {
          ...(payload.extensions as object | undefined),
          cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus },
        };
        return json(decorate ? decorate(shop, payload) : payload);
      }
      const download = /^\/__fake\/bulk\/(\d+)\.jsonl$/.exec(path);
      if (download && request.method === "GET") {
        return fake.faults.intercept("download", fake.costs, domain) ?? fake.bulk.download(shop, Number(download[1]));
      }
      const extraRoute = fake.extras.route as
        ((shop: FakeShop, path: string, request: Request) => Promise<Response | undefined>) | undefined;
      const routed = await extraRoute?.(shop, path, request);
      return routed ?? json({ errors: "Not Found" }, 404);
    },
    async listen(port = 0) {
      const server = await serve(fake, port);
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      return {
        url: `http://127.0.0.1:${actualPort}`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };

  async function readBody(request: Request): Promise<Record<string, string>> {
    const type = request.headers.get("Content-Type") ?? "";
    if (type.includes("application/json")) return (await request.json()) as Record<string, string>;
    return Object.fromEntries(new URLSearchParams(await request.text()));
  }

  /** Token exchange (an embedded app's first load) for an offline or online token. */
  function accessToken(shop: FakeShop, body: Record<string, string>) {
    if (body.client_id !== apiKey || body.client_secret !== apiSecret) {
      return json({ error: "invalid_client", error_description: "Client credentials are invalid" }, 401);
    }
    if (body.grant_type !== "urn:ietf:params:oauth:grant-type:token-exchange") {
      return json({ error: "unsupported_grant_type" }, 400);
    }
    const claims = verifySessionToken(body.subject_token ?? "", apiSecret);
    if (!claims || claims.dest !== `https://${shop.domain}`) {
      return json({ error: "invalid_subject_token", error_description: "Session token is invalid" }, 400);
    }
    const token = fake.issueToken(shop.domain);
    const scope = shop.grantedScopes.join(",");
    if (body.requested_token_type === "urn:shopify:params:oauth:token-type:online-access-token") {
      return json({
        access_token: token,
        scope,
        expires_in: 86399,
        associated_user_scope: scope,
        associated_user: {
          id: Number(claims.sub),
          first_name: "Demo",
          last_name: "Merchant",
          email: shop.email,
          email_verified: true,
          account_owner: true,
          locale: shop.primaryLocale,
          collaborator: false,
        },
      });
    }
    return json({ access_token: token, scope });
  }

  return fake;
}

function serve(fake: FakeShopify, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(key, value);
      }
      const request = new Request(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
      });
      const response = await fake.handle(request);
      if (response.type === "error") {
        // An injected network failure: drop the connection without an answer.
        res.socket?.destroy();
        return;
      }
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      }
      res.end();
    } catch (error) {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ errors: String(error) }));
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
