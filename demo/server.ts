import { randomUUID } from "node:crypto";
import { readFileSync, existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Liquid, Tag, type Emitter, type TagToken, type TopLevelToken, type Context } from "liquidjs";
import { signProxyQuery, signSessionToken } from "../tests/fake-shopify/signing";
import type { FakeProduct, FakeShop } from "../tests/fake-shopify/store";
import { legacyId, policyGid } from "../tests/fake-shopify/store";

/**
 * The demo's web front: what Shopify would serve around the app.
 *
 * - a storefront (home, collection, product, cart pages and the Ajax Cart API) rendered
 *   with liquidjs, with the app's real theme app extension block in every page;
 * - Shopify's app proxy: /apps/assistant/* is forwarded to the app with the query
 *   Shopify would add (shop, logged_in_customer_id, timestamp) and its signature;
 * - a stand-in Shopify admin at /admin that frames the embedded app with a valid
 *   session token, and a stand-in App Bridge script (Shopify's is on its CDN).
 *
 * The app itself sits behind this server (as behind a tunnel): /app, /auth, /assets
 * and Remix's /__manifest are reverse-proxied to it.
 */

export interface DemoServerOptions {
  shop: FakeShop;
  apiKey: string;
  apiSecret: string;
  /** Where the production build of the app listens (internal). */
  appOrigin: string;
  /** The theme app extension folder rendered into the storefront. */
  extensionDir: string;
  port: number;
  host?: string;
}

const root = path.resolve(import.meta.dirname, "..");
const APP_PROXY_PREFIX = "/apps/assistant";
/** Each language in its own name, as Shopify's language selectors show them. */
const LANGUAGE_NAMES: Record<string, string> = { en: "English", fr: "Français", de: "Deutsch", es: "Español" };

interface Cart {
  token: string;
  items: { variantId: string; productId: string; title: string; quantity: number; price: number }[];
  attributes: Record<string, string>;
  note: string | null;
}

