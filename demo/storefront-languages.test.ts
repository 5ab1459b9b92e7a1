import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeShopifyStore, policyGid, type FakeShop } from "../tests/fake-shopify/store";
import { seedDemoShop } from "../tests/factories/demo-store";
import { translateDemoTitle } from "../tests/factories/demo-translations";
import { startDemoServer } from "./server";

let shop: FakeShop;
let front: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  const store = new FakeShopifyStore();
  ({ shop } = await seedDemoShop(store, { dataDir: "/nonexistent", generated: true, grantedScopes: [] }));
  front = await startDemoServer({
    shop,
    apiKey: "k",
    apiSecret: "s",
    // The app behind the front is not needed for pages; nothing here reaches it.
    appOrigin: "http://127.0.0.1:9",
    extensionDir: path.resolve(import.meta.dirname, "../extensions/assistant-widget"),
    port: 0,
  });
});
afterAll(() => front?.close());

const page = async (pathname: string) => {
  const response = await fetch(front.url + pathname);
  return { status: response.status, html: await response.text() };
};

describe("demo translations", () => {
  it("translates titles by the dictionary and leaves a title with an unknown word untranslated", () => {
    expect(translateDemoTitle("White Hanging Heart T-Light Holder", "fr")).toBe("Photophore cœur suspendu blanc");
    expect(translateDemoTitle("White Hanging Heart T-Light Holder", "de")).toBe("Teelichthalter Herz hängend weiß");
    expect(translateDemoTitle("Pack Of 72 Retrospot Cake Cases", "es")).toBe(
      "Paquete de 72 cápsulas para magdalenas Retrospot",
    );
    expect(translateDemoTitle("World War 2 Gliders Asstd Designs", "fr")).toBeNull();
  });

  it("loads policies, types and the covered titles into the fake Shopify's translations", () => {
    const refund = shop.policies.findIndex((p) => p.type === "REFUND_POLICY");
    expect(shop.translations.get(policyGid(shop, refund))!.map((t) => t.locale)).toEqual(["fr", "de", "es"]);
    const heart = [...shop.products.values()].find((p) => p.title === "White Hanging Heart T-Light Holder")!;
    expect(shop.translations.get(heart.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ locale: "fr", key: "title", value: "Photophore cœur suspendu blanc" }),
        expect.objectContaining({ locale: "fr", key: "product_type", value: "Bougies et lumières" }),
      ]),
    );
  });
});

describe("demo storefront locale paths", () => {
  it("GIVEN /fr THEN the page is French, the widget is configured with fr and the switcher links every language", async () => {
    const { status, html } = await page("/fr");

    expect(status).toBe(200);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/"locale":\s*"fr"/);
    expect(html).toContain('<strong aria-current="true" lang="fr">Français</strong>');
    expect(html).toContain('<a href="/" lang="en" hreflang="en">English</a>');
    expect(html).toContain('<a href="/de" lang="de" hreflang="de">Deutsch</a>');
    expect(html).toContain('href="/fr/products/');
  });

  it("GIVEN a French product page THEN its translated title is shown, and the switcher keeps the page", async () => {
    const heart = [...shop.products.values()].find((p) => p.title === "White Hanging Heart T-Light Holder")!;

    const { html } = await page(`/fr/products/${heart.handle}`);
    const english = await page(`/products/${heart.handle}`);

    expect(html).toContain("<h1>Photophore cœur suspendu blanc</h1>");
    expect(html).toContain(`<a href="/es/products/${heart.handle}" lang="es" hreflang="es">Español</a>`);
    expect(english.html).toContain("<h1>White Hanging Heart T-Light Holder</h1>");
    expect(english.html).toMatch(/"locale":\s*"en"/);
  });

  it("GIVEN the German refund policy page THEN the German text is served", async () => {
    const { html } = await page("/de/policies/refund-policy");
    expect(html).toContain("innerhalb von 30 Tagen nach der Lieferung");
  });

  it("GIVEN a locale the shop does not publish THEN it is not a locale path", async () => {
    expect((await page("/it")).status).toBe(404);
  });
});
