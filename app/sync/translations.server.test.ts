import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { createSyncAdmin } from "./admin-client.server";
import { runFullSync, type FullSyncOptions } from "./full-sync.server";
import { productTranslationsBulkQuery } from "./queries";
import { syncResourceTranslations, syncTypeTranslations } from "./translations.server";
import { action as productUpdate } from "../routes/webhooks.products.update";
import { action as scopesUpdate } from "../routes/webhooks.app.scopes_update";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { call, webhook } from "../../tests/support/requests";
import { addProduct, buildProduct, productPayload, seedShop } from "../../tests/factories/catalog";
import { DEFAULT_SCOPES } from "../../tests/factories/shops";
import type { FakeShop } from "../../tests/fake-shopify/store";
import { policyGid } from "../../tests/fake-shopify/store";

const fake = useFakeShopify();

const fast: FullSyncOptions = { pollMs: 5, maxPollMs: 20, adminOptions: { retry: { baseDelayMs: 5, maxDelayMs: 40 } } };

const stored = (shop: string) =>
  db.shopTranslation.findMany({
    where: { shop },
    orderBy: [{ resourceId: "asc" }, { locale: "asc" }, { key: "asc" }],
    select: { resourceType: true, resourceId: true, locale: true, key: true, value: true, outdated: true },
  });

function translate(
  shop: FakeShop,
  resourceId: string,
  locale: string,
  fields: Record<string, string>,
  outdated = false,
) {
  const list = shop.translations.get(resourceId) ?? [];
  for (const [key, value] of Object.entries(fields)) {
    const at = list.findIndex((t) => t.locale === locale && t.key === key);
    const entry = { locale, key, value, outdated, updatedAt: "2026-06-01T10:00:00Z" };
    if (at >= 0) list[at] = entry;
    else list.push(entry);
  }
  shop.translations.set(resourceId, list);
}

async function multilingualShop(scopes = DEFAULT_SCOPES) {
  const installed = await installShop(fake, {
    primaryLocale: "en",
    locales: ["en", "fr", "de"],
    grantedScopes: scopes,
    policies: [
      {
        type: "REFUND_POLICY",
        title: "Refund policy",
        body: "<p>Returns within 30 days.</p>",
        url: "https://x.example/policies/refund-policy",
      },
    ],
  });
  const { products } = seedShop(installed.fakeShop, { products: 4, customers: 1, orders: 0, seed: 5 });
  const refundPolicy = policyGid(
    installed.fakeShop,
    installed.fakeShop.policies.findIndex((p) => p.type === "REFUND_POLICY"),
  );
  return { ...installed, products, refundPolicy };
}

