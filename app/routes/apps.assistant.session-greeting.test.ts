import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { experimentResults, listExperiments, stopExperiment } from "~/experiments/store.server";
import { keyRing } from "~/privacy/keys.server";
import { greetingTemplates, segmentOffers } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { applyCustomerWebhook, applyProductWebhook } from "~/sync/webhooks.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, idempotencyKey } from "../../tests/support/chat";
import { startGreetingExperiment } from "../../tests/support/experiments";
import { buildCustomer, buildProduct, customerPayload, productPayload } from "../../tests/factories/catalog";

const fake = useFakeShopify();

const numeric = (gid: string) => gid.split("/").pop()!;

/** A shop with a VIP customer (lifetime spend well above the GBP default of 400) and a product, synced by webhook. */
async function shopWithVip() {
  const { domain } = await installShop(fake, { name: "Tea Leaves", currencyCode: "GBP" });
  const vip = buildCustomer({ firstName: "Ada" });
  await applyCustomerWebhook(db, domain, customerPayload(vip, { orders_count: 7, total_spent: "912.40" }), keyRing);
  const product = buildProduct({ title: "Smoky Lapsang" });
  await applyProductWebhook(db, domain, productPayload(product));
  await writeSetting(db, domain, greetingTemplates, [
    {
      id: "vip-product",
      segment: "vip",
      pageType: "product",
      source: "Welcome back, {{ customer.first_name }}! {{ product.title }} is one of our best.",
    },
    { id: "everyone", segment: null, pageType: null, source: "Hello from {{ shop.name }} <3" },
  ]);
  return { domain, vipId: numeric(vip.id), productId: numeric(product.id) };
}

describe("the greeting when the chat opens", () => {
  it("GIVEN a VIP customer on a product page THEN they get the VIP product greeting with their name, the product and their offer; an anonymous visitor gets the general one, as text", async () => {
    const { domain, vipId, productId } = await shopWithVip();
    await writeSetting(db, domain, segmentOffers, [
      {
        id: "vip20",
        name: "VIP thanks",
        segment: "vip",
        code: "VIP20",
        message: "Use {{ offer.code }} for 20% off today.",
        placement: "greeting",
      },
    ]);
    const page = { type: "product", productId };

    const vip = await chatPost("session", { page }, { shop: domain, customerId: vipId });
    const anonymous = await chatPost("session", { page }, { shop: domain });

    expect(vip.status).toBe(200);
    expect(vip.json.greeting).toBe("Welcome back, Ada! Smoky Lapsang is one of our best. Use VIP20 for 20% off today.");
    // Text, never HTML: the merchant's "<3" arrives as typed, for the widget's textContent.
    expect(anonymous.json.greeting).toBe("Hello from Tea Leaves <3");
    // The same VIP on the home page: no product template fits, the general greeting does.
    const home = await chatPost("session", { page: { type: "index" } }, { shop: domain, customerId: vipId });
    expect(home.json.greeting).toBe("Hello from Tea Leaves <3 Use VIP20 for 20% off today.");
  });

  it("GIVEN the shopper chose “Don't use my data” THEN their customer record is not used for the greeting", async () => {
    const { domain, vipId, productId } = await shopWithVip();
    const first = await chatPost("session", {}, { shop: domain, customerId: vipId });
    await chatPost(
      "preferences",
      { visitorToken: first.json.visitorToken, trackingOff: true },
      {
        shop: domain,
        customerId: vipId,
      },
    );

    const again = await chatPost(
      "session",
      { visitorToken: first.json.visitorToken, page: { type: "product", productId } },
      { shop: domain, customerId: vipId },
    );

    expect(again.json.greeting).toBe("Hello from Tea Leaves <3");
  });

  it("GIVEN a page type that is not Shopify's THEN the session answers 422 with a message", async () => {
    const { domain } = await installShop(fake);

    const response = await chatPost("session", { page: { type: "<script>" } }, { shop: domain });

    expect(response.status).toBe(422);
    expect(JSON.stringify(response.json)).toMatch(/page type/);
  });
});

describe("a running greeting experiment", () => {
  it("GIVEN visitors opening the chat twice THEN each keeps their variant, both variants are used, and each visitor is exposed once", async () => {
    const { domain } = await shopWithVip();
    const experimentId = await startGreetingExperiment(domain);

    const seen = new Map<string, string>();
    for (let i = 0; i < 24; i++) {
      const first = await chatPost("session", {}, { shop: domain, ip: `203.0.113.${i + 1}` });
      const again = await chatPost(
        "session",
        { visitorToken: first.json.visitorToken, conversationId: first.json.conversation.id },
        { shop: domain, ip: `203.0.113.${i + 1}` },
      );
      expect(again.json.greeting).toBe(first.json.greeting);
      seen.set(first.json.visitorToken, first.json.greeting);
    }

    const greetings = new Set(seen.values());
    expect(greetings).toEqual(new Set(["Hi there! Ask me anything about our teas.", "Questions? Ask away."]));
    const exposures = await db.experimentEvent.findMany({ where: { shop: domain, experimentId, type: "exposure" } });
    expect(exposures).toHaveLength(24);
    expect(new Set(exposures.map((e) => e.visitorId)).size).toBe(24);
    // The variant recorded is the one shown.
    const [stored] = await listExperiments(db, domain);
    const results = await experimentResults(db, domain, stored);
    const friendly = [...seen.values()].filter((g) => g.startsWith("Hi there")).length;
    expect(results.variants.map((v) => v.exposures)).toEqual([friendly, 24 - friendly]);
  });

  it("GIVEN an exposed visitor who writes to the assistant THEN it counts as engaged for their variant; after Stop nothing more is recorded and the results stay as they were", async () => {
    const { domain } = await shopWithVip();
    const experimentId = await startGreetingExperiment(domain);
    const chat = await chatPost("session", {}, { shop: domain });
    const owner = { conversationId: chat.json.conversation.id, visitorToken: chat.json.visitorToken };
    const variant = chat.json.greeting.startsWith("Hi there") ? 0 : 1;

    const sent = await chatPost(
      "messages",
      { ...owner, idempotencyKey: idempotencyKey(), text: "Do you ship to Ireland?" },
      { shop: domain },
    );
    expect(sent.status).toBe(200);
    const before = await experimentResults(db, domain, (await listExperiments(db, domain))[0]);
    expect(before.variants[variant]).toMatchObject({ exposures: 1, conversions: 1, rate: 1 });

    await stopExperiment(db, domain, experimentId, new Date());
    const later = await chatPost("session", {}, { shop: domain, ip: "198.51.100.7" });
    await chatPost(
      "messages",
      { ...owner, idempotencyKey: idempotencyKey(), text: "And to France?" },
      { shop: domain },
    );

    // A new visitor after the stop sees the templates' greeting and is not counted.
    expect(later.json.greeting).toBe("Hello from Tea Leaves <3");
    expect(await db.experimentEvent.count({ where: { shop: domain, experimentId } })).toBe(2);
    const after = await experimentResults(db, domain, (await listExperiments(db, domain))[0]);
    expect(after.variants).toEqual(before.variants);
  });
});
