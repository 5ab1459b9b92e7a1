import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { knowledgeFor } from "~/knowledge/store.server";
import { catalogFor } from "./snapshot.server";
import { translationLocaleFor } from "./translations.server";
import { uniqueShopDomain } from "../../tests/factories/shops";

const now = new Date("2026-06-01T12:00:00Z");

async function shopWithCatalog(locales = ["en", "fr", "de"]) {
  const shop = uniqueShopDomain("lang");
  await db.shop.create({ data: { domain: shop, locale: "en", locales: JSON.stringify(locales) } });
  const product = (id: string, title: string, productType: string, description: string) =>
    db.product.create({
      data: {
        shop,
        id,
        title,
        handle: title.toLowerCase().replace(/\W+/g, "-"),
        description,
        vendor: "Paper Cranes",
        productType,
        status: "ACTIVE",
        onlineStoreUrl: `https://${shop}/products/x`,
        createdAt: now,
        updatedAt: now,
        syncedAt: now,
      },
    });
  const variant = (productId: string) =>
    db.productVariant.create({
      data: {
        shop,
        id: `${productId}-v`.replace("Product", "ProductVariant"),
        productId,
        title: "Default Title",
        price: "4.50",
        availableForSale: true,
        position: 1,
        updatedAt: now,
        syncedAt: now,
      },
    });
  const mug = "gid://shopify/Product/1";
  const tote = "gid://shopify/Product/2";
  await product(mug, "Blue Mug", "Kitchen", "A blue mug.");
  await product(tote, "Linen Tote", "Bags", "A strong tote.");
  await variant(mug);
  await variant(tote);
  await db.collection.create({
    data: { shop, id: "gid://shopify/Collection/9", title: "Kitchen", handle: "kitchen", syncedAt: now },
  });
  await db.productCollection.create({
    data: { shop, productId: mug, collectionId: "gid://shopify/Collection/9", syncedAt: now },
  });
  await db.shopPolicy.create({
    data: {
      shop,
      type: "REFUND_POLICY",
      policyId: "gid://shopify/ShopPolicy/5",
      title: "Refund policy",
      body: "<h2>Returns</h2><p>Return items within 30 days.</p>",
      url: "https://x.example/policies/refund-policy",
      updatedAt: now,
      syncedAt: now,
    },
  });
  await db.shopPolicy.create({
    data: {
      shop,
      type: "SHIPPING_POLICY",
      policyId: "gid://shopify/ShopPolicy/6",
      title: "Shipping policy",
      body: "<p>We ship in 2 days.</p>",
      url: "https://x.example/policies/shipping-policy",
      updatedAt: now,
      syncedAt: now,
    },
  });
  const translate = (resourceType: string, resourceId: string, locale: string, key: string, value: string) =>
    db.shopTranslation.create({ data: { shop, resourceType, resourceId, locale, key, value, syncedAt: new Date() } });
  return { shop, mug, tote, translate };
}

