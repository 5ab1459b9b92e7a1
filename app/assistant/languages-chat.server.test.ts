import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { catalogFor } from "~/catalog/snapshot.server";
import { forgetKnowledge, knowledgeFor } from "~/knowledge/store.server";
import { runFullSync } from "~/sync/full-sync.server";
import { DEMO_SHOP_DOMAIN, demoPolicies, loadGeneratedStore } from "../../tests/factories/demo-store";
import { addDemoTranslations, demoPolicyTranslations } from "../../tests/factories/demo-translations";
import { assistantConversation } from "../../tests/support/assistant-chat";
import { installShop } from "../../tests/support/install";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { answerProductDetail } from "./answers.server";
import { LANGUAGE_PACKS } from "./languages";
import { shopFacts } from "./respond.server";
import { MESSAGES as EN } from "./languages/en/messages";
import { say } from "./say";
import { shopLanguages, turnLanguage } from "./turn-language.server";

/**
 * Shoppers answered in their own language (issue 14, Builds 1 and 3) on the demo shop with its
 * French, German and Spanish translations, synced from the fake Shopify as the demo does.
 */

const htmlFree = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");

describe("the turn's language", () => {
  it("GIVEN a shop whose only language is English THEN every turn is English and nothing is identified", async () => {
    expect(shopLanguages("en", ["en"])).toEqual(["en"]);
    expect(
      await turnLanguage(
        { locale: "en", locales: ["en"] },
        { text: "Bonjour, je cherche un cadeau", locale: "fr" },
        {},
      ),
    ).toEqual({
      language: "en",
      multilingual: false,
    });
  });

  it("GIVEN published locales with and without a pack THEN the shop's languages are those with one, primary first", () => {
    expect(shopLanguages("fr-CA", ["en", "fr-FR", "pt-BR", "de"])).toEqual(["fr", "en", "de"]);
  });

  it("GIVEN a short message THEN the conversation's language holds, unless the storefront's language changed since", async () => {
    const shop = { locale: "en", locales: ["en", "fr", "de", "es"] };
    expect(
      (await turnLanguage(shop, { text: "ok", locale: "en" }, { language: "fr", languageLocale: "en" })).language,
    ).toBe("fr");
    expect(
      (await turnLanguage(shop, { text: "ok", locale: "de" }, { language: "fr", languageLocale: "en" })).language,
    ).toBe("de");
    expect((await turnLanguage(shop, { text: "#1042", locale: "es" }, {})).language).toBe("es");
  });
});

