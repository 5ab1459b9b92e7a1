import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { chatLimits } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatGet, chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { action } from "./apps.assistant.messages";

const fake = useFakeShopify();

const send = (shop: string, chat: { visitorToken: string; conversationId: string }, text: string, extra = {}) =>
  chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text, ...extra }, { shop });

describe("POST /apps/assistant/messages", () => {
  it("GIVEN an open chat WHEN the shopper asks THEN the message and the assistant's answer are stored and returned", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await send(domain, chat, "Do you ship to France?", {
      consent: true,
      page: { type: "product", productId: "123" },
    });

    expect(response.status).toBe(200);
    expect(response.json.message).toMatchObject({ role: "shopper", text: "Do you ship to France?", seq: 1 });
    expect(response.json.reply).toMatchObject({ role: "assistant", seq: 2 });
    expect(response.json.reply.text.length).toBeGreaterThan(0);
    expect(response.json.replayed).toBe(false);
    expect(await db.message.count({ where: { shop: domain, conversationId: chat.conversationId } })).toBe(2);
  });

  it("GIVEN a stored reply THEN the assistant's dialogue state is kept for the next turn", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    await send(domain, chat, "what is the weather like on mars?");
    const afterOne = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    // The assistant counts the turns in a row it could not understand...
    expect(JSON.parse(afterOne.state)).toMatchObject({ misunderstandings: 1 });

    await send(domain, chat, "who won the football last night?");
    // ...and the second one in a row brings a person: the count came from the stored state.
    const afterTwo = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    expect(afterTwo).toMatchObject({ status: "waiting", handoffReason: "misunderstood" });
  });

  it("GIVEN the same idempotency key sent twice THEN the message is stored once and the same reply comes back", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    const body = { ...chat, idempotencyKey: idempotencyKey(), text: "Where is my order?" };

    const first = await chatPost("messages", body, { shop: domain });
    const retry = await chatPost("messages", body, { shop: domain });

    expect(retry.status).toBe(200);
    expect(retry.json.replayed).toBe(true);
    expect(retry.json.message.id).toBe(first.json.message.id);
    expect(retry.json.reply.id).toBe(first.json.reply.id);
    expect(await db.message.count({ where: { conversationId: chat.conversationId } })).toBe(2);
  });

  it("GIVEN five concurrent retries of one send THEN one shopper message and one reply are stored", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    const body = { ...chat, idempotencyKey: idempotencyKey(), text: "Can I return this?" };

    const responses = await Promise.all(Array.from({ length: 5 }, () => chatPost("messages", body, { shop: domain })));

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(responses.map((r) => r.json.reply.id)).size).toBe(1);
    expect(await db.message.count({ where: { conversationId: chat.conversationId, role: "shopper" } })).toBe(1);
    expect(await db.message.count({ where: { conversationId: chat.conversationId, role: "assistant" } })).toBe(1);
  });

  it("GIVEN someone else's conversation id THEN it answers 404 exactly as for an unknown id and stores nothing", async () => {
    const { domain } = await installShop(fake);
    const owner = await openChat({ shop: domain });
    const stranger = await openChat({ shop: domain });

    const stolen = await send(
      domain,
      { conversationId: owner.conversationId, visitorToken: stranger.visitorToken },
      "hi",
    );
    const unknown = await send(domain, { conversationId: "A".repeat(24), visitorToken: stranger.visitorToken }, "hi");
    const history = await chatGet(
      "messages",
      { conversation: owner.conversationId, visitor: stranger.visitorToken },
      { shop: domain },
    );

    expect(stolen.status).toBe(404);
    expect(history.status).toBe(404);
    expect(stolen.json).toEqual(unknown.json);
    expect(await db.message.count({ where: { conversationId: owner.conversationId } })).toBe(0);
  });

  it("GIVEN a conversation of another shop THEN that shop's visitor token does not open it", async () => {
    const { domain } = await installShop(fake);
    const other = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await send(other.domain, chat, "hi");

    expect(response.status).toBe(404);
  });

  it("GIVEN a forged visitor token THEN it answers 404", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    const [visitorId] = chat.visitorToken.split(".");

    const response = await send(domain, { ...chat, visitorToken: `${visitorId}.${"x".repeat(43)}` }, "hi");

    expect(response.status).toBe(404);
  });

  it("GIVEN a request that did not come through Shopify's app proxy THEN it answers 401", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await action({
      request: new Request(`https://assistant.test/apps/assistant/messages?shop=${domain}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...chat, idempotencyKey: idempotencyKey(), text: "hi" }),
      }),
      params: {},
      context: {},
    });

    expect(response.status).toBe(401);
    expect(await db.message.count({ where: { conversationId: chat.conversationId } })).toBe(0);
  });

  it.each([
    ["an empty message", { text: "   " }, 422, /type a message/],
    ["a message over 1000 characters", { text: "a".repeat(1001) }, 422, /too long/],
    ["a bad idempotency key", { idempotencyKey: "<x>" }, 422, /Reload the page/],
  ])("GIVEN %s THEN it answers %i with a message the widget can show", async (_name, change, status, message) => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "messages",
      { ...chat, idempotencyKey: idempotencyKey(), text: "hi", ...change },
      {
        shop: domain,
      },
    );

    expect(response.status).toBe(status);
    expect(response.json.error.message).toMatch(message);
  });

  it("GIVEN a body over 16 KB THEN it answers 413", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const response = await chatPost(
      "messages",
      { ...chat, idempotencyKey: idempotencyKey(), text: "hi", padding: "x".repeat(17 * 1024) },
      { shop: domain },
    );

    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe("payload_too_large");
  });

  it("GIVEN a body that is not JSON THEN it answers 400 or 415 with a readable message", async () => {
    const { domain } = await installShop(fake);

    const malformed = await chatPost("messages", "{not json", { shop: domain });
    const wrongType = await chatPost("messages", "{}", { shop: domain, headers: { "Content-Type": "text/plain" } });

    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toMatch(/could not read/);
    expect(wrongType.status).toBe(415);
  });

  it("GIVEN a shopper sending faster than allowed THEN it answers 429 with Retry-After and a kind message", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });

    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 10 && !limited; i++) {
      const response = await send(domain, chat, `message ${i}`);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }

    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(limited?.json.error.message).toMatch(/wait a moment/);
  });

  it("GIVEN a shop whose merchant set 1 message a second shop-wide THEN many shoppers get its burst of 10, then 429; another shop, on the automatic limit, is not held back", async () => {
    const { domain: limited } = await installShop(fake);
    const { domain: other } = await installShop(fake);
    await writeSetting(db, limited, chatLimits, { messagesPerSecond: 1 });

    // Each shopper on their own visitor and address, so only the shop's bucket is shared.
    // They open the chat, then all send at once (a refill between sends would blur the burst).
    async function crowd(shop: string, shoppers: number) {
      const calls = Array.from({ length: shoppers }, (_, i) => ({ shop, ip: `198.51.100.${i + 1}` }));
      const chats = await Promise.all(calls.map((call) => openChat(call)));
      const started = Date.now();
      const responses = await Promise.all(
        calls.map((call, i) =>
          chatPost("messages", { ...chats[i], idempotencyKey: idempotencyKey(), text: "hi" }, call),
        ),
      );
      const seconds = (Date.now() - started) / 1000;
      const count = (status: number) => responses.filter((response) => response.status === status).length;
      return { ok: count(200), refused: count(429), seconds };
    }
    const limitedCrowd = await crowd(limited, 16);
    const otherCrowd = await crowd(other, 16);

    // Ten seconds' worth of the merchant's rate pass at once, plus what refilled (1 a second)
    // while the requests were being answered; the rest are told to wait.
    expect(limitedCrowd.ok).toBeGreaterThanOrEqual(10);
    expect(limitedCrowd.ok).toBeLessThanOrEqual(10 + Math.ceil(limitedCrowd.seconds));
    expect(limitedCrowd.ok + limitedCrowd.refused).toBe(16);
    expect(otherCrowd).toMatchObject({ ok: 16, refused: 0 });
  });

  it("GIVEN stored messages THEN the text and the reply's details are encrypted at rest", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    await send(domain, chat, "My secret address is 12 Acacia Avenue");

    const rows = await db.message.findMany({ where: { conversationId: chat.conversationId } });

    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.text).toMatch(/^v1\./);
      expect(row.text).not.toContain("Acacia");
      if (row.payload) expect(row.payload).toMatch(/^v1\./);
    }
    if (process.env.DATABASE_URL?.startsWith("file:")) {
      // The database file itself, read without Prisma, holds no plaintext either.
      const raw = new Database(process.env.DATABASE_URL.slice("file:".length), { readonly: true });
      const texts = raw.prepare("SELECT text FROM Message WHERE conversationId = ?").all(chat.conversationId);
      raw.close();
      expect(JSON.stringify(texts)).not.toContain("Acacia");
    }
  });
});

describe("GET /apps/assistant/messages", () => {
  it("GIVEN a conversation THEN its history comes back in order, and `after` returns only newer messages", async () => {
    const { domain } = await installShop(fake);
    const chat = await openChat({ shop: domain });
    await send(domain, chat, "one");
    await send(domain, chat, "two");

    const all = await chatGet(
      "messages",
      { conversation: chat.conversationId, visitor: chat.visitorToken },
      { shop: domain },
    );
    const newer = await chatGet(
      "messages",
      { conversation: chat.conversationId, visitor: chat.visitorToken, after: "2" },
      { shop: domain },
    );

    expect(all.status).toBe(200);
    expect(all.json.messages.map((m: { seq: number; role: string }) => [m.seq, m.role])).toEqual([
      [1, "shopper"],
      [2, "assistant"],
      [3, "shopper"],
      [4, "assistant"],
    ]);
    expect(newer.json.messages.map((m: { text: string }) => m.text)[0]).toBe("two");
    expect(all.json.conversation).toMatchObject({ id: chat.conversationId, status: "open", handoff: null });
  });

  it("GIVEN a malformed query THEN it answers 422", async () => {
    const { domain } = await installShop(fake);

    const response = await chatGet("messages", { conversation: "short", visitor: "x" }, { shop: domain });

    expect(response.status).toBe(422);
  });
});
