import { describe, expect, it } from "vitest";
import type { AssistantResult, AssistantTurn } from "~/assistant/contract";
import { db } from "~/db.server";
import { keyRing } from "~/privacy/keys.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { idempotencyKey } from "../../tests/support/chat";
import {
  addPersonReply,
  listMessages,
  saveHandoffEmail,
  sendMessage,
  startSession,
  type ChatDeps,
} from "./conversations.server";
import { setTrackingOff } from "./preferences.server";
import { createMemoryRateLimiter } from "./rate-limit.server";
import { createVisitorTokens } from "./visitor.server";

const fake = useFakeShopify();

type Answer = (turn: AssistantTurn) => Promise<AssistantResult> | AssistantResult;

/** The chat with a scripted assistant in place of the real one, recording each turn it is given. */
function chatWith(answer: Answer, overrides: Partial<ChatDeps> = {}) {
  const turns: AssistantTurn[] = [];
  const deps: ChatDeps = {
    db,
    keyRing,
    tokens: createVisitorTokens("conversation-tests"),
    limiter: createMemoryRateLimiter(),
    respond: async (_db, turn) => {
      turns.push(turn);
      return answer(turn);
    },
    ...overrides,
  };
  return { deps, turns };
}

const says =
  (text: string, extra: Partial<AssistantResult["reply"]> = {}): Answer =>
  (turn) => ({
    reply: { text, intent: "faq", confidence: 0.9, resolved: true, ...extra },
    state: { ...turn.state, seen: true },
  });

async function opened(deps: ChatDeps, customerId: string | null = null) {
  const { domain } = await installShop(fake, { ianaTimezone: "Europe/London" });
  const caller = { shop: domain, customerId, ip: null };
  const session = await startSession(deps, caller, {});
  const owner = { conversationId: session.conversation.id, visitorToken: session.visitorToken };
  return { caller, owner, session };
}

const wednesdayAt = (time: string) => new Date(`2026-06-17T${time}:00+01:00`); // BST
const sundayAt = (time: string) => new Date(`2026-06-21T${time}:00+01:00`);

