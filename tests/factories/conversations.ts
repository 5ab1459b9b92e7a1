import { db } from "~/db.server";
import { encrypt } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { newConversationId } from "~/conversations/visitor.server";

export { newConversationId };

export interface Turn {
  question: string;
  intent: string | null;
  resolved: boolean;
  feedback?: 1 | -1;
}

/** A conversation with its shopper questions and the assistant's answers, written as the chat writes them. */
export async function seedConversation(
  shop: string,
  started: Date,
  turns: Turn[],
  extra: { handoffAt?: Date; rating?: number } = {},
) {
  const id = newConversationId();
  await db.conversation.create({
    data: {
      id,
      shop,
      visitorId: "visitor-1",
      createdAt: started,
      lastMessageAt: started,
      messageCount: turns.length * 2,
      handoffAt: extra.handoffAt ?? null,
      status: extra.handoffAt ? "waiting" : "open",
      rating: extra.rating ?? null,
      ratedAt: extra.rating ? started : null,
    },
  });
  let seq = 0;
  for (const turn of turns) {
    const question = await db.message.create({
      data: {
        shop,
        conversationId: id,
        seq: ++seq,
        role: "shopper",
        text: encrypt(keyRing, turn.question),
        createdAt: started,
      },
    });
    await db.message.create({
      data: {
        shop,
        conversationId: id,
        seq: ++seq,
        role: "assistant",
        text: encrypt(keyRing, "an answer"),
        intent: turn.intent,
        resolved: turn.resolved,
        replyToId: question.id,
        feedback: turn.feedback ?? null,
        createdAt: started,
      },
    });
  }
  return id;
}

/** A synced order, attributed to a conversation when `attributed` names one. */
export async function seedOrder(
  shop: string,
  id: string,
  createdAt: Date,
  total: string,
  attributed: string | null,
  extra = {},
) {
  await db.order.create({
    data: {
      shop,
      id: `gid://shopify/Order/${id}`,
      name: `#${id}`,
      currency: "USD",
      totalPrice: total,
      fulfillmentStatus: "UNFULFILLED",
      assistantConversationId: attributed,
      createdAt,
      updatedAt: createdAt,
      syncedAt: createdAt,
      ...extra,
    },
  });
}