describe("the catalog in the shopper's language", () => {
  it("GIVEN French translations of some fields WHEN the French catalog is asked for THEN those fields are French and the rest is marked untranslated", async () => {
    const { shop, mug, tote, translate } = await shopWithCatalog();
    await translate("PRODUCT", mug, "fr", "title", "Tasse bleue");
    await translate("PRODUCT", mug, "fr", "body_html", "<p>Une tasse <b>bleue</b>.</p>");
    await translate("PRODUCT", mug, "fr", "product_type", "Cuisine");
    await translate("PRODUCT", tote, "fr", "title", "Sac en lin");
    await translate("COLLECTION", "gid://shopify/Collection/9", "fr", "title", "Cuisine et table");

    const french = await catalogFor(db, shop, now.getTime(), { locale: "fr-FR" });

    expect(french.locale).toBe("fr");
    expect(french.byId.get(mug)).toMatchObject({
      title: "Tasse bleue",
      description: "Une tasse bleue.",
      productType: "Cuisine",
      collections: ["Cuisine et table"],
      untranslated: [],
    });
    expect(french.byId.get(tote)).toMatchObject({
      title: "Sac en lin",
      description: "A strong tote.",
      productType: "Bags",
      untranslated: ["description", "productType"],
    });
    // Search and entity words are the French ones.
    expect(french.index.search({ text: "tasse" }).map((m) => m.product.id)).toEqual([mug]);
    expect(french.productTypes).toEqual(["Bags", "Cuisine"]);
  });

  it("GIVEN no locale, the primary one or one the shop does not publish THEN the shop's own catalog is returned", async () => {
    const { shop, mug, translate } = await shopWithCatalog();
    await translate("PRODUCT", mug, "fr", "title", "Tasse bleue");

    const primary = await catalogFor(db, shop, now.getTime());
    expect(primary.byId.get(mug)!.title).toBe("Blue Mug");
    expect(primary.byId.get(mug)!.untranslated).toBeUndefined();
    expect(await catalogFor(db, shop, now.getTime(), { locale: "en-GB" })).toBe(primary);
    expect(await catalogFor(db, shop, now.getTime(), { locale: "it" })).toBe(primary);
    // German is published but has no translation at all: every field falls back, marked.
    const german = await catalogFor(db, shop, now.getTime(), { locale: "de" });
    expect(german.byId.get(mug)).toMatchObject({
      title: "Blue Mug",
      untranslated: ["title", "description", "productType"],
    });
  });

  it("GIVEN a translation synced later THEN the French snapshot shows it after the check interval", async () => {
    const { shop, mug, translate } = await shopWithCatalog();
    const first = await catalogFor(db, shop, now.getTime(), { locale: "fr" });
    expect(first.byId.get(mug)!.title).toBe("Blue Mug");

    await translate("PRODUCT", mug, "fr", "title", "Tasse bleue");
    expect((await catalogFor(db, shop, now.getTime() + 1_000, { locale: "fr" })).byId.get(mug)!.title).toBe("Blue Mug");
    const later = await catalogFor(db, shop, now.getTime() + 10_000, { locale: "fr" });

    expect(later.byId.get(mug)!.title).toBe("Tasse bleue");
  });
});

describe("knowledge in the shopper's language", () => {
  it("GIVEN the refund policy translated into French THEN its passages are French under Shopify's French title, and the untranslated one is marked", async () => {
    const { shop, translate } = await shopWithCatalog();
    await translate(
      "SHOP_POLICY",
      "gid://shopify/ShopPolicy/5",
      "fr",
      "body",
      "<h2>Retours</h2><p>Vous pouvez retourner un article sous 30 jours.</p>",
    );
    await db.faqEntry.create({ data: { shop, question: "Gift wrap?", answer: "Yes, for £2." } });

    const french = await knowledgeFor(db, shop, now.getTime(), { locale: "fr" });
    const english = await knowledgeFor(db, shop, now.getTime());

    const refund = french.passages.filter((p) => p.kind === "REFUND_POLICY");
    expect(refund.map((p) => [p.sourceTitle, p.heading, p.text, p.untranslated])).toEqual([
      ["Politique de remboursement", "Retours", "Vous pouvez retourner un article sous 30 jours.", undefined],
    ]);
    expect(french.passages.find((p) => p.kind === "SHIPPING_POLICY")).toMatchObject({
      sourceTitle: "Shipping policy",
      text: "We ship in 2 days.",
      untranslated: true,
    });
    expect(french.passages.find((p) => p.kind === "FAQ")).toMatchObject({ untranslated: true });
    expect(french.policyUrls.get("REFUND_POLICY")?.title).toBe("Politique de remboursement");
    expect(french.locale).toBe("fr");
    expect(english.passages.find((p) => p.kind === "REFUND_POLICY")?.text).toBe("Return items within 30 days.");
    expect(english.locale).toBeUndefined();
  });
});

describe("which shop locale serves a shopper's locale", () => {
  const locales = { primary: "en", published: ["en", "fr", "pt-BR", "de-CH"] };

  it.each([
    ["fr", "fr"],
    ["fr-CA", "fr"],
    ["FR_fr", "fr"],
    ["pt-BR", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["de", "de-CH"],
    ["en-US", null],
    ["it", null],
    ["", null],
    [null, null],
  ])("%s → %s", (requested, expected) => {
    expect(translationLocaleFor(requested, locales)).toBe(expected);
  });
});
