import { db } from "../db.server";
import { HttpError } from "../http/errors.server";
import { authenticate } from "../shopify.server";
import { installedShopForStorefront, type ShopRow } from "../shops/shops.server";

/** Older signed requests are refused so a captured URL cannot be replayed later. */
export const MAX_PROXY_REQUEST_AGE_SECONDS = 5 * 60;

export interface ProxyContext {
  /** The shop, as signed by Shopify. Never taken from the body or a header. */
  shop: string;
  /** The logged-in customer's numeric id, as signed by Shopify, or null for a guest. */
  customerId: string | null;
  /** The shop's row, read once here so the handler does not read it again. */
  installed: ShopRow;
}

/**
 * Verifies an app proxy request: Shopify's signature over the query (which carries
 * `shop`, `logged_in_customer_id` and `timestamp`), the timestamp's age, and that
 * the shop has the app installed. Throws an HttpError the widget can show.
 */
export async function authenticateProxy(request: Request, now = Date.now()): Promise<ProxyContext> {
  const url = new URL(request.url);
  const notFromShopify = new HttpError(
    "unauthorized",
    "This request did not come through the shop's storefront. Reload the page and try again.",
  );
  if (!url.searchParams.get("signature") || !url.searchParams.get("shop")) throw notFromShopify;

  const timestamp = Number(url.searchParams.get("timestamp"));
  if (!Number.isFinite(timestamp) || Math.abs(now / 1000 - timestamp) > MAX_PROXY_REQUEST_AGE_SECONDS) {
    throw new HttpError("unauthorized", "This request has expired. Reload the page and try again.");
  }

  try {
    await authenticate.public.appProxy(request);
  } catch (error) {
    if (error instanceof Response) throw notFromShopify;
    throw error;
  }

  const shop = url.searchParams.get("shop")!;
  const installed = await installedShopForStorefront(db, shop);
  if (!installed) throw new HttpError("not_found", "The assistant is not available in this shop.");
  const customerId = url.searchParams.get("logged_in_customer_id") || null;
  return { shop, customerId, installed };
}