export async function startDemoServer(
  options: DemoServerOptions,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const { shop, apiKey, apiSecret, appOrigin, extensionDir } = options;
  const carts = new Map<string, Cart>();
  const products = [...shop.products.values()].filter((p) => p.status === "ACTIVE" && p.publishedOnlineStore);
  const byHandle = new Map(products.map((p) => [p.handle, p]));
  const variantIndex = new Map<string, { product: FakeProduct; variant: FakeProduct["variants"][number] }>();
  for (const product of products)
    for (const variant of product.variants) variantIndex.set(legacyId(variant.id), { product, variant });
  const collections = [...shop.collections.values()].map((c) => ({
    ...c,
    products: products.filter((p) => p.collectionIds.includes(c.id)),
  }));
  const bestsellers = rankBestsellers(shop, products);
  const demoCustomers = [...shop.customers.values()]
    .filter((c) => [...shop.orders.values()].some((o) => o.customerId === c.id))
    .slice(0, 12)
    .map((c) => ({ id: legacyId(c.id), name: `${c.firstName} ${c.lastName}` }));

  const engine = themeEngine(shop, extensionDir);
  const blockSource = readFileSync(path.join(extensionDir, "blocks/assistant.liquid"), "utf8");
  const blockSettings = schemaDefaults(blockSource);
  const appBridge = readFileSync(path.join(root, "demo/public/app-bridge.js"), "utf8");
  const adminPage = readFileSync(path.join(root, "demo/public/admin.html"), "utf8");

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error("demo server error", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("Demo server error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const p = url.pathname;
    if (p.startsWith(APP_PROXY_PREFIX + "/") || p === APP_PROXY_PREFIX) return appProxy(req, res, url);
    if (
      p === "/app" ||
      p.startsWith("/app/") ||
      p.startsWith("/auth/") ||
      p.startsWith("/assets/") ||
      p === "/__manifest" ||
      p.endsWith(".data")
    ) {
      return reverseProxy(req, res, url);
    }
    if (p === "/admin" || p.startsWith("/admin/")) return send(res, 200, adminHtml(url), "text/html; charset=utf-8");
    if (p === "/__demo/app-bridge.js") return send(res, 200, appBridge, "text/javascript; charset=utf-8", req);
    if (p === "/__demo/session-token") {
      // Only the stand-in admin (same origin) asks; Shopify's admin does this itself.
      return send(res, 200, JSON.stringify({ token: sessionToken() }), "application/json");
    }
    if (p.startsWith("/extensions/assistant-widget/assets/")) return extensionAsset(req, res, p);
    if (p === "/cart.js") return sendJson(res, cartJson(cartFor(req, res)));
    if (p === "/cart/add.js" || p === "/cart/add") return cartAdd(req, res, p.endsWith(".js"));
    if (p === "/cart/update.js") return cartUpdate(req, res);
    if (p === "/cart/change.js") return cartChange(req, res);
    if (p === "/cart/clear.js") {
      const cart = cartFor(req, res);
      cart.items = [];
      return sendJson(res, cartJson(cart));
    }
    if (p === "/account/login" && req.method === "POST") {
      const form = new URLSearchParams(await readText(req));
      const customer = form.get("customer") ?? "";
      res.setHeader("Set-Cookie", `demo_customer=${encodeURIComponent(customer)}; Path=/; SameSite=Lax`);
      return redirect(res, req.headers.referer ?? "/");
    }
    if (p === "/favicon.ico") return send(res, 204, "", "image/x-icon");
    return storefrontPage(req, res, url);
  }

  // ---- Storefront ------------------------------------------------------------------

  /**
   * Shopify's locale paths: /fr/products/x is /products/x in French. The primary language
   * has no prefix; `?locale=` is still read, for links made before the paths.
   */
  function localeOf(url: URL): { locale: string; path: string } {
    const match = /^\/([a-z]{2}(?:-[a-z]{2})?)(\/.*)?$/i.exec(url.pathname);
    if (match && shop.locales.includes(match[1].toLowerCase()) && match[1].toLowerCase() !== shop.primaryLocale) {
      return { locale: match[1].toLowerCase(), path: match[2] || "/" };
    }
    const query = url.searchParams.get("locale");
    return { locale: query && shop.locales.includes(query) ? query : shop.primaryLocale, path: url.pathname };
  }

  /** The merchant's translation of a field (the fake Shopify's, as Translate & Adapt keeps them). */
  function translated(resourceId: string, key: string, locale: string, original: string) {
    if (locale === shop.primaryLocale) return original;
    return shop.translations.get(resourceId)?.find((t) => t.locale === locale && t.key === key)?.value ?? original;
  }

  async function storefrontPage(req: IncomingMessage, res: ServerResponse, url: URL) {
    const { locale, path: p } = localeOf(url);
    const localeRoot = locale === shop.primaryLocale ? "" : `/${locale}`;
    const productDrop = (product: FakeProduct) => localizedProductDrop(product, locale);
    let template = "";
    let pageType = "";
    let pageTitle = shop.name;
    const scope: Record<string, unknown> = {};
    const productMatch = /^\/products\/([^/]+)$/.exec(p);
    const collectionMatch = /^\/collections\/([^/]+)$/.exec(p);
    const policyMatch = /^\/policies\/([^/]+)$/.exec(p);
    if (p === "/") {
      template = "index";
      pageType = "index";
      scope.products = bestsellers.slice(0, 12).map(productDrop);
    } else if (productMatch && byHandle.has(productMatch[1])) {
      const product = byHandle.get(productMatch[1])!;
      template = "product";
      pageType = "product";
      scope.product = productDrop(product);
      pageTitle = (scope.product as { title: string }).title;
    } else if (collectionMatch && collections.some((c) => c.handle === collectionMatch[1])) {
      const collection = collections.find((c) => c.handle === collectionMatch[1])!;
      template = "collection";
      pageType = "collection";
      pageTitle = translated(collection.id, "title", locale, collection.title);
      scope.collection = {
        title: pageTitle,
        handle: collection.handle,
        products_count: collection.products.length,
        products: collection.products.slice(0, 48).map(productDrop),
      };
    } else if (p === "/cart") {
      template = "cart";
      pageType = "cart";
      pageTitle = "Your cart";
    } else if (policyMatch && shop.policies.some((policy) => policy.url.endsWith(`/${policyMatch[1]}`))) {
      const index = shop.policies.findIndex((candidate) => candidate.url.endsWith(`/${policyMatch[1]}`));
      const policy = shop.policies[index];
      template = "page";
      pageType = "policy";
      pageTitle = policy.title;
      scope.page = { title: policy.title, body: translated(policyGid(shop, index), "body", locale, policy.body) };
    } else {
      template = "page";
      pageType = "404";
      pageTitle = "Page not found";
      scope.page = { title: "Page not found", body: '<p><a href="/">Back to the shop</a></p>' };
      res.statusCode = 404;
    }
    const cart = cartFor(req, res);
    const customerId = cookies(req).demo_customer || null;
    const customer = customerId ? shop.customers.get(`gid://shopify/Customer/${customerId}`) : undefined;
    const globals = {
      shop: { name: shop.name, currency: shop.currencyCode, domain: shop.domain },
      request: { page_type: pageType, locale: { iso_code: locale } },
      routes: { root_url: localeRoot || "/", root: localeRoot },
      // The language switcher: this page in each published language.
      languages: shop.locales.map((code) => ({
        code,
        name: LANGUAGE_NAMES[code] ?? code,
        url:
          `${code === shop.primaryLocale ? "" : `/${code}`}${p === "/" && code !== shop.primaryLocale ? "" : p}${url.search}` ||
          "/",
        current: code === locale,
      })),
      cart: cartDrop(cart),
      customer: customer
        ? { id: customerId, first_name: customer.firstName, name: `${customer.firstName} ${customer.lastName}` }
        : null,
      collections: collections
        .filter((c) => c.products.length > 0)
        .slice(0, 8)
        .map((c) => ({ title: translated(c.id, "title", locale, c.title), handle: c.handle })),
      demo: { customers: demoCustomers },
      page_title: pageTitle,
      ...scope,
    };
    const content = await engine.renderFile(template, globals);
    // `?embed=0` renders the page without the app embed, for before/after measurements.
    const embed = url.searchParams.get("embed") === "0" ? "" : await renderBlock(globals);
    const html = await engine.renderFile("layout", {
      ...globals,
      content_for_header: "",
      content_for_layout: content,
      content_for_body_end: embed + customerPrivacyScript(url),
    });
    send(res, res.statusCode || 200, html, "text/html; charset=utf-8", req);
  }

  async function renderBlock(globals: Record<string, unknown>) {
    return engine.parseAndRender(blockSource, { ...globals, block: { settings: blockSettings }, __extension: true });
  }

  /**
   * Shopify's Customer Privacy API, as a theme's cookie banner leaves it: `?consent=denied`
   * or `granted` in the URL decides what analyticsProcessingAllowed() answers.
   */
  function customerPrivacyScript(url: URL) {
    const consent = url.searchParams.get("consent") ?? "granted";
    const allowed = consent === "denied" ? "false" : "true";
    return `<script>window.Shopify=window.Shopify||{};window.Shopify.customerPrivacy={analyticsProcessingAllowed:function(){return ${allowed}},marketingAllowed:function(){return ${allowed}},userCanBeTracked:function(){return ${allowed}}};</script>`;
  }

  function localizedProductDrop(product: FakeProduct, locale: string) {
    const available = product.variants.some((v) => v.availableForSale);
    const cheapest = Math.min(...product.variants.map((v) => Number(v.price)));
    return {
      id: Number(legacyId(product.id)),
      title: translated(product.id, "title", locale, product.title),
      handle: product.handle,
      type: translated(product.id, "product_type", locale, product.productType),
      vendor: product.vendor,
      description: translated(product.id, "body_html", locale, product.descriptionHtml)
        .replace(/<[^>]+>/g, " ")
        .trim(),
      price: Math.round(cheapest * 100),
      available,
      image: product.images[0]?.url ?? null,
      variants: product.variants.map((v) => ({
        id: Number(legacyId(v.id)),
        title: v.title,
        price: Math.round(Number(v.price) * 100),
        available: v.availableForSale,
      })),
    };
  }

  // ---- Cart (Ajax Cart API) ----------------------------------------------------------

  function cartFor(req: IncomingMessage, res: ServerResponse): Cart {
    const token = cookies(req).cart;
    if (token && carts.has(token)) return carts.get(token)!;
    const cart: Cart = { token: token || randomUUID(), items: [], attributes: {}, note: null };
    carts.set(cart.token, cart);
    res.setHeader("Set-Cookie", `cart=${cart.token}; Path=/; SameSite=Lax`);
    return cart;
  }

  function cartDrop(cart: Cart) {
    const json = cartJson(cart);
    return { ...json, attributes: Object.entries(cart.attributes) };
  }

  function cartJson(cart: Cart) {
    const items = cart.items.map((item) => ({
      id: Number(item.variantId),
      variant_id: Number(item.variantId),
      product_id: Number(item.productId),
      title: item.title,
      quantity: item.quantity,
      price: item.price,
      line_price: item.price * item.quantity,
      key: `${item.variantId}:demo`,
    }));
    return {
      token: cart.token,
      note: cart.note,
      attributes: cart.attributes,
      item_count: items.reduce((n, i) => n + i.quantity, 0),
      total_price: items.reduce((n, i) => n + i.line_price, 0),
      currency: shop.currencyCode,
      items,
    };
  }

  async function cartAdd(req: IncomingMessage, res: ServerResponse, asJson: boolean) {
    const cart = cartFor(req, res);
    const body = await readBody(req);
    const items = Array.isArray(body.items) ? body.items : [{ id: body.id, quantity: body.quantity }];
    const added = [];
    for (const line of items as { id: string | number; quantity?: string | number }[]) {
      const entry = variantIndex.get(String(line.id));
      if (!entry) return sendJson(res, { status: 404, message: "Cart Error", description: "Cannot find variant" }, 404);
      if (!entry.variant.availableForSale) {
        return sendJson(
          res,
          { status: 422, message: "Cart Error", description: `${entry.product.title} is sold out.` },
          422,
        );
      }
      const quantity = Math.max(1, Number(line.quantity ?? 1) || 1);
      const existing = cart.items.find((i) => i.variantId === String(line.id));
      if (existing) existing.quantity += quantity;
      else {
        cart.items.push({
          variantId: String(line.id),
          productId: legacyId(entry.product.id),
          title:
            entry.variant.title === "Default Title"
              ? entry.product.title
              : `${entry.product.title} – ${entry.variant.title}`,
          quantity,
          price: Math.round(Number(entry.variant.price) * 100),
        });
      }
      added.push({ id: Number(line.id), quantity, title: entry.product.title });
    }
    if (!asJson) return redirect(res, "/cart");
    return sendJson(res, { items: added });
  }

  async function cartUpdate(req: IncomingMessage, res: ServerResponse) {
    const cart = cartFor(req, res);
    const body = await readBody(req);
    if (body.attributes && typeof body.attributes === "object") {
      for (const [key, value] of Object.entries(body.attributes as Record<string, unknown>)) {
        if (value === "" || value === null) delete cart.attributes[key];
        else cart.attributes[key] = String(value);
      }
    }
    if (typeof body.note === "string") cart.note = body.note;
    return sendJson(res, cartJson(cart));
  }

  async function cartChange(req: IncomingMessage, res: ServerResponse) {
    const cart = cartFor(req, res);
    const body = await readBody(req);
    const id = String(body.id ?? "").split(":")[0];
    const item = cart.items.find((i) => i.variantId === id);
    if (item) item.quantity = Math.max(0, Number(body.quantity ?? item.quantity));
    cart.items = cart.items.filter((i) => i.quantity > 0);
    return sendJson(res, cartJson(cart));
  }

  // ---- App proxy, admin and the app behind us ----------------------------------------

  async function appProxy(req: IncomingMessage, res: ServerResponse, url: URL) {
    const customer = cookies(req).demo_customer || null;
    const signed = signProxyQuery({
      shop: shop.domain,
      apiSecret,
      pathPrefix: APP_PROXY_PREFIX,
      loggedInCustomerId: customer,
      query: url.searchParams,
    });
    const target = new URL(`${url.pathname}?${signed}`, appOrigin);
    // Shopify forwards the body and a few headers, never the shopper's cookies.
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "accept", "user-agent", "accept-language", "idempotency-key", "x-request-id"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    headers["x-forwarded-for"] = req.socket.remoteAddress ?? "127.0.0.1";
    return forward(req, res, target, headers);
  }

  async function reverseProxy(req: IncomingMessage, res: ServerResponse, url: URL) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers[name] = value;
    }
    headers["x-forwarded-host"] = req.headers.host ?? "";
    headers["x-forwarded-proto"] = "http";
    return forward(req, res, new URL(url.pathname + url.search, appOrigin), headers, (responseHeaders) => {
      // The app allows only Shopify's admin to frame it; this stand-in admin is that
      // admin here, so it adds itself (the app's own header is untouched in production).
      const csp = responseHeaders.get("content-security-policy");
      if (csp) responseHeaders.set("content-security-policy", csp.replace("frame-ancestors", "frame-ancestors 'self'"));
    });
  }

  async function forward(
    req: IncomingMessage,
    res: ServerResponse,
    target: URL,
    headers: Record<string, string>,
    rewrite?: (headers: Headers) => void,
  ) {
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readRaw(req));
    let response: Response;
    try {
      response = await fetch(target, { method: req.method, headers, body, redirect: "manual" });
    } catch {
      return send(
        res,
        502,
        JSON.stringify({ error: { code: "unavailable", message: "The app is not reachable." } }),
        "application/json",
      );
    }
    const responseHeaders = new Headers(response.headers);
    rewrite?.(responseHeaders);
    responseHeaders.delete("content-encoding");
    responseHeaders.delete("content-length");
    responseHeaders.delete("transfer-encoding");
    const location = responseHeaders.get("location");
    if (location?.startsWith(appOrigin)) responseHeaders.set("location", location.slice(appOrigin.length));
    const payload = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string | string[]> = Object.fromEntries(responseHeaders);
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length) out["set-cookie"] = setCookies;
    res.writeHead(response.status, out);
    res.end(payload);
  }

  function sessionToken() {
    return signSessionToken({ shop: shop.domain, apiKey, apiSecret, expiresIn: 60 });
  }

  function adminHtml(url: URL) {
    const host = Buffer.from(`admin.shopify.com/store/${shop.domain.replace(".myshopify.com", "")}`)
      .toString("base64")
      .replace(/=+$/, "");
    const appPath = url.pathname.replace(/^\/admin\/?/, "/app/").replace(/\/$/, "") || "/app";
    const src = new URL(appPath === "/app/" ? "/app" : appPath, "http://x");
    src.searchParams.set("embedded", "1");
    src.searchParams.set("shop", shop.domain);
    src.searchParams.set("host", host);
    src.searchParams.set("locale", "en");
    src.searchParams.set("id_token", sessionToken());
    return adminPage
      .replaceAll("{{SHOP_NAME}}", escapeHtml(shop.name))
      .replace("{{APP_SRC}}", escapeHtml(src.pathname + src.search));
  }

  // ---- Theme extension assets ----------------------------------------------------------

  function extensionAsset(req: IncomingMessage, res: ServerResponse, p: string) {
    const name = path.basename(p);
    const file = path.join(extensionDir, "assets", name);
    if (!existsSync(file) || name.startsWith(".")) return send(res, 404, "Not found", "text/plain");
    const type = name.endsWith(".js")
      ? "text/javascript; charset=utf-8"
      : name.endsWith(".css")
        ? "text/css; charset=utf-8"
        : "application/octet-stream";
    // Shopify's CDN serves extension assets compressed and cached for a long time.
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    return send(res, 200, readFileSync(file), type, req);
  }

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "127.0.0.1", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- Helpers ---------------------------------------------------------------------------

