import { randomBytes } from "node:crypto";

/**
 * Shoppers chatting with the demo store through its app proxy, over HTTP, the way the
 * widget does: the real assistant answers, so the admin has real conversations to show.
 */

const QUESTIONS = [
  "Where is my order #1001?",
  "What is your returns policy?",
  "Do you ship to France?",
  "Can you recommend a gift under £30?",
  "Can I pay with seashells on a Tuesday?",
  "I would like to talk to a person",
  "How long does delivery take?",
  "Do you have mugs?",
];

async function post(baseUrl: string, endpoint: string, body: unknown) {
  const response = await fetch(new URL(`/apps/assistant/${endpoint}`, baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": "Mozilla/5.0 (bench) Chrome/130" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${endpoint} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/**
 * `count` shoppers each ask one question (cycling through a fixed list); every third rates
 * the chat, and those shown product cards report them as the widget does with consent.
 */
export async function chatWithDemo(baseUrl: string, count: number) {
  for (let i = 0; i < count; i++) {
    const session = (await post(baseUrl, "session", { locale: "en" })) as {
      visitorToken: string;
      conversation: { id: string };
    };
    const owner = { visitorToken: session.visitorToken, conversationId: session.conversation.id };
    const sent = (await post(baseUrl, "messages", {
      ...owner,
      idempotencyKey: randomBytes(12).toString("base64url"),
      text: QUESTIONS[i % QUESTIONS.length],
      consent: true,
    })) as { reply?: { products?: { productId: string }[] } };
    const products = sent.reply?.products ?? [];
    if (products.length) {
      await post(baseUrl, "events", {
        ...owner,
        consent: true,
        events: [
          ...products.map((p) => ({ type: "rec_impression", productId: p.productId.replace(/\D/g, "") })),
          { type: "rec_click", productId: products[0].productId.replace(/\D/g, "") },
        ],
      });
    }
    if (i % 3 === 0) await post(baseUrl, "feedback", { ...owner, rating: 5 - (i % 4) });
  }
}
