import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { recommendationsFor } from "~/recommend/service.server";
import { runFullSync } from "~/sync/full-sync.server";
import { seededRandom, type RewardEvent } from "./bandit";
import { banditContext, banditSummaries, forgetBanditState, rewardVisitor } from "./bandit.server";
import { recordAttributedOrder } from "./store.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, openChat } from "../../tests/support/chat";
import { seedShop } from "../../tests/factories/catalog";
import { startPopularOrTrending } from "../../tests/support/experiments";

const fake = useFakeShopify();

async function syncedShop(seed: number) {
  const installed = await installShop(fake);
  seedShop(installed.fakeShop, { products: 24, customers: 8, orders: 30, seed });
  await runFullSync(db, installed.domain, { pollMs: 10, maxPollMs: 50 });
  return installed;
}

const request = { customerId: null, personalization: true, limit: 4 };

/** A funnel event for the strategy bandit only; whether it rewarded a pull. */
const rewardStrategy = async (shop: string, visitorId: string, event: RewardEvent) =>
  (await rewardVisitor(db, shop, visitorId, event, { kinds: ["strategy"] })) > 0;

describe("the recommendation bandit", () => {
  it("GIVEN a shopper in several segments THEN the bandit learns in the one to personalise by: the merchant's own, else the most specific", () => {
    // segmentsFor lists the visit segments first; every customer is also a returning visitor.
    expect(banditContext(["returning_visitor", "repeat_customer", "vip"])).toBe("vip");
    expect(banditContext(["returning_visitor", "lapsed", "tea-lovers"])).toBe("tea-lovers");
    expect(banditContext(["new_visitor"])).toBe("new_visitor");
    expect(banditContext([])).toBe("all");
  });

  it("GIVEN a shopper shown recommendations who clicks a card, adds to cart and buys through the chat THEN the pull and each reward are stored once, and another process reading the table sees them", async () => {
    const { domain } = await syncedShop(21);
    const shopper = { shop: domain };
    const chat = await openChat(shopper);
    const { visitorId } = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });

    const shown = await recommendationsFor(db, domain, { ...request, visitorId, random: seededRandom(1) });
    expect(shown.items.length).toBeGreaterThan(0);
    expect(shown.bandit).not.toBeNull();
    const { context, arm } = shown.bandit!;

    const productId = shown.items[0].product.id.split("/").pop();
    for (let i = 0; i < 2; i++) {
      // The second batch repeats the events: each kind rewards a pull once.
      const sent = await chatPost(
        "events",
        {
          visitorToken: chat.visitorToken,
          conversationId: chat.conversationId,
          consent: true,
          events: [
            { type: "rec_click", productId },
            { type: "add_to_cart", productId, quantity: 1 },
          ],
        },
        shopper,
      );
      expect(sent.status).toBe(200);
    }
    await recordAttributedOrder(db, domain, {
      id: 991,
      created_at: new Date().toISOString(),
      total_price: "20.00",
      note_attributes: [{ name: "_assistant_conversation", value: chat.conversationId }],
    });

    forgetBanditState();
    const row = await db.banditArm.findUniqueOrThrow({ where: { shop_context_arm: { shop: domain, context, arm } } });
    expect(row.pulls).toBe(1);
    // One pull, a failure at first (β 1 → 2), then 0.1 + 0.2 + 0.7 moved to success.
    expect(row.alpha).toBeCloseTo(2, 6);
    expect(row.beta).toBeCloseTo(1, 6);
    const pull = await db.banditPull.findUniqueOrThrow({
      where: { shop_visitorId_kind: { shop: domain, visitorId, kind: "strategy" } },
    });
    expect(pull.rewarded.split(",").sort()).toEqual(["add_to_cart", "click", "purchase"]);
    const [summary] = (await banditSummaries(db, domain)).filter((s) => s.context === context);
    expect(summary.arms[0]).toMatchObject({ arm, pulls: 1 });
    expect(summary.arms[0].mean).toBeCloseTo(2 / 3, 6);
    // Another process, with nothing cached, reads the same from the table.
    const child = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "tests/support/bandit-child.ts", domain],
      { env: process.env },
    );
    const fromChild = JSON.parse(child.stdout.trim().split("\n").pop()!) as (typeof summary)[];
    expect(fromChild.find((s) => s.context === context)?.arms[0]).toMatchObject({ arm, pulls: 1 });
    expect(fromChild.find((s) => s.context === context)?.arms[0].mean).toBeCloseTo(2 / 3, 6);
  });

  it("GIVEN shoppers who only click the cards when one strategy is favoured THEN the bandit comes to favour that strategy", async () => {
    const { domain } = await syncedShop(22);
    const random = seededRandom(7);
    const chosen: string[] = [];
    for (let i = 0; i < 120; i++) {
      const visitorId = `sim-${i}`;
      const result = await recommendationsFor(db, domain, { ...request, visitorId, random });
      const arm = result.bandit!.arm;
      chosen.push(arm);
      if (arm === "popular") {
        await rewardStrategy(domain, visitorId, "click");
        await rewardStrategy(domain, visitorId, "add_to_cart");
      }
    }
    const share = (arms: string[]) => arms.filter((arm) => arm === "popular").length / arms.length;
    const arms = new Set(chosen).size;
    // Uniform at first (7 strategies in use), then mostly the clicked one.
    expect(arms).toBeGreaterThan(3);
    expect(share(chosen.slice(-40))).toBeGreaterThan(0.5);
    expect(share(chosen.slice(-40))).toBeGreaterThan(share(chosen.slice(0, 40)));
    const summaries = await banditSummaries(db, domain);
    expect(summaries.flatMap((s) => s.arms)[0]).toBeDefined();
    expect(summaries[0].arms[0].arm).toBe("popular");
  });

  it("GIVEN a running strategy experiment THEN visitors in it get their variant's weights and the bandit neither chooses nor learns", async () => {
    const { domain } = await syncedShop(23);
    await startPopularOrTrending(domain, "click_through");

    const result = await recommendationsFor(db, domain, { ...request, visitorId: "in-experiment" });
    expect(result.experiment).not.toBeNull();
    expect(result.items.length).toBeGreaterThan(0);
    expect(result.bandit).toBeNull();
    expect(await rewardStrategy(domain, "in-experiment", "click")).toBe(false);
    expect(await db.banditArm.count({ where: { shop: domain } })).toBe(0);
    expect(await db.banditPull.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN a shopper who may not be personalised, or the admin's preview THEN the bandit is not used", async () => {
    const { domain } = await syncedShop(24);
    const anonymous = await recommendationsFor(db, domain, { ...request, personalization: false, visitorId: "v1" });
    const preview = await recommendationsFor(db, domain, { customerId: null, personalization: true, limit: 4 });
    expect(anonymous.items.length).toBeGreaterThan(0);
    expect(anonymous.bandit).toBeNull();
    expect(preview.bandit).toBeNull();
    expect(await db.banditPull.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN two shops and the same visitor id in both THEN one shop's pulls and rewards never touch the other's", async () => {
    const a = await syncedShop(25);
    const b = await syncedShop(26);
    const shownA = await recommendationsFor(db, a.domain, { ...request, visitorId: "same", random: seededRandom(3) });
    expect(shownA.bandit).not.toBeNull();
    expect(await rewardStrategy(b.domain, "same", "click")).toBe(false);
    expect(await db.banditArm.count({ where: { shop: b.domain } })).toBe(0);
    expect(await rewardStrategy(a.domain, "same", "click")).toBe(true);
    expect(await banditSummaries(db, b.domain)).toEqual([]);
    const [summaryA] = await banditSummaries(db, a.domain);
    expect(summaryA.arms[0]).toMatchObject({ arm: shownA.bandit!.arm, pulls: 1 });
  });

  it('GIVEN a shopper the bandit served WHEN they choose "Don\'t use my data" THEN the record of which strategy served them goes, and their later events reward nothing', async () => {
    const { domain } = await syncedShop(27);
    const shopper = { shop: domain };
    const chat = await openChat(shopper);
    const { visitorId } = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    const shown = await recommendationsFor(db, domain, { ...request, visitorId, random: seededRandom(5) });
    expect(shown.bandit).not.toBeNull();
    expect(await banditSummaries(db, domain)).not.toEqual([]);
    expect(await db.banditPull.count({ where: { shop: domain, visitorId } })).toBe(1);

    const off = await chatPost("preferences", { visitorToken: chat.visitorToken, trackingOff: true }, shopper);
    expect(off.status).toBe(200);
    expect(await db.banditPull.count({ where: { shop: domain, visitorId } })).toBe(0);
    expect(await rewardStrategy(domain, visitorId, "click")).toBe(false);
  });
});
