import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { uniqueShopDomain } from "../../tests/factories/shops";
import { chatPost, openChat } from "../../tests/support/chat";
import { action as events } from "./apps.assistant.events";
import { action as feedback } from "./apps.assistant.feedback";
import { action as handoffEmail } from "./apps.assistant.handoff-email";
import { action as send, loader as history } from "./apps.assistant.messages";
import { action as preferences } from "./apps.assistant.preferences";
import { action as session } from "./apps.assistant.session";

const fake = useFakeShopify();

describe("POST /apps/assistant/session", () => {
  it("GIVEN a first visit THEN it issues a visitor token and starts a conversation with the shop's facts", async () => {
    const { domain } = await installShop(fake, { name: "Tea Leaves", currencyCode: "GBP" });

    const response = await chatPost("session", { locale: "fr" }, { shop: domain });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      shop: { name: "Tea Leaves", currency: "GBP", locale: "en" },
      loggedIn: false,
      trackingOff: false,
      greeting: null,
      suggestions: null,
      messages: [],
      conversation: { status: "open", handoff: null, rating: null },
      maxMessageLength: 1000,
    });
    expect(response.json.visitorToken).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    const row = await db.conversation.findUniqueOrThrow({ where: { id: response.json.conversation.id } });
    expect(row).toMatchObject({ shop: domain, locale: "fr", customerId: null });
  });

  it("GIVEN the visitor's token and conversation THEN the same conversation is resumed", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const again = await chatPost("session", chat, { shop: domain });

    expect(again.json.conversation.id).toBe(chat.conversationId);
    expect(again.json.visitorToken).toBe(chat.visitorToken);
  });

  it("GIVEN a forged token THEN a new visitor is issued, and the old conversation is not resumed", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const forged = await chatPost(
      "session",
      { conversationId: chat.conversationId, visitorToken: chat.visitorToken.slice(0, -2) + "xx" },
      { shop: domain },
    );

    expect(forged.status).toBe(200);
    expect(forged.json.visitorToken).not.toBe(chat.visitorToken);
    expect(forged.json.conversation.id).not.toBe(chat.conversationId);
  });

  it("GIVEN a logged-in customer THEN the conversation is theirs and the widget only learns that someone is logged in", async () => {
    const { domain } = await installShop(fake);

    const response = await chatPost("session", {}, { shop: domain, customerId: "7001" });

    expect(response.json.loggedIn).toBe(true);
    expect(JSON.stringify(response.json)).not.toContain("7001");
    const row = await db.conversation.findUniqueOrThrow({ where: { id: response.json.conversation.id } });
    expect(row.customerId).toBe("7001");
  });

  it("GIVEN a shop without the app THEN it answers 404 with a readable message", async () => {
    const response = await chatPost("session", {}, { shop: uniqueShopDomain("absent") });

    expect(response.status).toBe(404);
    expect(response.json.error.message).toMatch(/not available/);
  });

  it("GIVEN a body that is not an object of the expected fields THEN it answers 422", async () => {
    const { domain } = await installShop(fake);

    const response = await chatPost("session", { locale: 42 }, { shop: domain });

    expect(response.status).toBe(422);
  });
});

describe("every storefront chat endpoint", () => {
  it.each([
    ["POST session", session],
    ["POST messages", send],
    ["GET messages", history],
    ["POST feedback", feedback],
    ["POST events", events],
    ["POST preferences", preferences],
    ["POST handoff-email", handoffEmail],
  ])("GIVEN %s without Shopify's app proxy signature THEN it answers 401 in JSON", async (name, handler) => {
    const { domain } = await installShop(fake);
    const [method, endpoint] = name.split(" ");
    const request = new Request(`https://assistant.test/apps/assistant/${endpoint}?shop=${domain}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: method === "POST" ? "{}" : undefined,
    });

    const response = await handler({ request, params: {}, context: {} });

    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthorized");
  });
});
