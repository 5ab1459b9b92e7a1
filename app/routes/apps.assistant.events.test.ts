import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, openChat } from "../../tests/support/chat";

const fake = useFakeShopify();

const view = (productId: string) => ({ type: "view", productId });

describe("POST /apps/assistant/events", () => {
  it("GIVEN consent THEN views and add-to-carts are stored for the visitor, with product GIDs", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "events",
      {
        visitorToken: chat.visitorToken,
        conversationId: chat.conversationId,
        consent: true,
        events: [view("101"), { type: "add_to_cart", productId: "101", variantId: "5001", quantity: 2 }],
      },
      { shop: domain },
    );

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ recorded: 2 });
    const rows = await db.behaviourEvent.findMany({ where: { shop: domain }, orderBy: { type: "desc" } });
    expect(rows).toMatchObject([
      { type: "view", productId: "gid://shopify/Product/101", conversationId: chat.conversationId },
      { type: "add_to_cart", variantId: "gid://shopify/ProductVariant/5001", quantity: 2 },
    ]);
  });

  it("GIVEN the chat's product cards shown and one opened THEN impressions and the click are stored against the conversation", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "events",
      {
        visitorToken: chat.visitorToken,
        conversationId: chat.conversationId,
        consent: true,
        events: [
          { type: "rec_impression", productId: "101" },
          { type: "rec_impression", productId: "102" },
          { type: "rec_click", productId: "102" },
        ],
      },
      { shop: domain },
    );

    expect(response.status).toBe(200);
    const rows = await db.behaviourEvent.groupBy({
      by: ["type", "conversationId"],
      where: { shop: domain },
      _count: { _all: true },
      orderBy: { type: "asc" },
    });
    expect(rows.map((r) => [r.type, r.conversationId, r._count._all])).toEqual([
      ["rec_click", chat.conversationId, 1],
      ["rec_impression", chat.conversationId, 2],
    ]);
  });

  it("GIVEN an event type the widget never sends THEN it answers 422 and stores nothing", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "events",
      { visitorToken: chat.visitorToken, consent: true, events: [{ type: "purchase", productId: "1" }] },
      { shop: domain },
    );

    expect(response.status).toBe(422);
    expect(await db.behaviourEvent.count({ where: { shop: domain } })).toBe(0);
  });

  it.each([
    ["without the consent flag", {}],
    ["with consent false", { consent: false }],
  ])("GIVEN events %s THEN they are refused and nothing is stored", async (_name, consent) => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "events",
      { visitorToken: chat.visitorToken, events: [view("1")], ...consent },
      {
        shop: domain,
      },
    );

    expect(response.status).toBe(422);
    expect(response.json.error.message).toMatch(/consent/);
    expect(await db.behaviourEvent.count({ where: { shop: domain } })).toBe(0);
  });

  it('GIVEN a shopper who chose "Don\'t use my data" THEN events are refused even with consent', async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    await chatPost("preferences", { visitorToken: chat.visitorToken, trackingOff: true }, { shop: domain });

    const response = await chatPost(
      "events",
      { visitorToken: chat.visitorToken, consent: true, events: [view("1")] },
      {
        shop: domain,
      },
    );

    expect(response.status).toBe(403);
    expect(await db.behaviourEvent.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN a forged visitor token THEN it answers 401", async () => {
    const { domain } = await installShop(fake);

    const response = await chatPost(
      "events",
      { visitorToken: "nope", consent: true, events: [view("1")] },
      {
        shop: domain,
      },
    );

    expect(response.status).toBe(401);
  });

  it("GIVEN another visitor's conversation id THEN the events are stored without it", async () => {
    const { domain } = await installShop(fake);
    const owner = await openChat({ shop: domain });
    const other = await openChat({ shop: domain });

    await chatPost(
      "events",
      { visitorToken: other.visitorToken, conversationId: owner.conversationId, consent: true, events: [view("1")] },
      { shop: domain },
    );

    expect((await db.behaviourEvent.findFirstOrThrow({ where: { shop: domain } })).conversationId).toBeNull();
  });

  it("GIVEN more than 20 events at once THEN the batch is refused", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const events = Array.from({ length: 21 }, (_, i) => view(String(i)));
    const response = await chatPost(
      "events",
      { visitorToken: chat.visitorToken, consent: true, events },
      { shop: domain },
    );

    expect(response.status).toBe(422);
  });
});
