import { createHmac, randomUUID } from "node:crypto";

/**
 * What Shopify signs, signed the way Shopify signs it: session tokens (HS256 JWTs
 * with the app secret), app proxy query strings and webhook bodies.
 */

function base64url(input: Buffer | string) {
  return Buffer.from(input).toString("base64url");
}

export interface SessionTokenOptions {
  shop: string;
  apiKey: string;
  apiSecret: string;
  userId?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  now?: number;
}

export function signSessionToken({
  shop,
  apiKey,
  apiSecret,
  userId = "1",
  expiresIn = 60,
  now = Date.now(),
}: SessionTokenOptions) {
  const iat = Math.floor(now / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: apiKey,
      sub: userId,
      exp: iat + expiresIn,
      nbf: iat - 5,
      iat,
      jti: randomUUID(),
      sid: randomUUID(),
    }),
  );
  const signature = createHmac("sha256", apiSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** Verifies an HS256 token and returns its payload, or null. */
export function verifySessionToken(token: string, apiSecret: string): Record<string, unknown> | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return null;
  const expected = createHmac("sha256", apiSecret).update(`${header}.${payload}`).digest("base64url");
  if (expected !== signature) return null;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  if (typeof claims.exp !== "number" || claims.exp * 1000 < Date.now()) return null;
  return claims;
}

export interface ProxySignOptions {
  shop: string;
  apiSecret: string;
  pathPrefix: string;
  loggedInCustomerId?: string | null;
  timestamp?: number;
  /** The storefront request's own query parameters. */
  query?: URLSearchParams;
}

/**
 * The query string Shopify appends when it forwards a storefront request through the
 * app proxy: shop, logged_in_customer_id, path_prefix, timestamp and a signature over
 * all parameters (sorted, `key=value` joined with nothing, multi-values joined by ",").
 */
export function signProxyQuery({
  shop,
  apiSecret,
  pathPrefix,
  loggedInCustomerId = null,
  timestamp = Math.floor(Date.now() / 1000),
  query = new URLSearchParams(),
}: ProxySignOptions): URLSearchParams {
  const params = new URLSearchParams(query);
  for (const key of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]) params.delete(key);
  params.set("shop", shop);
  params.set("logged_in_customer_id", loggedInCustomerId ?? "");
  params.set("path_prefix", pathPrefix);
  params.set("timestamp", String(timestamp));
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  params.set("signature", createHmac("sha256", apiSecret).update(message).digest("hex"));
  return params;
}

export function webhookHmac(body: string, apiSecret: string) {
  return createHmac("sha256", apiSecret).update(body, "utf8").digest("base64");
}

export interface WebhookRequestOptions {
  url: string;
  topic: string;
  shop: string;
  payload: unknown;
  apiSecret: string;
  apiVersion: string;
  eventId?: string;
  webhookId?: string;
  triggeredAt?: string;
  /** Override the signature (for tests of a forged delivery). */
  hmac?: string;
}

/** A webhook delivery exactly as Shopify sends it over HTTPS. */
export function webhookRequest({
  url,
  topic,
  shop,
  payload,
  apiSecret,
  apiVersion,
  eventId = randomUUID(),
  webhookId = randomUUID(),
  triggeredAt = new Date().toISOString(),
  hmac,
}: WebhookRequestOptions): Request {
  const body = JSON.stringify(payload);
  return new Request(url, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": topic,
      "X-Shopify-Shop-Domain": shop,
      "X-Shopify-API-Version": apiVersion,
      "X-Shopify-Webhook-Id": webhookId,
      "X-Shopify-Event-Id": eventId,
      "X-Shopify-Triggered-At": triggeredAt,
      "X-Shopify-Hmac-Sha256": hmac ?? webhookHmac(body, apiSecret),
    },
  });
}
