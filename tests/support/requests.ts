import { signProxyQuery, signSessionToken, webhookRequest } from "../fake-shopify/signing";
import { PROXY_PATH_PREFIX, TEST_API_KEY, TEST_API_SECRET, TEST_API_VERSION, TEST_APP_URL } from "./constants";

// The Shopify library answers 410 to bot-like user agents; tests are a browser.
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

export function sessionToken(shop: string, options: { secret?: string; expiresIn?: number } = {}) {
  return signSessionToken({
    shop,
    apiKey: TEST_API_KEY,
    apiSecret: options.secret ?? TEST_API_SECRET,
    expiresIn: options.expiresIn,
  });
}

/** A request from the embedded admin: App Bridge adds the session token header. */
export function adminRequest(
  path: string,
  {
    shop,
    token = sessionToken(shop),
    method = "GET",
    body,
  }: { shop: string; token?: string; method?: string; body?: BodyInit },
) {
  return new Request(new URL(path, TEST_APP_URL), {
    method,
    body,
    headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_USER_AGENT },
  });
}

/** A storefront request as Shopify forwards it through the app proxy, signed. */
export function proxyRequest(
  path: string,
  {
    shop,
    customerId = null,
    timestamp,
    secret = TEST_API_SECRET,
    method = "GET",
    body,
    headers = {},
  }: {
    shop: string;
    customerId?: string | null;
    timestamp?: number;
    secret?: string;
    method?: string;
    body?: BodyInit;
    headers?: Record<string, string>;
  },
) {
  const url = new URL(path, TEST_APP_URL);
  const signed = signProxyQuery({
    shop,
    apiSecret: secret,
    pathPrefix: PROXY_PATH_PREFIX,
    loggedInCustomerId: customerId,
    timestamp,
    query: url.searchParams,
  });
  url.search = signed.toString();
  return new Request(url, { method, body, headers: { "User-Agent": BROWSER_USER_AGENT, ...headers } });
}

export function webhook(
  topic: string,
  shop: string,
  payload: unknown,
  options: { eventId?: string; hmac?: string } = {},
) {
  return webhookRequest({
    url: new URL(`/webhooks/${topic}`, TEST_APP_URL).toString(),
    topic,
    shop,
    payload,
    apiSecret: TEST_API_SECRET,
    apiVersion: TEST_API_VERSION,
    ...options,
  });
}

/** Runs a Remix loader or action and returns its Response, thrown or returned. */
export async function call(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Remix loader or action
  handler: (args: any) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response | unknown> {
  try {
    return await handler({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