describe("a chat turn", () => {
  it("GIVEN a message from a product page with a cart THEN the assistant gets the turn in the contract's terms", async () => {
    const { deps, turns } = chatWith(says("Yes, we do."));
    const { caller, owner } = await opened(deps, "7001");

    await sendMessage(deps, caller, {
      ...owner,
      idempotencyKey: idempotencyKey(),
      text: "Does this come in blue?",
      consent: true,
      page: { type: "product", productId: "42" },
      cart: { productIds: ["7", "gid://shopify/Product/8", "junk"], itemCount: 3 },
    });

    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({
      shop: caller.shop,
      conversationId: owner.conversationId,
      customerId: "7001",
      text: "Does this come in blue?",
      page: { type: "product", productId: "gid://shopify/Product/42" },
      cart: { productIds: ["gid://shopify/Product/7", "gid://shopify/Product/8"], itemCount: 3 },
      personalization: true,
      state: {},
    });
  });

  it("GIVEN no analytics consent, or a shopper who opted out THEN the turn is not personalised", async () => {
    const { deps, turns } = chatWith(says("ok"));
    const { caller, owner } = await opened(deps);

    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "a", consent: false });
    const visitorId = deps.tokens.verify(caller.shop, owner.visitorToken)!;
    await setTrackingOff(db, caller.shop, { visitorId, customerId: null }, true);
    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "b", consent: true });

    expect(turns.map((t) => t.personalization)).toEqual([false, false]);
  });

  it("GIVEN the state the assistant returned THEN the next turn starts from it", async () => {
    const { deps, turns } = chatWith(says("ok"));
    const { caller, owner } = await opened(deps);

    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "a" });
    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "b" });

    expect(turns[1].state).toEqual({ seen: true });
  });

  it("GIVEN a retry racing a slow first attempt THEN the assistant runs once and both get the same reply", async () => {
    const { deps, turns } = chatWith(async (turn) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return says("slow answer")(turn);
    });
    const { caller, owner } = await opened(deps);
    const input = { ...owner, idempotencyKey: idempotencyKey(), text: "Where is my parcel?" };

    const [first, retry] = await Promise.all([
      sendMessage(deps, caller, input),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() => sendMessage(deps, caller, input)),
    ]);

    expect(turns).toHaveLength(1);
    expect(retry.replayed).toBe(true);
    expect(retry.reply?.id).toBe(first.reply?.id);
    expect(await db.message.count({ where: { conversationId: owner.conversationId } })).toBe(2);
  });

  it("GIVEN a first attempt that died after storing the message THEN the retry answers it, and the message stays single", async () => {
    let calls = 0;
    const { deps } = chatWith(
      (turn) => {
        calls++;
        if (calls === 1) throw new Error("assistant crashed");
        return says("second time lucky")(turn);
      },
      { replyWaitMs: 200 },
    );
    const { caller, owner } = await opened(deps);
    const input = { ...owner, idempotencyKey: idempotencyKey(), text: "hello?" };

    await expect(sendMessage(deps, caller, input)).rejects.toThrow("assistant crashed");
    const retry = await sendMessage(deps, caller, input);

    expect(retry.reply?.text).toBe("second time lucky");
    expect(await db.message.count({ where: { conversationId: owner.conversationId, role: "shopper" } })).toBe(1);
  });

  it("GIVEN an answer with products, an order and sources THEN the widget gets them back from history too", async () => {
    const product = {
      productId: "gid://shopify/Product/1",
      title: "Mug",
      url: "/products/mug",
      imageUrl: null,
      imageAlt: null,
      price: { amount: "9.50", currencyCode: "GBP" },
      compareAtPrice: null,
      available: true,
      variants: [{ id: "11", title: "Default Title", price: { amount: "9.50", currencyCode: "GBP" }, available: true }],
    };
    const { deps } = chatWith(
      says("Try this", {
        products: [product],
        sources: [{ title: "Refunds", url: "/policies/refund-policy" }],
        suggestions: ["More like this"],
      }),
    );
    const { caller, owner } = await opened(deps);

    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "a mug" });
    const history = await listMessages(deps, caller, owner);

    expect(history.messages[1]).toMatchObject({
      role: "assistant",
      text: "Try this",
      products: [product],
      sources: [{ title: "Refunds" }],
      suggestions: ["More like this"],
    });
  });
});

