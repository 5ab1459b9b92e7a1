import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";

const fake = useFakeShopify();

async function answered() {
  const { domain } = await installShop(fake);
  const chat = await openChat({ shop: domain });
  const sent = await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: "hi" }, { shop: domain });
  return { domain, chat, shopperMessageId: sent.json.message.id, replyId: sent.json.reply.id };
}

describe("POST /apps/assistant/feedback", () => {
  it("GIVEN thumbs down on an answer THEN it is stored on that answer, and can be taken back", async () => {
    const { domain, chat, replyId } = await answered();

    const down = await chatPost("feedback", { ...chat, messageId: replyId, value: "down" }, { shop: domain });
    expect(down.status).toBe(200);
    expect((await db.message.findUniqueOrThrow({ where: { id: replyId } })).feedback).toBe(-1);

    await chatPost("feedback", { ...chat, messageId: replyId, value: null }, { shop: domain });
    expect((await db.message.findUniqueOrThrow({ where: { id: replyId } })).feedback).toBeNull();
  });

  it("GIVEN thumbs on the shopper's own message THEN it answers 404", async () => {
    const { domain, chat, shopperMessageId } = await answered();

    const response = await chatPost(
      "feedback",
      { ...chat, messageId: shopperMessageId, value: "up" },
      { shop: domain },
    );

    expect(response.status).toBe(404);
  });

  it("GIVEN a 1-5 rating THEN the conversation keeps it; 6 stars is refused with a readable message", async () => {
    const { domain, chat } = await answered();

    const ok = await chatPost("feedback", { ...chat, rating: 4 }, { shop: domain });
    const tooMany = await chatPost("feedback", { ...chat, rating: 6 }, { shop: domain });

    expect(ok.status).toBe(200);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).rating).toBe(4);
    expect(tooMany.status).toBe(422);
  });

  it("GIVEN another visitor's conversation THEN feedback answers 404 and changes nothing", async () => {
    const { domain, chat, replyId } = await answered();
    const stranger = await openChat({ shop: domain });

    const response = await chatPost(
      "feedback",
      { conversationId: chat.conversationId, visitorToken: stranger.visitorToken, messageId: replyId, value: "down" },
      { shop: domain },
    );
    const rating = await chatPost(
      "feedback",
      { conversationId: chat.conversationId, visitorToken: stranger.visitorToken, rating: 1 },
      { shop: domain },
    );

    expect([response.status, rating.status]).toEqual([404, 404]);
    expect((await db.message.findUniqueOrThrow({ where: { id: replyId } })).feedback).toBeNull();
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).rating).toBeNull();
  });
});