function rankBestsellers(shop: FakeShop, products: FakeProduct[]) {
  const since = Date.now() - 30 * 86_400_000;
  const sold = new Map<string, number>();
  for (const order of shop.orders.values()) {
    if (Date.parse(order.createdAt) < since) continue;
    for (const line of order.lineItems)
      if (line.productId) sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.quantity);
  }
  return [...products]
    .filter((p) => p.variants.some((v) => v.availableForSale))
    .sort((a, b) => (sold.get(b.id) ?? 0) - (sold.get(a.id) ?? 0));
}

function themeEngine(shop: FakeShop, extensionDir: string) {
  const engine = new Liquid({
    root: [path.join(root, "demo/theme")],
    extname: ".liquid",
    outputEscape: undefined,
    strictFilters: true,
  });
  const currency = new Intl.NumberFormat("en-GB", { style: "currency", currency: shop.currencyCode });
  engine.registerFilter("money", (cents: number) => currency.format(Number(cents) / 100));
  engine.registerFilter("json", (value: unknown) => JSON.stringify(value ?? null).replace(/</g, "\\u003c"));
  engine.registerFilter(
    "asset_url",
    (name: string) => `/extensions/assistant-widget/assets/${encodeURIComponent(name)}`,
  );
  const locales = loadLocales(extensionDir);
  engine.registerFilter("t", function (this: { context: Context }, key: string) {
    const locale = String((this.context.getSync(["request", "locale", "iso_code"]) as string) ?? "en");
    return lookup(locales.get(locale), key) ?? lookup(locales.get("en"), key) ?? key;
  });
  // `{% schema %}` describes the block to the theme editor; it renders nothing.
  engine.registerTag(
    "schema",
    class extends Tag {
      constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
        super(token, remainTokens, liquid);
        while (remainTokens.length) {
          const next = remainTokens.shift()!;
          if (next.getText().replace(/\s/g, "") === "{%endschema%}") break;
        }
      }
      render(_context: Context, _emitter: Emitter) {}
    },
  );
  return engine;
}

