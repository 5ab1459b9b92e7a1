import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { greetingBanditKey, seededRandom } from "~/experiments/bandit";
import { banditSummaries, latestPull, rewardVisitor } from "~/experiments/bandit.server";
import { recordAttributedOrder } from "~/experiments/store.server";
import { GREETING_VISIT_MS, sessionGreeting, type GreetingRequest } from "~/personalize/greeting.server";
import { keyRing } from "~/privacy/keys.server";
import { greetingTemplates } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { startGreetingExperiment } from "../../tests/support/experiments";

const fake = useFakeShopify();

const WARM = "Hello! Looking for a gift? I can suggest something in your budget.";
const BRIEF = "Questions? Ask away.";

/** A shop whose greeting for every shopper on every page has two variants, and a product greeting of its own. */
async function shopWithVariants() {
  const { domain } = await installShop(fake, { name: "Gift Corner" });
  await writeSetting(db, domain, greetingTemplates, [
    { id: "warm", segment: null, pageType: null, source: WARM },
    { id: "brief", segment: null, pageType: null, source: BRIEF },
    { id: "product", segment: null, pageType: "product", source: "Like {{ product.title | default: 'it' }}?" },
  ]);
  return domain;
}

const armOf = (text: string) => (text === WARM ? "warm" : text === BRIEF ? "brief" : null);

function request(domain: string, visitorId: string, overrides: Partial<GreetingRequest> = {}): GreetingRequest {
  return {
    keyRing,
    shop: { domain, name: "Gift Corner", currency: "USD", timezone: "UTC" },
    visitorId,
    customerId: null,
    trackingOff: false,
    pageType: "home",
    productId: null,
    now: new Date(),
    ...overrides,
  };
}

async function armRow(shop: string, context: string, arm: string) {
  return db.banditArm.findUnique({ where: { shop_context_arm: { shop, context, arm } } });
}

const context = greetingBanditKey("new_visitor", "*|*");

