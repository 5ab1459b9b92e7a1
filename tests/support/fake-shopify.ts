import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createFakeShopify } from "../fake-shopify/server";
import { TEST_API_KEY, TEST_API_SECRET, TEST_API_VERSION } from "./constants";

/**
 * One fake Shopify per test file, reached at the network edge: MSW answers every
 * request to https://*.myshopify.com with the fake's handler, so the app's own code
 * (graphql-request, the Shopify library's token exchange) runs unchanged.
 */
export function useFakeShopify() {
  const fake = createFakeShopify({ apiKey: TEST_API_KEY, apiSecret: TEST_API_SECRET, apiVersions: [TEST_API_VERSION] });
  const server = setupServer(http.all(/^https:\/\/[^/]+\.myshopify\.com\/.*/, ({ request }) => fake.handle(request)));
  // Local servers of the test itself (a fake language model) are reached for real; any
  // other host is an error, so nothing can quietly try the internet.
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (!["127.0.0.1", "localhost"].includes(new URL(request.url).hostname)) print.error();
      },
    }),
  );
  afterEach(() => {
    fake.requests.length = 0;
    fake.faults.reset();
    fake.bulk.reset();
    fake.costs.reset();
  });
  afterAll(() => server.close());
  return fake;
}