// Full syncs of a shop take seconds on a loaded machine; some tests run two.
describe("translations sync", { timeout: 90_000 }, () => {
  it("GIVEN a shop with French and German translations WHEN it is fully synced THEN each translated field is stored per locale, scoped by shop", async () => {
    const { domain, fakeShop, products, refundPolicy } = await multilingualShop();
    const [mug, tote] = products;
    const collection = [...fakeShop.collections.values()][0];
    translate(fakeShop, mug.id, "fr", { title: "Tasse bleue", body_html: "<p>Une tasse.</p>", handle: "tasse" });
    translate(fakeShop, mug.id, "de", { title: "Blaue Tasse", product_type: "Küche" }, true);
    translate(fakeShop, tote.id, "fr", { title: "Sac en lin" });
    if (collection) translate(fakeShop, collection.id, "fr", { title: "Cuisine" });
    translate(fakeShop, refundPolicy, "fr", { body: "<p>Retours sous 30 jours.</p>" });
    // A locale the shop does not publish is not read.
    translate(fakeShop, mug.id, "es", { title: "Taza azul" });
    const other = await multilingualShop();

    const result = await runFullSync(db, domain, fast);

    expect(result.status).toBe("completed");
    const rows = await stored(domain);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          resourceType: "PRODUCT",
          resourceId: mug.id,
          locale: "fr",
          key: "title",
          value: "Tasse bleue",
          outdated: false,
        },
        {
          resourceType: "PRODUCT",
          resourceId: mug.id,
          locale: "fr",
          key: "body_html",
          value: "<p>Une tasse.</p>",
          outdated: false,
        },
        {
          resourceType: "PRODUCT",
          resourceId: mug.id,
          locale: "de",
          key: "title",
          value: "Blaue Tasse",
          outdated: true,
        },
        {
          resourceType: "PRODUCT",
          resourceId: mug.id,
          locale: "de",
          key: "product_type",
          value: "Küche",
          outdated: true,
        },
        {
          resourceType: "PRODUCT",
          resourceId: tote.id,
          locale: "fr",
          key: "title",
          value: "Sac en lin",
          outdated: false,
        },
        {
          resourceType: "SHOP_POLICY",
          resourceId: refundPolicy,
          locale: "fr",
          key: "body",
          value: "<p>Retours sous 30 jours.</p>",
          outdated: false,
        },
      ]),
    );
    // Handles are not kept (the assistant never shows them), nor unpublished locales.
    expect(rows.some((r) => r.key === "handle" || r.locale === "es")).toBe(false);
    expect(rows).toHaveLength(collection ? 7 : 6);
    expect(await db.shopTranslation.count({ where: { shop: other.domain } })).toBe(0);
    // The policy row carries the GID its translations are keyed by.
    expect(await db.shopPolicy.findFirstOrThrow({ where: { shop: domain, type: "REFUND_POLICY" } })).toMatchObject({
      policyId: refundPolicy,
    });
    // Products came by one bulk operation with a field per locale, not page by page.
    const bulkQueries = [...fake.bulk.operations.values()].filter((op) => op.shop === domain).map((op) => op.query);
    expect(bulkQueries.some((q) => q.includes('t1: translations(locale: "de")'))).toBe(true);
  });

  it("GIVEN translations removed at Shopify and a language unpublished WHEN synced again THEN those rows go and the rest is updated", async () => {
    const { domain, fakeShop, products } = await multilingualShop();
    const [mug, tote] = products;
    translate(fakeShop, mug.id, "fr", { title: "Tasse bleue" });
    translate(fakeShop, mug.id, "de", { title: "Blaue Tasse" });
    translate(fakeShop, tote.id, "fr", { title: "Sac en lin" });
    await runFullSync(db, domain, fast);
    expect(await db.shopTranslation.count({ where: { shop: domain } })).toBe(3);

    fakeShop.translations.set(
      mug.id,
      fakeShop.translations.get(mug.id)!.filter((t) => t.locale !== "fr"),
    );
    translate(fakeShop, tote.id, "fr", { title: "Sac cabas en lin" });
    fakeShop.locales = ["en", "fr"];
    const result = await runFullSync(db, domain, fast);

    expect(result.status).toBe("completed");
    expect((await stored(domain)).map((r) => [r.resourceId, r.locale, r.value])).toEqual([
      [tote.id, "fr", "Sac cabas en lin"],
    ]);
  });

  it("GIVEN the merchant has not granted read_translations THEN the sync completes without them and Shopify is not asked", async () => {
    const { domain, fakeShop, products } = await multilingualShop(
      DEFAULT_SCOPES.filter((s) => s !== "read_translations"),
    );
    translate(fakeShop, products[0].id, "fr", { title: "Tasse bleue" });

    const result = await runFullSync(db, domain, fast);

    expect(result.status).toBe("completed");
    expect(await db.shopTranslation.count({ where: { shop: domain } })).toBe(0);
    const asked = [...fake.bulk.operations.values()].filter((op) => op.shop === domain);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.some((op) => op.query.includes("translatableResources"))).toBe(false);
  });

  it("GIVEN the merchant grants read_translations later THEN app/scopes_update queues a sync that reads them", async () => {
    const { domain, fakeShop, products } = await multilingualShop(
      DEFAULT_SCOPES.filter((s) => s !== "read_translations"),
    );
    translate(fakeShop, products[0].id, "de", { title: "Blaue Tasse" });
    fakeShop.grantedScopes = DEFAULT_SCOPES;

    const response = (await call(
      scopesUpdate,
      webhook("app/scopes_update", domain, { current: DEFAULT_SCOPES }),
    )) as Response;
    expect(response.status).toBe(200);
    await jobs.idle(60_000);

    expect((await stored(domain)).map((r) => [r.locale, r.value])).toEqual([["de", "Blaue Tasse"]]);
  });

  it("GIVEN a token without the scope THEN Shopify's fake refuses translatableResources as Shopify does", async () => {
    const { domain, accessToken } = await multilingualShop(DEFAULT_SCOPES.filter((s) => s !== "read_translations"));
    // The shop row says granted (as after a scope update Shopify has not applied yet).
    await db.shop.update({ where: { domain }, data: { scopes: DEFAULT_SCOPES.join(",") } });
    const admin = createSyncAdmin({ shop: domain, accessToken, retry: { baseDelayMs: 1, maxDelayMs: 2 } });

    await expect(syncTypeTranslations(db, admin, domain, "SHOP_POLICY")).rejects.toMatchObject({
      code: "ACCESS_DENIED",
    });
  });

  it("GIVEN products/update for a product WHEN its translations changed THEN a job reads that product's again", async () => {
    const { domain, fakeShop, products } = await multilingualShop();
    const [mug, tote] = products;
    translate(fakeShop, mug.id, "fr", { title: "Tasse bleue" });
    translate(fakeShop, tote.id, "fr", { title: "Sac en lin" });
    await runFullSync(db, domain, fast);

    translate(fakeShop, mug.id, "fr", { title: "Tasse bleu nuit" });
    translate(fakeShop, mug.id, "de", { title: "Nachtblaue Tasse" });
    translate(fakeShop, tote.id, "fr", { title: "Not read: the tote was not updated" });
    mug.updatedAt = new Date(Date.now() + 60_000).toISOString();
    const response = (await call(productUpdate, webhook("products/update", domain, productPayload(mug)))) as Response;
    expect(response.status).toBe(200);
    await jobs.idle();

    expect((await stored(domain)).map((r) => [r.resourceId, r.locale, r.value])).toEqual(
      [
        [mug.id, "de", "Nachtblaue Tasse"],
        [mug.id, "fr", "Tasse bleu nuit"],
        [tote.id, "fr", "Sac en lin"],
      ].sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1])),
    );
  });

  it("GIVEN a resource id THEN only that resource is asked for, and its removed translations go", async () => {
    const { domain, fakeShop, accessToken, products } = await multilingualShop();
    const [mug] = products;
    translate(fakeShop, mug.id, "fr", { title: "Tasse", product_type: "Cuisine" });
    const admin = createSyncAdmin({ shop: domain, accessToken });
    await syncResourceTranslations(db, admin, domain, [mug.id]);
    fakeShop.translations.set(mug.id, [{ locale: "fr", key: "title", value: "Tasse" }]);

    const result = await syncResourceTranslations(db, admin, domain, [mug.id]);

    expect(result).toMatchObject({ rows: 1, removed: 1, locales: ["fr", "de"] });
    expect((await stored(domain)).map((r) => r.key)).toEqual(["title"]);
  });

  it("GIVEN a new product added at Shopify THEN a single sync of it adds its translations", async () => {
    const { domain, fakeShop, accessToken } = await multilingualShop();
    const added = addProduct(fakeShop, buildProduct({ title: "Candle" }));
    translate(fakeShop, added.id, "de", { title: "Kerze", body_html: "<p>Aus Sojawachs.</p>" });

    await syncResourceTranslations(db, createSyncAdmin({ shop: domain, accessToken }), domain, [added.id]);

    expect((await stored(domain)).map((r) => [r.locale, r.key, r.value])).toEqual([
      ["de", "body_html", "<p>Aus Sojawachs.</p>"],
      ["de", "title", "Kerze"],
    ]);
  });

  it("builds the bulk query only from locale codes", () => {
    expect(() => productTranslationsBulkQuery(['fr") { value } x: translations(locale: "de'])).toThrow(/not a locale/);
    expect(productTranslationsBulkQuery(["pt-BR"])).toContain('t0: translations(locale: "pt-BR")');
  });
});
