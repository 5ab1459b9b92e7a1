import type { Db } from "../db.server";
import { lookupHash, type KeyRing } from "../privacy/crypto.server";
import type { OrderCard } from "./contract";
import type { OrderPick } from "./order-followups";

/**
 * Order status for a verified shopper only: the customer Shopify signed into the app proxy
 * request (their own orders), or an order number together with the email on that order.
 * "No such order" and "wrong email" look the same from outside, so a guesser learns
 * nothing; attempts are counted per conversation by the caller.
 */

export const MAX_VERIFICATION_FAILURES = 3;

export type OrderLookup =
  | { status: "found"; card: OrderCard; orderId: string; order: OrderRow }
  | { status: "not_found" }
  | { status: "need_email"; orderNumber: string }
  | { status: "need_number" }
  | { status: "no_orders" }
  /** The customer has no order that fits the pick ("the one before that" of their first order). */
  | { status: "no_other"; pick: OrderPick };

export type OrderRow = Awaited<ReturnType<Db["order"]["findFirst"]>> & object;

/** "#1001", "1001", "order 1001" → "1001". */
export function orderDigits(orderNumber: string): string {
  return orderNumber.replace(/\D/g, "");
}

const customerGid = (customerId: string) => `gid://shopify/Customer/${customerId.replace(/\D/g, "")}`;

async function byNumber(db: Db, shop: string, digits: string) {
  // Sorted here, not by the database: with ORDER BY, SQLite's planner walks the shop's
  // createdAt index (every order, newest first) instead of the few rows the name index finds.
  const rows = await db.order.findMany({
    where: { shop, deletedAt: null, name: { in: [`#${digits}`, digits] } },
    take: 20,
  });
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
}

export async function lookUpOrder(
  db: Db,
  ring: KeyRing,
  shop: string,
  {
    orderNumber,
    email,
    emailHash = null,
    customerId,
    pick = null,
  }: {
    orderNumber: string | null;
    email: string | null;
    /** The lookup hash of an email given earlier in the conversation, when none is given now. */
    emailHash?: string | null;
    customerId: string | null;
    /** Which of a logged-in customer's orders, when not the latest and no number is given. */
    pick?: OrderPick | null;
  },
  locale = "en",
  timeZone = "UTC",
): Promise<OrderLookup> {
  const digits = orderNumber ? orderDigits(orderNumber) : "";
  const hash = email ? lookupHash(ring, email) : emailHash;
  let order: OrderRow | null = null;
  if (customerId) {
    // A logged-in customer may ask about any of their own orders, or their latest one.
    const mine = { shop, deletedAt: null, customerId: customerGid(customerId) };
    if (digits) {
      order = await db.order.findFirst({ where: { ...mine, name: { in: [`#${digits}`, digits] } } });
    } else if (pick) {
      const ids = (await db.order.findMany({ where: mine, orderBy: { createdAt: "desc" }, select: { id: true } })).map(
        (row) => row.id,
      );
      if (!ids.length) return { status: "no_orders" };
      const id = pickedOrder(ids, pick);
      if (!id) return { status: "no_other", pick };
      order = await db.order.findFirst({ where: { ...mine, id } });
    } else {
      order = await db.order.findFirst({ where: mine, orderBy: { createdAt: "desc" } });
    }
    if (!order && !digits) return { status: "no_orders" };
    if (!order && !hash) return { status: "not_found" };
  }
  if (!order) {
    if (!digits) return { status: "need_number" };
    if (!hash) return { status: "need_email", orderNumber: digits };
    const candidate = await byNumber(db, shop, digits);
    if (!candidate || !candidate.emailHash || candidate.emailHash !== hash) return { status: "not_found" };
    order = candidate;
  }
  const lines = await db.orderLineItem.findMany({ where: { shop, orderId: order.id }, orderBy: { position: "asc" } });
  return { status: "found", orderId: order.id, order, card: orderCard(order, lines, locale, timeZone) };
}

/** The id a pick means among the customer's order ids, newest first. */
function pickedOrder(ids: string[], pick: OrderPick): string | null {
  if ("skip" in pick) return ids[pick.skip] ?? null;
  if ("before" in pick) {
    const at = ids.indexOf(pick.before);
    return at >= 0 ? (ids[at + 1] ?? null) : null;
  }
  return ids.find((id) => id !== pick.otherThan) ?? null;
}

/**
 * The order a conversation already verified (state.orderId), for follow-ups about it. Only
 * ever by the shop and id: the id came from this conversation's own successful lookup.
 */
export async function orderById(
  db: Db,
  shop: string,
  orderId: string,
  locale = "en",
  timeZone = "UTC",
): Promise<{ order: OrderRow; card: OrderCard } | null> {
  const order = await db.order.findFirst({ where: { shop, id: orderId, deletedAt: null } });
  if (!order) return null;
  const lines = await db.orderLineItem.findMany({ where: { shop, orderId: order.id }, orderBy: { position: "asc" } });
  return { order, card: orderCard(order, lines, locale, timeZone) };
}

interface Fulfillment {
  status?: string;
  createdAt?: string;
  tracking?: { company: string | null; number: string | null; url: string | null }[];
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A cached long-date formatter ("4 March 2026"); building one per date is the slow part. */
function dateFormat(locale: string, timeZone: string) {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone });
    if (dateFormats.size > 200) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}

/** The order's fulfillments that were not cancelled, oldest first as Shopify lists them. */
function shipments(order: OrderRow): Fulfillment[] {
  let fulfillments: Fulfillment[] = [];
  try {
    fulfillments = JSON.parse(order.fulfillments || "[]") as Fulfillment[];
  } catch {
    fulfillments = [];
  }
  return Array.isArray(fulfillments) ? fulfillments.filter((f) => (f.status ?? "SUCCESS") !== "CANCELLED") : [];
}

/** When the order (or its first parcel) shipped, or null while nothing has. */
export function shippedAt(order: OrderRow): string | null {
  return shipments(order).find((f) => f.createdAt)?.createdAt ?? null;
}

export function orderCard(
  order: OrderRow,
  lines: { title: string; quantity: number }[],
  locale = "en",
  timeZone = "UTC",
): OrderCard {
  const format = dateFormat(locale, timeZone);
  const date = (value: Date | string) => format.format(new Date(value));
  const shipped = shipments(order);
  const tracking = shipped.flatMap((f) => f.tracking ?? []).filter((t) => t.number || t.url);
  const status = order.fulfillmentStatus.toUpperCase();
  let statusText: string;
  if (order.cancelledAt) statusText = `Cancelled on ${date(order.cancelledAt)}.`;
  else if (status === "FULFILLED" && shipped[0]?.createdAt) statusText = `Shipped on ${date(shipped[0].createdAt)}.`;
  else if (status === "FULFILLED") statusText = "Shipped.";
  else if (status === "PARTIALLY_FULFILLED") statusText = "Partly shipped; the rest is on its way.";
  else if (status === "ON_HOLD") statusText = "On hold; the shop will be in touch.";
  else statusText = `Received on ${date(order.createdAt)}; not shipped yet.`;
  return {
    name: order.name,
    createdAt: order.createdAt.toISOString(),
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    statusText,
    cancelled: order.cancelledAt !== null,
    items: lines.map((line) => ({ title: line.title, quantity: line.quantity })),
    tracking,
  };
}
