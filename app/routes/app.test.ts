import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { sessionStorage } from "~/shopify.server";
import { loader as appLoader } from "./app";
import { loader as homeLoader } from "./app._index";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { addFakeShop, uniqueShopDomain } from "../../tests/factories/shops";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";

const fake = useFakeShopify();

describe("embedded admin authentication", () => {
  it("GIVEN an installed shop WHEN the admin sends a valid session token THEN the page loads its data", async () => {
    const { domain } = await installShop(fake, { name: "Paper Cranes" });

    const result = (await call(homeLoader, adminRequest("/app", { shop: domain }))) as {
      overview: { name: string; installedAt: string };
    };

    expect(result.overview.name).toBe("Paper Cranes");
    expect(Date.parse(result.overview.installedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("GIVEN a session token signed with another secret WHEN the admin page loads THEN it answers 401", async () => {
    const { domain } = await installShop(fake);
    const forged = sessionToken(domain, { secret: "someone-elses-secret" });

    const response = (await call(homeLoader, adminRequest("/app", { shop: domain, token: forged }))) as Response;

    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(401);
  });

  it("GIVEN an expired session token THEN it answers 401", async () => {
    const { domain } = await installShop(fake);
    const expired = sessionToken(domain, { expiresIn: -120 });

    const response = (await call(homeLoader, adminRequest("/app", { shop: domain, token: expired }))) as Response;

    expect(response.status).toBe(401);
  });

  it("GIVEN a new shop WHEN its first embedded request arrives THEN token exchange stores a session and records the shop", async () => {
    const domain = uniqueShopDomain("new");
    addFakeShop(fake, domain, { name: "Brand New Shop", currencyCode: "EUR", ianaTimezone: "Europe/Paris" });

    await call(appLoader, adminRequest("/app", { shop: domain }));

    expect(fake.requests.some((r) => r.shop === domain && r.path === "/admin/oauth/access_token")).toBe(true);
    const session = await sessionStorage.loadSession(`offline_${domain}`);
    expect(session?.accessToken).toMatch(/^shpat_fake_/);
    // Stored sealed: the row itself does not hold the token.
    const row = await db.session.findUniqueOrThrow({ where: { id: `offline_${domain}` } });
    expect(row.accessToken).not.toContain("shpat_");
    const shop = await db.shop.findUnique({ where: { domain } });
    expect(shop).toMatchObject({
      name: "Brand New Shop",
      currency: "EUR",
      timezone: "Europe/Paris",
      uninstalledAt: null,
    });
  });

  it("GIVEN a shop that uninstalled WHEN it installs again THEN a new installation is recorded and the old mark is cleared", async () => {
    const { domain } = await installShop(fake);
    await db.shop.update({
      where: { domain },
      data: { uninstalledAt: new Date(), installedAt: new Date("2020-01-01") },
    });
    await db.session.deleteMany({ where: { shop: domain } });

    await call(appLoader, adminRequest("/app", { shop: domain }));

    const shop = await db.shop.findUniqueOrThrow({ where: { domain } });
    expect(shop.uninstalledAt).toBeNull();
    expect(shop.installedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});