describe("handoff to a person", () => {
  it("GIVEN the assistant hands off during business hours THEN the conversation waits for a person who is online", async () => {
    const { deps } = chatWith(says("I'll get someone.", { handoff: { reason: "requested" } }), {
      now: () => wednesdayAt("10:00"),
    });
    const { caller, owner } = await opened(deps);

    const result = await sendMessage(deps, caller, {
      ...owner,
      idempotencyKey: idempotencyKey(),
      text: "a person please",
    });

    expect(result.conversation).toMatchObject({
      status: "waiting",
      handoff: { reason: "requested", online: true, emailSaved: false },
    });
  });

  it("GIVEN a handoff on a Sunday THEN nobody is online, and the shopper's email is kept encrypted", async () => {
    const { deps } = chatWith(says("I'll get someone.", { handoff: { reason: "complaint" } }), {
      now: () => sundayAt("11:00"),
    });
    const { caller, owner } = await opened(deps);

    const result = await sendMessage(deps, caller, {
      ...owner,
      idempotencyKey: idempotencyKey(),
      text: "this is broken",
    });
    await saveHandoffEmail(deps, caller, { ...owner, email: "pat@example.com" });

    expect(result.conversation.handoff?.online).toBe(false);
    const row = await db.conversation.findUniqueOrThrow({ where: { id: owner.conversationId } });
    expect(row.handoffEmail).toMatch(/^v1\./);
    expect(row.handoffEmail).not.toContain("pat");
    const after = await listMessages(deps, caller, owner);
    expect(after.conversation.handoff?.emailSaved).toBe(true);
  });

  it("GIVEN an offer of a person (not a request) THEN the bot keeps answering", async () => {
    const { deps } = chatWith(says("Want a person?", { handoff: { reason: "offered" } }));
    const { caller, owner } = await opened(deps);

    const result = await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "hm" });

    expect(result.conversation.status).toBe("open");
  });

  it("GIVEN a waiting conversation THEN new messages are queued for the person and a person's reply reaches the poll", async () => {
    const { deps, turns } = chatWith(says("Connecting you.", { handoff: { reason: "misunderstood" } }));
    const { caller, owner } = await opened(deps);
    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "???" });

    const queued = await sendMessage(deps, caller, {
      ...owner,
      idempotencyKey: idempotencyKey(),
      text: "still there?",
    });
    await addPersonReply(deps, caller.shop, {
      conversationId: owner.conversationId,
      text: "Hi, Sam here. How can I help?",
      idempotencyKey: idempotencyKey(),
    });
    const poll = await listMessages(deps, caller, { ...owner, after: queued.message.seq });

    expect(turns).toHaveLength(1);
    expect(queued.reply).toBeNull();
    expect(poll.messages).toEqual([
      expect.objectContaining({ role: "person", text: "Hi, Sam here. How can I help?", seq: queued.message.seq + 1 }),
    ]);
  });

  it("GIVEN a person's reply for a conversation of another shop THEN it is refused", async () => {
    const { deps } = chatWith(says("ok"));
    const { owner } = await opened(deps);
    const other = await installShop(fake);

    await expect(
      addPersonReply(deps, other.domain, {
        conversationId: owner.conversationId,
        text: "hi",
        idempotencyKey: idempotencyKey(),
      }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("sessions", () => {
  it("GIVEN the visitor's own recent conversation THEN opening the chat again resumes it with its history", async () => {
    const { deps } = chatWith(says("Hello!"));
    const { caller, owner } = await opened(deps);
    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "hi" });

    const again = await startSession(deps, caller, owner);

    expect(again.conversation.id).toBe(owner.conversationId);
    expect(again.visitorToken).toBe(owner.visitorToken);
    expect(again.messages.map((m) => m.text)).toEqual(["hi", "Hello!"]);
  });

  it("GIVEN the shopper switched the store's language THEN the resumed conversation continues in it", async () => {
    const { deps, turns } = chatWith(says("Hallo!"));
    const { caller, owner } = await opened(deps);

    await startSession(deps, caller, { ...owner, locale: "de" });
    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "Hallo" });

    expect(turns[0].locale).toBe("de");
  });

  it("GIVEN a conversation idle for more than a day THEN a new one starts", async () => {
    let now = new Date("2026-06-17T10:00:00Z");
    const { deps } = chatWith(says("Hello!"), { now: () => now });
    const { caller, owner } = await opened(deps);
    now = new Date("2026-06-18T10:00:01Z");

    const again = await startSession(deps, caller, owner);

    expect(again.conversation.id).not.toBe(owner.conversationId);
    expect(again.messages).toEqual([]);
  });

  it("GIVEN another visitor's conversation id THEN the session starts a fresh conversation instead", async () => {
    const { deps } = chatWith(says("Hello!"));
    const { caller, owner } = await opened(deps);
    const stranger = await startSession(deps, caller, {});

    const hijack = await startSession(deps, caller, {
      visitorToken: stranger.visitorToken,
      conversationId: owner.conversationId,
    });

    expect(hijack.conversation.id).not.toBe(owner.conversationId);
  });

  it("GIVEN the merchant's greeting and suggestions THEN the session carries them", async () => {
    const { deps } = chatWith(says("ok"));
    const { caller } = await opened(deps);
    await db.assistantSettings.create({
      data: { shop: caller.shop, greeting: "Hi! Ask me anything.", suggestions: JSON.stringify(["Shipping?"]) },
    });

    const session = await startSession(deps, caller, {});

    expect(session).toMatchObject({ greeting: "Hi! Ask me anything.", suggestions: ["Shipping?"], trackingOff: false });
  });
});