describe("reply templates", () => {
  it("GIVEN English THEN the templates format to the very strings the engine said before them", () => {
    expect(say("en", "greeting", { shop: "Demo Gift Shop" })).toBe(
      "Hi! I'm the Demo Gift Shop assistant. I can help with orders, shipping, returns and finding products.",
    );
    expect(say("en", "identity", { shop: "Demo Gift Shop" })).toBe(
      "I'm Demo Gift Shop's virtual assistant, an automated helper, not a person. I can help with orders, shipping, returns and finding products, and I can ask a person from the shop to join whenever you like.",
    );
    expect(say("en", "privacy")).toBe(
      "You can stop us using your browsing for recommendations with \"Don't use my data\" in this chat's menu. To get a copy of your data or have it deleted, ask the shop; a person can help.",
    );
    expect(say("en", "notInPolicy", { policy: "refund policy" })).toBe(
      "I couldn't find that in the shop's refund policy. Would you like me to ask a person?",
    );
    expect(say(undefined, "thanks")).toBe("You're welcome! Anything else I can help with?");
    expect(say("en", "costs", { product: "Mug", from: "no", price: "£4.50", was: "none", available: "yes" })).toBe(
      "Mug costs £4.50, and is in stock.",
    );
    expect(say("en", "costs", { product: "Mug", from: "yes", price: "£4.50", was: "£6.00", available: "no" })).toBe(
      "Mug costs from £4.50, reduced from £6.00, and is sold out at the moment.",
    );
    expect(say("en", "inStockFew", { product: "Mug", count: 3 })).toBe("Mug is in stock, with only 3 left.");
    expect(say("en", "askOrderEmail", { number: "1042" })).toBe(
      "To keep your order private, what email address did you use for order #1042?",
    );
  });

  it("GIVEN a count THEN each language's plural rule picks the form", () => {
    expect(say("en", "priceFrom", { count: 1, price: "£4.50", filters: "" })).toBe("It costs £4.50:");
    expect(say("en", "priceFrom", { count: 3, price: "£4.50", filters: " for mugs" })).toBe(
      "Prices start at £4.50 for mugs:",
    );
    expect(say("fr", "priceFrom", { count: 1, price: "4,50 £", filters: "" })).toBe("Il coûte 4,50 £ :");
    expect(say("fr", "priceFrom", { count: 3, price: "4,50 £", filters: "" })).toBe("Les prix commencent à 4,50 £ :");
    expect(say("de", "priceFrom", { count: 1, price: "4,50 £", filters: "" })).toBe("Es kostet 4,50 £:");
  });

  it("GIVEN every language THEN every template formats with its placeholders filled and none left over", () => {
    for (const pack of Object.values(LANGUAGE_PACKS))
      for (const key of Object.keys(EN) as (keyof typeof EN)[]) {
        const text = say(pack.code, key, {
          shop: "Demo Gift Shop",
          email: "a@b.example",
          topics: "x",
          policy: "p",
          product: "P",
          what: "w",
          kinds: "k",
          kind: "k",
          filters: "",
          audience: "",
          number: "1042",
          count: 2,
          price: "£4.50",
          from: "yes",
          was: "£6.00",
          available: "no",
        });
        expect(text, `${pack.code}/${key}`).not.toMatch(/[{}]/);
        expect(text.trim().length, `${pack.code}/${key}`).toBeGreaterThan(2);
      }
  });
});

