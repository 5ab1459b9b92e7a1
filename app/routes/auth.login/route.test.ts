import { describe, expect, it } from "vitest";
import { action, loader } from "./route";
import { TEST_API_KEY } from "../../../tests/support/constants";
import { BROWSER_USER_AGENT, call } from "../../../tests/support/requests";

const request = (path: string, init: RequestInit = {}) =>
  new Request(`https://assistant.test${path}`, { ...init, headers: { "User-Agent": BROWSER_USER_AGENT } });

describe("installing from outside the admin", () => {
  it("GIVEN a new shop's domain WHEN the merchant logs in THEN they are sent to Shopify's OAuth install page for this app", async () => {
    const response = (await call(loader, request("/auth/login?shop=brand-new-shop.myshopify.com"))) as Response;

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!);
    expect(location.origin).toBe("https://admin.shopify.com");
    expect(location.pathname).toBe("/store/brand-new-shop/oauth/install");
    expect(location.searchParams.get("client_id")).toBe(TEST_API_KEY);
  });

  it("GIVEN only the shop's handle THEN the myshopify domain is assumed", async () => {
    const body = new URLSearchParams({ shop: "handle-only" });
    const response = (await call(action, request("/auth/login", { method: "POST", body }))) as Response;

    expect(new URL(response.headers.get("Location")!).pathname).toBe("/store/handle-only/oauth/install");
  });

  it("GIVEN a domain that is not a shop THEN the form says so and nothing redirects", async () => {
    const body = new URLSearchParams({ shop: "https://evil.example.com/" });
    const result = (await call(action, request("/auth/login", { method: "POST", body }))) as {
      errors: { shop?: string };
    };

    expect(result.errors.shop).toBe("Please enter a valid shop domain to log in");
  });
});
