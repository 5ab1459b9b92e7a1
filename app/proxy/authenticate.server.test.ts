import { describe, expect, it } from "vitest";
import { loader } from "../routes/apps.assistant.shop";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { uniqueShopDomain } from "../../tests/factories/shops";
import { proxyRequest } from "../../tests/support/requests";

const fake = useFakeShopify();
const now = () => Math.floor(Date.now() / 1000);

describe("app proxy authentication", () => {
  it("GIVEN a request Shopify signed THEN it answers with the shop it signed for", async () => {
    const { domain } = await installShop(fake, { name: "Tea Leaves", currencyCode: "GBP" });

    const response = await loader({
      request: proxyRequest("/apps/assistant/shop", { shop: domain }),
      params: {},
      context: {},
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      shop: { name: "Tea Leaves", currency: "GBP", locale: "en" },
      loggedIn: false,
    });
  });

  it("GIVEN a logged-in customer THEN the signed customer id is seen, not revealed", async () => {
    const { domain } = await installShop(fake);

    const response = await loader({
      request: proxyRequest("/apps/assistant/shop", { shop: domain, customerId: "7001" }),
      params: {},
      context: {},
    });

    expect(await response.json()).toMatchObject({ loggedIn: true });
  });

  it("GIVEN a signed request whose shop was changed afterwards THEN it answers 401", async () => {
    const { domain } = await installShop(fake);
    const other = await installShop(fake);
    const request = proxyRequest("/apps/assistant/shop", { shop: domain });
    const tampered = new URL(request.url);
    tampered.searchParams.set("shop", other.domain);

    const response = await loader({ request: new Request(tampered, request), params: {}, context: {} });

    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("GIVEN a signed request whose customer id was changed afterwards THEN it answers 401", async () => {
    const { domain } = await installShop(fake);
    const request = proxyRequest("/apps/assistant/shop", { shop: domain, customerId: "1" });
    const tampered = new URL(request.url);
    tampered.searchParams.set("logged_in_customer_id", "2");

    const response = await loader({ request: new Request(tampered, request), params: {}, context: {} });

    expect(response.status).toBe(401);
  });

  it("GIVEN no signature THEN it answers 401 with a message a shopper understands", async () => {
    const { domain } = await installShop(fake);
    const request = proxyRequest("/apps/assistant/shop", { shop: domain });
    const unsigned = new URL(request.url);
    unsigned.searchParams.delete("signature");

    const response = await loader({ request: new Request(unsigned, request), params: {}, context: {} });

    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(/did not come through the shop's storefront/);
  });

  it("GIVEN a correctly signed request that is 6 minutes old THEN it is refused as a replay", async () => {
    const { domain } = await installShop(fake);

    const request = proxyRequest("/apps/assistant/shop", { shop: domain, timestamp: now() - 6 * 60 });
    const response = await loader({ request, params: {}, context: {} });

    expect(response.status).toBe(401);
    expect((await response.json()).error.message).toMatch(/expired/);
  });

  it("GIVEN a request signed with another app's secret THEN it answers 401", async () => {
    const { domain } = await installShop(fake);

    const request = proxyRequest("/apps/assistant/shop", { shop: domain, secret: "another-apps-secret" });
    const response = await loader({ request, params: {}, context: {} });

    expect(response.status).toBe(401);
  });

  it("GIVEN a signed request for a shop without the app THEN it answers 404", async () => {
    const response = await loader({
      request: proxyRequest("/apps/assistant/shop", { shop: uniqueShopDomain("absent") }),
      params: {},
      context: {},
    });

    expect(response.status).toBe(404);
  });
});
