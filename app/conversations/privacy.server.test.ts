import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { readCustomerExport } from "~/privacy/compliance.server";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { action as customersRedact } from "~/routes/webhooks.customers.redact";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { call, webhook } from "../../tests/support/requests";

const fake = useFakeShopify();

const deliver = async (handler: typeof dataRequest, request: Request) => (await call(handler, request)) as Response;

/** A logged-in customer who chatted, browsed with consent and opted out of nothing. */
async function customerWhoChatted(domain: string, customerId: string, text: string) {
  const customer = { shop: domain, customerId };
  const chat = await openChat(customer);
  await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text }, customer);
  await chatPost(
    "events",
    { visitorToken: chat.visitorToken, consent: true, events: [{ type: "view", productId: "9" }] },
    customer,
  );
  await chatPost("feedback", { ...chat, rating: 5 }, customer);
  return chat;
}

describe("the storefront chat and the compliance webhooks", () => {
  it("GIVEN customers/data_request THEN the export holds the customer's conversations in clear text, events and choices", async () => {
    const { domain } = await installShop(fake);
    await customerWhoChatted(domain, "501", "Where is order #1001?");
    await customerWhoChatted(domain, "502", "Someone else's question");

    await deliver(
      dataRequest,
      webhook("customers/data_request", domain, { customer: { id: 501 }, orders_requested: [] }),
    );

    const saved = await db.dataRequest.findFirstOrThrow({ where: { shop: domain, customerId: "501" } });
    // Stored sealed; the merchant's download opens it.
    expect(saved.payload).not.toContain("order #1001");
    const opened = JSON.stringify(await readCustomerExport(db, domain, saved.id));
    const exported = JSON.parse(opened).sources["storefront chat"];
    const conversation = exported.find((item: { kind: string }) => item.kind === "conversation");
    expect(conversation.rating).toBe(5);
    expect(conversation.messages[0]).toMatchObject({ from: "shopper", text: "Where is order #1001?" });
    expect(conversation.messages[1].from).toBe("assistant");
    expect(exported.filter((item: { kind: string }) => item.kind === "behaviour event")).toHaveLength(1);
    expect(opened).not.toContain("Someone else's question");
    expect(await readCustomerExport(db, "another-shop.myshopify.com", saved.id)).toBeNull();
  });

  it("GIVEN a guest who left their email for a person THEN data_request finds that conversation by the email", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    await chatPost(
      "messages",
      { ...chat, idempotencyKey: idempotencyKey(), text: "My parcel is late" },
      { shop: domain },
    );
    await db.conversation.update({ where: { id: chat.conversationId }, data: { status: "waiting" } });
    await chatPost("handoff-email", { ...chat, email: "Guest@Example.com" }, { shop: domain });

    await deliver(
      dataRequest,
      webhook("customers/data_request", domain, { customer: { id: 777, email: "guest@example.com" } }),
    );

    const saved = await db.dataRequest.findFirstOrThrow({ where: { shop: domain, customerId: "777" } });
    const opened = JSON.stringify(await readCustomerExport(db, domain, saved.id));
    expect(opened).toContain("My parcel is late");
    expect(opened).toContain("Guest@Example.com");
  });

  it("GIVEN customers/redact THEN that customer's conversations, messages, events and choices are erased, and others' kept", async () => {
    const { domain } = await installShop(fake);
    const erased = await customerWhoChatted(domain, "601", "hello");
    await chatPost(
      "preferences",
      { visitorToken: erased.visitorToken, trackingOff: true },
      { shop: domain, customerId: "601" },
    );
    const kept = await customerWhoChatted(domain, "602", "hello too");

    await deliver(
      customersRedact,
      webhook("customers/redact", domain, { customer: { id: 601 }, orders_to_redact: [] }),
    );

    expect(await db.conversation.count({ where: { id: erased.conversationId } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: erased.conversationId } })).toBe(0);
    expect(await db.behaviourEvent.count({ where: { shop: domain, customerId: "601" } })).toBe(0);
    expect(await db.shopperPreference.count({ where: { shop: domain, customerId: "601" } })).toBe(0);
    expect(await db.conversation.count({ where: { id: kept.conversationId } })).toBe(1);
    expect(await db.message.count({ where: { conversationId: kept.conversationId } })).toBe(2);
    expect(await db.behaviourEvent.count({ where: { shop: domain, customerId: "602" } })).toBe(1);
  });

  it("GIVEN shop/redact THEN no chat row of the shop is left, and another shop keeps its chats", async () => {
    const { domain } = await installShop(fake);
    const neighbour = await installShop(fake);
    await customerWhoChatted(domain, "1", "hi");
    await db.assistantSettings.create({ data: { shop: domain, greeting: "Hello" } });
    const theirs = await customerWhoChatted(neighbour.domain, "1", "hi");
    await deliver(uninstalled, webhook("app/uninstalled", domain, {}));

    await deliver(shopRedact, webhook("shop/redact", domain, { shop_domain: domain }));

    for (const count of [
      db.conversation.count({ where: { shop: domain } }),
      db.message.count({ where: { shop: domain } }),
      db.behaviourEvent.count({ where: { shop: domain } }),
      db.assistantSettings.count({ where: { shop: domain } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect(await db.message.count({ where: { conversationId: theirs.conversationId } })).toBe(2);
  });
});
