import type { Db } from "../db.server";
import { decrypt, type KeyRing } from "../privacy/crypto.server";
import { dayOf, daysOf, type DateRange } from "./range";

/**
 * The dashboard's numbers for one shop and date range. Every figure is a count or an
 * aggregate the database computes over indexed columns (shop + time); the one list read
 * row by row is the range's conversations, three columns each, because a per-day chart in
 * the shop's timezone cannot be grouped portably by SQLite and PostgreSQL alike.
 *
 * Definitions (what the page's help text says):
 * - a conversation counts once the shopper has written in it, on the day it started;
 * - automatically resolved: never handed to a person and no answer the assistant marked
 *   as "could not help";
 * - CSAT: the share of conversation ratings of 4 or 5 stars (out of 5);
 * - click-through: product cards opened / product cards shown in the chat; add-to-cart
 *   rate: add-to-carts from the chat's cards / cards shown (only browsers whose shoppers
 *   allowed analytics report these);
 * - attributed orders: orders carrying the widget's cart attribute, not cancelled.
 */

export interface DailyPoint {
  day: string;
  conversations: number;
  resolved: number;
  handedOff: number;
}

export interface DashboardMetrics {
  range: { fromDay: string; toDay: string; timezone: string };
  conversations: number;
  resolved: number;
  handedOff: number;
  /** Fractions 0–1, null when there is nothing to divide by. */
  automatedResolutionRate: number | null;
  handoffRate: number | null;
  csat: { ratings: number; satisfied: number; rate: number | null; average: number | null };
  answerRatings: { up: number; down: number; positiveRate: number | null };
  recommendations: {
    impressions: number;
    clicks: number;
    addToCarts: number;
    clickThroughRate: number | null;
    addToCartRate: number | null;
  };
  attributed: { orders: number; revenue: { currency: string; amount: string }[] };
  topIntents: { intent: string; count: number }[];
  unanswered: {
    total: number;
    latest: { question: string; intent: string | null; at: string; conversationId: string }[];
  };
  daily: DailyPoint[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const SATISFIED_FROM = 4;
const TOP_INTENTS = 8;
const UNANSWERED_SHOWN = 10;

export async function dashboardMetrics(
  db: Db,
  keyRing: KeyRing,
  shop: string,
  range: DateRange,
): Promise<DashboardMetrics> {
  const within = { gte: range.from, lt: range.to };
  const unansweredWhere = { shop, role: "assistant", resolved: false, createdAt: within };

  const [conversations, ratings, satisfied, feedback, events, orders, intents, unansweredTotal, unansweredLatest] =
    await Promise.all([
      db.conversation.findMany({
        where: { shop, createdAt: within, messageCount: { gt: 0 } },
        select: {
          createdAt: true,
          handoffAt: true,
          _count: { select: { messages: { where: { role: "assistant", resolved: false } } } },
        },
      }),
      db.conversation.aggregate({
        where: { shop, ratedAt: within, rating: { not: null } },
        _count: { rating: true },
        _avg: { rating: true },
      }),
      db.conversation.count({ where: { shop, ratedAt: within, rating: { gte: SATISFIED_FROM } } }),
      db.message.groupBy({
        by: ["feedback"],
        where: { shop, role: "assistant", createdAt: within, feedback: { not: null } },
        _count: { _all: true },
      }),
      db.behaviourEvent.groupBy({
        by: ["type"],
        where: {
          shop,
          occurredAt: within,
          OR: [
            { type: { in: ["rec_impression", "rec_click"] } },
            { type: "add_to_cart", conversationId: { not: null } },
          ],
        },
        _count: { _all: true },
      }),
      db.order.groupBy({
        by: ["currency"],
        where: {
          shop,
          assistantConversationId: { not: null },
          createdAt: within,
          deletedAt: null,
          cancelledAt: null,
        },
        _count: { _all: true },
        _sum: { totalPrice: true },
        orderBy: { currency: "asc" },
      }),
      db.message.groupBy({
        by: ["intent"],
        where: { shop, role: "assistant", createdAt: within, intent: { not: null } },
        _count: { intent: true },
        orderBy: [{ _count: { intent: "desc" } }, { intent: "asc" }],
        take: TOP_INTENTS,
      }),
      db.message.count({ where: unansweredWhere }),
      db.message.findMany({
        where: unansweredWhere,
        orderBy: { createdAt: "desc" },
        take: UNANSWERED_SHOWN,
        select: { replyToId: true, intent: true, createdAt: true, conversationId: true },
      }),
    ]);

  const byDay = new Map<string, DailyPoint>(
    daysOf(range).map((day) => [day, { day, conversations: 0, resolved: 0, handedOff: 0 }]),
  );
  let resolved = 0;
  let handedOff = 0;
  for (const conversation of conversations) {
    const point = byDay.get(dayOf(conversation.createdAt, range.timezone));
    const isHandedOff = conversation.handoffAt !== null;
    const isResolved = !isHandedOff && conversation._count.messages === 0;
    if (isHandedOff) handedOff += 1;
    if (isResolved) resolved += 1;
    if (!point) continue;
    point.conversations += 1;
    if (isHandedOff) point.handedOff += 1;
    if (isResolved) point.resolved += 1;
  }

  const eventCount = (type: string) => events.find((e) => e.type === type)?._count._all ?? 0;
  const impressions = eventCount("rec_impression");
  const clicks = eventCount("rec_click");
  const addToCarts = eventCount("add_to_cart");
  const up = feedback.find((f) => f.feedback === 1)?._count._all ?? 0;
  const down = feedback.find((f) => f.feedback === -1)?._count._all ?? 0;

  const questionIds = unansweredLatest.map((m) => m.replyToId).filter((id): id is string => id !== null);
  const questions = questionIds.length
    ? await db.message.findMany({ where: { shop, id: { in: questionIds } }, select: { id: true, text: true } })
    : [];
  const questionText = new Map(questions.map((q) => [q.id, readable(keyRing, q.text)]));

  return {
    range: { fromDay: range.fromDay, toDay: range.toDay, timezone: range.timezone },
    conversations: conversations.length,
    resolved,
    handedOff,
    automatedResolutionRate: ratio(resolved, conversations.length),
    handoffRate: ratio(handedOff, conversations.length),
    csat: {
      ratings: ratings._count.rating,
      satisfied,
      rate: ratio(satisfied, ratings._count.rating),
      average: ratings._avg.rating,
    },
    answerRatings: { up, down, positiveRate: ratio(up, up + down) },
    recommendations: {
      impressions,
      clicks,
      addToCarts,
      clickThroughRate: ratio(clicks, impressions),
      addToCartRate: ratio(addToCarts, impressions),
    },
    attributed: {
      orders: orders.reduce((n, o) => n + o._count._all, 0),
      revenue: orders.map((o) => ({ currency: o.currency, amount: o._sum.totalPrice?.toFixed(2) ?? "0.00" })),
    },
    topIntents: intents.map((i) => ({ intent: i.intent!, count: i._count.intent })),
    unanswered: {
      total: unansweredTotal,
      latest: unansweredLatest.map((m) => ({
        question: (m.replyToId && questionText.get(m.replyToId)) || "",
        intent: m.intent,
        at: m.createdAt.toISOString(),
        conversationId: m.conversationId,
      })),
    },
    daily: [...byDay.values()],
  };
}

function readable(keyRing: KeyRing, sealed: string): string {
  try {
    return decrypt(keyRing, sealed);
  } catch {
    // A message sealed with a key since removed from the ring cannot be shown.
    return "";
  }
}