describe("chatting in French, German and Spanish on the demo shop", () => {
  const fake = useFakeShopify();
  let shop: string;
  beforeAll(async () => {
    const installed = await installShop(fake, {
      name: "Demo Gift Shop",
      currencyCode: "GBP",
      ianaTimezone: "Europe/London",
      contactEmail: "help@demo-gift-shop.example",
      primaryLocale: "en",
      locales: ["en", "fr", "de", "es"],
      policies: demoPolicies(DEMO_SHOP_DOMAIN),
    });
    loadGeneratedStore(installed.fakeShop, { now: Date.now() });
    addDemoTranslations(installed.fakeShop, { updatedAt: new Date().toISOString() });
    const summary = await runFullSync(db, installed.domain, { pollMs: 10, maxPollMs: 50 });
    expect(summary.status).toBe("completed");
    shop = installed.domain;
  }, 180_000);
  const chat = () => assistantConversation(() => shop);

  it("GIVEN the /fr storefront WHEN asked about returns in French THEN answered in French from the French refund policy", async () => {
    const reply = await chat().say("Bonjour, comment puis-je retourner un article ?", { locale: "fr" });
    expect(reply.language).toBe("fr");
    expect(reply.intent).toBe("returns_refunds");
    expect(reply.resolved).toBe(true);
    const french = htmlFree(demoPolicyTranslations("fr").REFUND_POLICY);
    // The quote is the merchant's French text, word for word.
    expect(french).toContain(reply.text.trim());
    expect(reply.text).not.toMatch(/\b(?:the|return|items|within)\b/i);
  }, 30_000);

  it("GIVEN a greeting in French on the English storefront THEN the greeting in French", async () => {
    const reply = await chat().say("Bonjour, je cherche un cadeau pour ma mère", { locale: "en" });
    expect(reply.language).toBe("fr");
    expect(reply.text).not.toMatch(/I can't help with that/);
  }, 30_000);

  it("GIVEN a shopper who switches language mid-conversation THEN each answer is in the language just written, and a short reply keeps it", async () => {
    const conversation = chat();
    const spanish = await conversation.say("Hola, ¿cuál es vuestra política de devoluciones?", { locale: "fr" });
    expect(spanish.language).toBe("es");
    expect(htmlFree(demoPolicyTranslations("es").REFUND_POLICY)).toContain(spanish.text.trim());
    const thanks = await conversation.say("gracias", { locale: "fr" });
    expect(thanks.language).toBe("es");
    expect(thanks.text).toBe(say("es", "thanks"));
    const german = await conversation.say("Ich möchte bitte mit einem Menschen sprechen", { locale: "fr" });
    expect(german.language).toBe("de");
    expect(german.text).toBe(say("de", "handoffRequested"));
    const english = await conversation.say("thank you so much, that was helpful", { locale: "fr" });
    expect(english.language).toBe("en");
    expect(english.text).toBe(EN.thanks);
    expect(conversation.state.language).toBe("en");
  }, 30_000);

  it("GIVEN an FAQ entry the merchant wrote only in English THEN a German question gets its English text, marked as untranslated in German", async () => {
    const answer = "Yes, we accept Klarna: pay in three instalments at checkout.";
    await db.faqEntry.create({ data: { shop, question: "Do you accept Klarna?", answer } });
    // As the FAQ page does on saving (knowledge snapshots are cached for a few seconds).
    forgetKnowledge(shop);
    const reply = await chat().say("Geht auch Klarna?", { locale: "de" });
    expect(reply.language).toBe("de");
    expect(reply.resolved).toBe(true);
    expect(reply.text).toBe(`${answer} ${say("de", "untranslated")}`);
    // The same entry for an English shopper: no note.
    const english = await chat().say("Do you accept Klarna?", { locale: "en" });
    expect(english.text).toBe(answer);
  }, 30_000);

  it("GIVEN a French search THEN the French lead line and cards; a thing the shop does not sell said so in French", async () => {
    const found = await chat().say("Avez-vous des bougies ?", { locale: "fr" });
    expect(found.language).toBe("fr");
    expect(found.products?.length).toBeGreaterThan(0);
    expect([say("fr", "searchFound", { filters: "" }), say("fr", "searchMore", { filters: "" })]).toContain(found.text);
    const notSold = await chat().say("Vous vendez des tondeuses à gazon ?", { locale: "fr" });
    expect(notSold.language).toBe("fr");
    expect(notSold.text).toMatch(/^Désolé, Demo Gift Shop ne vend pas « /);
    expect(notSold.products ?? []).toEqual([]);
  }, 30_000);

  it("GIVEN a product's price asked in German THEN its price and stock in German, money in German format", async () => {
    // The dialogue reads aspects in English words (dialogue.ts): the answer is asked for directly.
    const catalog = await catalogFor(db, shop, Date.now(), { locale: "de" });
    const product = catalog.products.find(
      (p) =>
        p.variants.length === 1 &&
        p.variants[0].available &&
        (p.variants[0].compareAtPrice ?? 0) <= p.variants[0].price,
    )!;
    const { reply } = answerProductDetail(
      { kind: "product_detail", productId: product.id, aspect: "price" },
      {
        shop: { ...(await shopFacts(db, shop)) },
        catalog,
        knowledge: await knowledgeFor(db, shop, Date.now(), { locale: "de" }),
        state: {},
        language: "de",
      },
    );
    const price = new Intl.NumberFormat("de", { style: "currency", currency: "GBP" }).format(product.variants[0].price);
    expect(reply.text).toBe(`${product.title} kostet ${price} und ist auf Lager.`);
  }, 30_000);

  it("GIVEN a Spanish order question THEN the order number and then the email are asked for in Spanish", async () => {
    const conversation = chat();
    const ask = await conversation.say("¿Dónde está mi pedido?", { locale: "es" });
    expect(ask.language).toBe("es");
    expect(ask.text).toBe(say("es", "askOrderNumber"));
    const order = await db.order.findFirstOrThrow({ where: { shop, deletedAt: null }, select: { name: true } });
    const email = await conversation.say(order.name, { locale: "es" });
    expect(email.language).toBe("es");
    expect(email.text).toBe(say("es", "askOrderEmail", { number: order.name.replace(/^#/, "") }));
  }, 30_000);

  it("GIVEN English on the English storefront of the same shop THEN the English answer, unmarked", async () => {
    const reply = await chat().say("hi there", { locale: "en" });
    expect(reply.language).toBe("en");
    expect(reply.text).toBe(say("en", "greeting", { shop: "Demo Gift Shop" }));
  }, 30_000);
});
