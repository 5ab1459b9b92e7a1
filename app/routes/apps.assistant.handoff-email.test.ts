import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, openChat } from "../../tests/support/chat";

const fake = useFakeShopify();

async function waitingChat() {
  const { domain } = await installShop(fake);
  const chat = await openChat({ shop: domain });
  // A handoff as the assistant records it (the current assistant only offers one).
  await db.conversation.update({
    where: { id: chat.conversationId },
    data: { status: "waiting", handoffReason: "requested", handoffAt: new Date() },
  });
  return { domain, chat };
}

describe("POST /apps/assistant/handoff-email", () => {
  it("GIVEN a conversation waiting for a person THEN the email is stored encrypted and the conversation says so", async () => {
    const { domain, chat } = await waitingChat();

    const response = await chatPost("handoff-email", { ...chat, email: " pat@example.com " }, { shop: domain });

    expect(response.status).toBe(200);
    const row = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    expect(row.handoffEmail).not.toContain("pat@");
    const session = await chatPost("session", chat, { shop: domain });
    expect(session.json.conversation.handoff).toMatchObject({ reason: "requested", emailSaved: true });
  });

  it("GIVEN something that is not an email THEN it answers 422 with a message the shopper can act on", async () => {
    const { domain, chat } = await waitingChat();

    const response = await chatPost("handoff-email", { ...chat, email: "pat at example" }, { shop: domain });

    expect(response.status).toBe(422);
    expect(response.json.error.message).toBe("Please enter a valid email address.");
  });

  it("GIVEN a conversation that is not waiting for a person THEN it answers 422", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost("handoff-email", { ...chat, email: "pat@example.com" }, { shop: domain });

    expect(response.status).toBe(422);
  });

  it("GIVEN another visitor's conversation THEN it answers 404", async () => {
    const { domain, chat } = await waitingChat();
    const stranger = await openChat({ shop: domain });

    const response = await chatPost(
      "handoff-email",
      { conversationId: chat.conversationId, visitorToken: stranger.visitorToken, email: "eve@example.com" },
      { shop: domain },
    );

    expect(response.status).toBe(404);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).handoffEmail).toBeNull();
  });
});