describe("the greeting bandit", () => {
  it("GIVEN a slot with two greetings WHEN a shopper opens the chat, writes, adds to cart and buys THEN one pull is stored for the variant shown and each kind of reward once", async () => {
    const domain = await shopWithVariants();
    const shopper = { shop: domain };
    const opened = await chatPost("session", { page: { type: "index" } }, shopper);
    expect(opened.status).toBe(200);
    const arm = armOf(opened.json.greeting);
    expect(arm).not.toBeNull();
    const chat = { visitorToken: opened.json.visitorToken, conversationId: opened.json.conversation.id };
    const { visitorId } = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });

    const [summary] = await banditSummaries(db, domain);
    expect(summary).toMatchObject({ kind: "greeting", context, slotKey: "*|*", segment: "new_visitor" });
    expect(summary.arms).toEqual([expect.objectContaining({ arm, pulls: 1 })]);

    // Writing to the assistant is the greeting's click; a second message counts nothing more.
    for (const text of ["hi, do you ship to France?", "and to Spain?"]) {
      const sent = await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text }, shopper);
      expect(sent.status).toBe(200);
    }
    expect((await latestPull(db, domain, visitorId, "greeting"))?.rewarded).toBe("click");
    // A recommendation card opened is the strategies' click, not the greeting's.
    await chatPost("events", { ...chat, consent: true, events: [{ type: "rec_click", productId: "1" }] }, shopper);
    expect((await latestPull(db, domain, visitorId, "greeting"))?.rewarded).toBe("click");
    await chatPost(
      "events",
      { ...chat, consent: true, events: [{ type: "add_to_cart", productId: "1", quantity: 1 }] },
      shopper,
    );
    await recordAttributedOrder(db, domain, {
      id: 7001,
      created_at: new Date().toISOString(),
      total_price: "24.00",
      note_attributes: [{ name: "_assistant_conversation", value: chat.conversationId }],
    });

    const pull = await latestPull(db, domain, visitorId, "greeting");
    expect(pull).toMatchObject({ context, arm });
    expect(pull!.rewarded.split(",").sort()).toEqual(["add_to_cart", "click", "purchase"]);
    // One pull (β 1 → 2), then 0.1 + 0.2 + 0.7 moved to success.
    const row = await armRow(domain, context, arm!);
    expect(row).toMatchObject({ pulls: 1 });
    expect(row!.alpha).toBeCloseTo(2, 6);
    expect(row!.beta).toBeCloseTo(1, 6);

    // The same visit: the shopper sees the same greeting again and it is not a new trial.
    const again = await chatPost("session", { visitorToken: chat.visitorToken, page: { type: "index" } }, shopper);
    expect(again.json.greeting).toBe(opened.json.greeting);
    expect((await banditSummaries(db, domain)).flatMap((s) => s.arms)).toEqual([
      expect.objectContaining({ arm, pulls: 1 }),
    ]);
  });

  it("GIVEN shoppers who engage mostly with one greeting THEN the bandit comes to show that greeting to most shoppers", async () => {
    const domain = await shopWithVariants();
    const random = seededRandom(11);
    const shopperRandom = seededRandom(12);
    const shown: string[] = [];
    for (let i = 0; i < 160; i++) {
      const visitorId = `sim-${i}`;
      const greeting = await sessionGreeting(db, request(domain, visitorId, { random }));
      expect(greeting?.bandit?.context).toBe(context);
      const arm = greeting!.bandit!.arm;
      expect(greeting!.text).toBe(arm === "warm" ? WARM : BRIEF);
      shown.push(arm);
      // Half of the shoppers greeted warmly write and add to cart; one in ten greeted briefly writes.
      const engages = shopperRandom() < (arm === "warm" ? 0.5 : 0.1);
      if (engages) await rewardVisitor(db, domain, visitorId, "click", { kinds: ["greeting"] });
      if (engages && arm === "warm") await rewardVisitor(db, domain, visitorId, "add_to_cart", { kinds: ["greeting"] });
    }
    const share = (arms: string[]) => arms.filter((arm) => arm === "warm").length / arms.length;
    expect(new Set(shown.slice(0, 40)).size).toBe(2);
    expect(share(shown.slice(-50))).toBeGreaterThan(0.75);
    expect(share(shown.slice(-50))).toBeGreaterThan(share(shown.slice(0, 40)));
    const [summary] = await banditSummaries(db, domain);
    expect(summary.arms[0].arm).toBe("warm");
    expect(summary.arms.reduce((sum, arm) => sum + arm.pulls, 0)).toBe(160);
  });

  it("GIVEN a visitor greeted earlier WHEN they come back after the visit window THEN the bandit draws again as a new trial, in their new segment", async () => {
    const domain = await shopWithVariants();
    const chat = await openChat({ shop: domain }, { page: { type: "index" } });
    const { visitorId, createdAt } = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    await banditSummaries(db, domain); // waits for the queued pull
    const later = new Date(createdAt.getTime() + GREETING_VISIT_MS + 60_000);

    const back = await sessionGreeting(db, request(domain, visitorId, { now: later, random: seededRandom(3) }));

    expect(back?.bandit?.context).toBe(greetingBanditKey("returning_visitor", "*|*"));
    const summaries = await banditSummaries(db, domain);
    expect(summaries.map((s) => s.context).sort()).toEqual([context, greetingBanditKey("returning_visitor", "*|*")]);
    expect(await latestPull(db, domain, visitorId, "greeting")).toMatchObject({ context: back!.bandit!.context });
  });

  it("GIVEN a slot with one greeting, a visitor who chose “Don't use my data”, or the admin's preview THEN the bandit neither chooses nor records", async () => {
    const domain = await shopWithVariants();
    const product = await sessionGreeting(db, request(domain, "p1", { pageType: "product" }));
    expect(product).toMatchObject({ templateId: "product", bandit: null });
    const off = await sessionGreeting(db, request(domain, "p2", { trackingOff: true }));
    expect(off).toMatchObject({ templateId: "warm", text: WARM, bandit: null });
    const preview = await sessionGreeting(db, request(domain, "p3", { record: false }));
    expect(preview).toMatchObject({ templateId: "warm", bandit: null });
    expect(await banditSummaries(db, domain)).toEqual([]);
    expect(await db.banditPull.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN a running greeting experiment that includes the visitor THEN the experiment decides and the bandit neither chooses nor learns", async () => {
    const domain = await shopWithVariants();
    await startGreetingExperiment(domain, ["Hi there, friend!", "Hi."]);

    const shopper = { shop: domain };
    const opened = await chatPost("session", {}, shopper);
    expect(["Hi there, friend!", "Hi."]).toContain(opened.json.greeting);
    const chat = { visitorToken: opened.json.visitorToken, conversationId: opened.json.conversation.id };
    await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: "hello" }, shopper);

    expect(await banditSummaries(db, domain)).toEqual([]);
    expect(await db.banditPull.count({ where: { shop: domain, kind: "greeting" } })).toBe(0);
  });

  it("GIVEN two shops and the same visitor id in both THEN one shop's greeting pulls and rewards never touch the other's", async () => {
    const a = await shopWithVariants();
    const b = await shopWithVariants();
    const shown = await sessionGreeting(db, request(a, "same", { random: seededRandom(5) }));
    expect(shown?.bandit).not.toBeNull();

    expect(await rewardVisitor(db, b, "same", "click", { kinds: ["greeting"] })).toBe(0);
    expect(await banditSummaries(db, b)).toEqual([]);
    expect(await rewardVisitor(db, a, "same", "click", { kinds: ["greeting"] })).toBe(1);
    const row = await armRow(a, context, shown!.bandit!.arm);
    expect(row!.alpha).toBeCloseTo(1.1, 6);
  });

  it("GIVEN a shopper the greeting bandit served WHEN they choose “Don't use my data” THEN the record of which greeting they saw goes, and their later messages reward nothing", async () => {
    const domain = await shopWithVariants();
    const shopper = { shop: domain };
    const chat = await openChat(shopper);
    const { visitorId } = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    await banditSummaries(db, domain);
    expect(await latestPull(db, domain, visitorId, "greeting")).not.toBeNull();

    const off = await chatPost("preferences", { visitorToken: chat.visitorToken, trackingOff: true }, shopper);
    expect(off.status).toBe(200);
    expect(await latestPull(db, domain, visitorId, "greeting")).toBeNull();
    await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: "hello" }, shopper);
    const [summary] = await banditSummaries(db, domain);
    expect(summary.arms[0].mean).toBeCloseTo(1 / 3, 6);
  });
});