function loadLocales(extensionDir: string) {
  const locales = new Map<string, Record<string, unknown>>();
  for (const [code, file] of [
    ["en", "en.default.json"],
    ["fr", "fr.json"],
    ["de", "de.json"],
    ["es", "es.json"],
  ]) {
    const full = path.join(extensionDir, "locales", file);
    if (existsSync(full)) locales.set(code, JSON.parse(readFileSync(full, "utf8")));
  }
  return locales;
}

function lookup(tree: Record<string, unknown> | undefined, key: string): string | undefined {
  let node: unknown = tree;
  for (const part of key.split("."))
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** The block's settings as the theme editor would start them: each setting's default. */
export function schemaDefaults(blockSource: string): Record<string, unknown> {
  const match = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(blockSource);
  if (!match) throw new Error("the app embed block has no {% schema %}");
  const schema = JSON.parse(match[1]) as { settings: { id?: string; default?: unknown }[] };
  return Object.fromEntries(schema.settings.filter((s) => s.id).map((s) => [s.id!, s.default ?? null]));
}

function cookies(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    (req.headers.cookie ?? "")
      .split(";")
      .map((part) => part.trim().split("="))
      .filter(([key]) => key)
      .map(([key, ...value]) => [key, decodeURIComponent(value.join("="))]),
  );
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readText(req: IncomingMessage) {
  return (await readRaw(req)).toString("utf8");
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    try {
      return JSON.parse(text || "{}");
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, req?: IncomingMessage) {
  const buffer = typeof body === "string" ? Buffer.from(body) : body;
  const gzip = req && buffer.length > 512 && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  res.statusCode = status;
  res.setHeader("Content-Type", type);
  if (gzip) {
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Vary", "Accept-Encoding");
    res.end(gzipSync(buffer));
  } else res.end(buffer);
}

function sendJson(res: ServerResponse, body: unknown, status = 200) {
  send(res, status, JSON.stringify(body), "application/json; charset=utf-8");
}

function redirect(res: ServerResponse, location: string) {
  res.writeHead(303, { Location: location });
  res.end();
}
