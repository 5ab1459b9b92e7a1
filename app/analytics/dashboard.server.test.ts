import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { keyRing } from "~/privacy/keys.server";
import { dashboardMetrics } from "./dashboard.server";
import { resolveRange, startOfDay } from "./range";
import { uniqueShopDomain } from "../../tests/factories/shops";
import { newConversationId, seedConversation, seedOrder } from "../../tests/factories/conversations";

const TZ = "America/New_York";
/** A local time in the shop's timezone. */
const at = (day: string, hour: number) => new Date(startOfDay(day, TZ).getTime() + hour * 3_600_000);

const event = (shop: string, type: string, occurredAt: Date, conversation: string | null = null) => ({
  shop,
  visitorId: "visitor-1",
  type,
  productId: "gid://shopify/Product/1",
  conversationId: conversation,
  occurredAt,
});

describe("dashboard metrics", () => {
  it("GIVEN a known week of conversations, ratings, card events and orders THEN every figure is exact, and another shop's data and days outside the range do not count", async () => {
    const shop = uniqueShopDomain("dash");
    const other = uniqueShopDomain("other");

    // Nov 10: two conversations resolved by the assistant, one rated 5.
    const first = await seedConversation(
      shop,
      at("2026-11-10", 9),
      [
        { question: "Where is my order #1001?", intent: "order_status", resolved: true, feedback: 1 },
        { question: "Do you ship to Canada?", intent: "shipping", resolved: true, feedback: 1 },
      ],
      { rating: 5 },
    );
    await seedConversation(shop, at("2026-11-10", 23.5), [
      { question: "What is your returns policy?", intent: "returns_refunds", resolved: true },
    ]);
    // Nov 11: one the assistant could not answer (rated 2, thumbs down), one handed off.
    await seedConversation(
      shop,
      at("2026-11-11", 10),
      [{ question: "Can I pay with seashells?", intent: "payment_methods", resolved: false, feedback: -1 }],
      { rating: 2 },
    );
    await seedConversation(
      shop,
      at("2026-11-11", 11),
      [{ question: "I want a person", intent: "human_handoff", resolved: true }],
      { handoffAt: at("2026-11-11", 11), rating: 4 },
    );
    // Opened but never written in: not a conversation yet.
    await db.conversation.create({
      data: { id: newConversationId(), shop, visitorId: "v", createdAt: at("2026-11-12", 8), messageCount: 0 },
    });
    // Outside the range (the day after it ends, in the shop's timezone).
    await seedConversation(shop, at("2026-11-17", 0.5), [
      { question: "Out of range question", intent: "shipping", resolved: false },
    ]);
    // Another shop's conversation on a day inside the range.
    await seedConversation(
      other,
      at("2026-11-10", 12),
      [{ question: "Other shop's question", intent: "shipping", resolved: false, feedback: -1 }],
      { rating: 1 },
    );

    await db.behaviourEvent.createMany({
      data: [
        ...Array.from({ length: 8 }, () => event(shop, "rec_impression", at("2026-11-10", 9), first)),
        event(shop, "rec_click", at("2026-11-10", 9), first),
        event(shop, "rec_click", at("2026-11-10", 9), first),
        event(shop, "add_to_cart", at("2026-11-10", 9), first),
        // An add to cart outside the chat is not the chat's.
        event(shop, "add_to_cart", at("2026-11-10", 9), null),
        event(shop, "view", at("2026-11-10", 9), first),
        event(other, "rec_impression", at("2026-11-10", 9), null),
        event(shop, "rec_impression", at("2026-11-20", 9), first),
      ],
    });

    await seedOrder(shop, "1", at("2026-11-10", 12), "40.50", first);
    await seedOrder(shop, "2", at("2026-11-12", 12), "19.25", "conv00000000000000000099");
    await seedOrder(shop, "3", at("2026-11-12", 12), "100.00", null);
    await seedOrder(shop, "4", at("2026-11-13", 12), "70.00", first, { cancelledAt: at("2026-11-13", 13) });
    await seedOrder(shop, "5", at("2026-11-18", 12), "55.00", first);
    await seedOrder(other, "1", at("2026-11-10", 12), "999.00", first);

    const range = resolveRange({ range: "custom", from: "2026-11-10", to: "2026-11-16" }, TZ, new Date());
    const metrics = await dashboardMetrics(db, keyRing, shop, range);

    expect(metrics).toMatchObject({
      conversations: 4,
      resolved: 2,
      handedOff: 1,
      automatedResolutionRate: 0.5,
      handoffRate: 0.25,
      csat: { ratings: 3, satisfied: 2, rate: 2 / 3, average: 11 / 3 },
      answerRatings: { up: 2, down: 1, positiveRate: 2 / 3 },
      recommendations: { impressions: 8, clicks: 2, addToCarts: 1, clickThroughRate: 0.25, addToCartRate: 0.125 },
      attributed: { orders: 2, revenue: [{ currency: "USD", amount: "59.75" }] },
    });
    expect(metrics.topIntents).toEqual([
      { intent: "human_handoff", count: 1 },
      { intent: "order_status", count: 1 },
      { intent: "payment_methods", count: 1 },
      { intent: "returns_refunds", count: 1 },
      { intent: "shipping", count: 1 },
    ]);
    expect(metrics.unanswered.total).toBe(1);
    expect(metrics.unanswered.latest).toMatchObject([
      { question: "Can I pay with seashells?", intent: "payment_methods" },
    ]);
    // 23:30 on Nov 10 in New York is Nov 11 in UTC: it still counts on the shop's Nov 10.
    expect(metrics.daily).toEqual([
      { day: "2026-11-10", conversations: 2, resolved: 2, handedOff: 0 },
      { day: "2026-11-11", conversations: 2, resolved: 0, handedOff: 1 },
      ...["12", "13", "14", "15", "16"].map((d) => ({
        day: `2026-11-${d}`,
        conversations: 0,
        resolved: 0,
        handedOff: 0,
      })),
    ]);
  });

  it("GIVEN a shop with nothing yet THEN counts are zero and rates are null, not NaN", async () => {
    const shop = uniqueShopDomain("empty");
    const range = resolveRange({ range: "7" }, "UTC", new Date("2026-11-20T12:00:00Z"));

    const metrics = await dashboardMetrics(db, keyRing, shop, range);

    expect(metrics).toMatchObject({
      range: { fromDay: "2026-11-14", toDay: "2026-11-20" },
      conversations: 0,
      automatedResolutionRate: null,
      handoffRate: null,
      csat: { ratings: 0, rate: null, average: null },
      recommendations: { clickThroughRate: null, addToCartRate: null },
      attributed: { orders: 0, revenue: [] },
      topIntents: [],
      unanswered: { total: 0, latest: [] },
    });
    expect(metrics.daily).toHaveLength(7);
  });
});

describe("date ranges", () => {
  it("GIVEN a preset THEN it ends today in the shop's timezone and starts at that day's local midnight", () => {
    // 02:00 UTC on Nov 20 is still Nov 19 in New York.
    const range = resolveRange({ range: "7" }, TZ, new Date("2026-11-20T02:00:00Z"));
    expect(range).toMatchObject({ fromDay: "2026-11-13", toDay: "2026-11-19" });
    expect(range.from.toISOString()).toBe("2026-11-13T05:00:00.000Z");
    expect(range.to.toISOString()).toBe("2026-11-20T05:00:00.000Z");
  });

  it("GIVEN a range across the end of daylight saving time THEN each day starts at its own offset", () => {
    expect(startOfDay("2026-10-31", TZ).toISOString()).toBe("2026-10-31T04:00:00.000Z");
    expect(startOfDay("2026-11-02", TZ).toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });
});
