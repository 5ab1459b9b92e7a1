import type { OrderCard } from "../assistant/contract";
import {
  messageView,
  type ChatMessage,
  type ConversationStatus,
  type ShopperContext,
} from "../conversations/conversations.server";
import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";
import type { Db } from "../db.server";
import { HttpError } from "../http/errors.server";
import { decrypt, decryptNullable, lookupHash, type KeyRing } from "../privacy/crypto.server";
import { toGid } from "../sync/text";
import type { InboxFilter } from "./filters";

/**
 * The merchant's side of the chat: conversations to take over, what the shopper and the
 * bot said (decrypted here, on the server, for the admin page to render as text), who the
 * shopper is when Shopify told us, and the actions a person takes on a conversation.
 * Every query names the shop; a conversation of another shop is simply not found.
 */

export interface InboxDeps {
  db: Db;
  keyRing: KeyRing;
  now?: () => Date;
  onActivity?: (shop: string, conversationId: string) => void;
}

export { INBOX_FILTERS, type InboxFilter } from "./filters";

/** Conversations whose words are searched (decrypting each), newest first. */
export const SEARCH_WINDOW = 300;
export const PAGE_SIZE = 50;

export interface InboxRow {
  id: string;
  status: ConversationStatus;
  handoffReason: string | null;
  waitingSince: string | null;
  lastMessageAt: string;
  messageCount: number;
  customerName: string | null;
  /** The latest message, shortened. */
  preview: string | null;
  previewRole: string | null;
  /** The language the conversation is held in ("fr"), null for conversations from before it was kept. */
  language: string | null;
}

export interface InboxList {
  rows: InboxRow[];
  counts: Record<Exclude<InboxFilter, "all">, number>;
  /** A word search only reads the newest SEARCH_WINDOW conversations (their text is encrypted). */
  searchedWindow: number | null;
  /** The newest change to any of the shop's conversations: where the page's live updates start. */
  latestChange: string;
}

const notFound = () => new HttpError("not_found", "This conversation does not exist in your shop, or it was deleted.");

const numericCustomerId = (gid: string) => gid.replace(/^gid:\/\/shopify\/Customer\//, "");

function fullName(ring: KeyRing, row: { firstName: string | null; lastName: string | null }) {
  return [decryptNullable(ring, row.firstName), decryptNullable(ring, row.lastName)].filter(Boolean).join(" ") || null;
}

/** The conversation ids a search names: an email (keyed hash), a conversation id, or words. */
async function searchIds(deps: InboxDeps, shop: string, query: string, where: object): Promise<string[] | null> {
  const { db, keyRing } = deps;
  const q = query.trim();
  if (!q) return null;
  if (/^\S+@\S+\.\S+$/.test(q)) {
    const hash = lookupHash(keyRing, q);
    const customers = await db.customer.findMany({ where: { shop, emailHash: hash }, select: { id: true } });
    const ids = customers.flatMap((c) => [c.id, numericCustomerId(c.id)]);
    const rows = await db.conversation.findMany({
      where: { ...where, shop, OR: [{ handoffEmailHash: hash }, { customerId: { in: ids } }] },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }
  if (CONVERSATION_ID_PATTERN.test(q)) {
    const row = await db.conversation.findFirst({ where: { ...where, shop, id: q }, select: { id: true } });
    if (row) return [row.id];
  }
  const needle = q.toLocaleLowerCase();
  const recent = await db.conversation.findMany({
    where: { ...where, shop },
    orderBy: { lastMessageAt: "desc" },
    take: SEARCH_WINDOW,
    select: { id: true, customerId: true, messages: { select: { text: true } } },
  });
  const names = await customerNames(
    deps,
    shop,
    recent.map((c) => c.customerId),
  );
  return recent
    .filter(
      (c) =>
        (c.customerId && names.get(c.customerId)?.toLocaleLowerCase().includes(needle)) ||
        c.messages.some((m) => decrypt(keyRing, m.text).toLocaleLowerCase().includes(needle)),
    )
    .map((c) => c.id);
}

/** Names of the synced customers behind conversations' customer ids (numeric, as the app proxy signs them). */
async function customerNames(deps: InboxDeps, shop: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await deps.db.customer.findMany({
    where: { shop, id: { in: wanted.map((id) => toGid("Customer", id)!) }, deletedAt: null },
    select: { id: true, firstName: true, lastName: true },
  });
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = fullName(deps.keyRing, row);
    if (name) names.set(numericCustomerId(row.id), name);
  }
  return names;
}

export async function countWaiting(db: Db, shop: string): Promise<number> {
  return db.conversation.count({ where: { shop, status: "waiting" } });
}

export async function listConversations(
  deps: InboxDeps,
  shop: string,
  { filter, query }: { filter: InboxFilter; query: string },
): Promise<InboxList> {
  const { db, keyRing } = deps;
  const where = filter === "all" ? {} : { status: filter };
  const matched = await searchIds(deps, shop, query, where);
  const conversations = await db.conversation.findMany({
    where: { ...where, shop, ...(matched ? { id: { in: matched } } : {}), messageCount: { gt: 0 } },
    // Waiting shoppers: longest wait first. Otherwise the most recent first.
    orderBy: filter === "waiting" ? { handoffAt: "asc" } : { lastMessageAt: "desc" },
    take: PAGE_SIZE,
    include: { messages: { orderBy: { seq: "desc" }, take: 1, select: { text: true, role: true } } },
  });
  const [names, grouped, latest] = await Promise.all([
    customerNames(
      deps,
      shop,
      conversations.map((c) => c.customerId),
    ),
    db.conversation.groupBy({ by: ["status"], where: { shop, messageCount: { gt: 0 } }, _count: { _all: true } }),
    db.conversation.aggregate({ where: { shop }, _max: { updatedAt: true } }),
  ]);
  const counts = { waiting: 0, open: 0, closed: 0 };
  for (const group of grouped) {
    if (group.status in counts) counts[group.status as keyof typeof counts] = group._count._all;
  }
  return {
    rows: conversations.map((c) => {
      const last = c.messages[0];
      const text = last ? decrypt(keyRing, last.text) : null;
      return {
        id: c.id,
        status: c.status as ConversationStatus,
        handoffReason: c.handoffReason,
        waitingSince: c.status === "waiting" && c.handoffAt ? c.handoffAt.toISOString() : null,
        lastMessageAt: c.lastMessageAt.toISOString(),
        messageCount: c.messageCount,
        customerName: c.customerId ? (names.get(c.customerId) ?? null) : null,
        preview: text && text.length > 120 ? `${text.slice(0, 119)}…` : text,
        previewRole: last?.role ?? null,
        language: c.language,
      };
    }),
    counts,
    searchedWindow: matched && query.trim() && !/@/.test(query) ? SEARCH_WINDOW : null,
    latestChange: (latest._max.updatedAt ?? new Date(0)).toISOString(),
  };
}

export interface ConversationDetail {
  id: string;
  status: ConversationStatus;
  handoffReason: string | null;
  handoffAt: string | null;
  createdAt: string;
  lastMessageAt: string;
  updatedAt: string;
  locale: string;
  /** The language the conversation is held in now (it follows the shopper), or null. */
  language: string | null;
  rating: number | null;
  /** The address the shopper left for a reply while nobody was online. */
  handoffEmail: string | null;
  /** Present when the shopper was logged in and the customer is synced. */
  customer: {
    id: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    numberOfOrders: number;
    amountSpent: string;
    currency: string | null;
    tags: string[];
  } | null;
  /** Logged in, but not (yet) in the synced data. */
  customerId: string | null;
  cart: { itemCount: number; products: { id: string; title: string | null }[] } | null;
  order: OrderCard | null;
  messages: ChatMessage[];
}

export async function getConversation(deps: InboxDeps, shop: string, id: string): Promise<ConversationDetail> {
  const { db, keyRing } = deps;
  const conversation = await db.conversation.findFirst({
    where: { id, shop },
    include: { messages: { orderBy: { seq: "asc" } } },
  });
  if (!conversation) throw notFound();
  const messages = conversation.messages.map((m) => messageView(keyRing, m));

  const customerRow = conversation.customerId
    ? await db.customer.findFirst({
        where: { shop, id: toGid("Customer", conversation.customerId)!, deletedAt: null },
      })
    : null;

  // The latest cart the widget reported with a shopper message, and the latest order the bot looked up.
  let cart: ConversationDetail["cart"] = null;
  for (const row of [...conversation.messages].reverse()) {
    if (row.role !== "shopper" || !row.payload) continue;
    const context = JSON.parse(decrypt(keyRing, row.payload)) as ShopperContext;
    if (!context.cart) continue;
    const products = await db.product.findMany({
      where: { shop, id: { in: context.cart.productIds } },
      select: { id: true, title: true },
    });
    const titles = new Map(products.map((p) => [p.id, p.title]));
    cart = {
      itemCount: context.cart.itemCount,
      products: context.cart.productIds.map((pid) => ({ id: pid, title: titles.get(pid) ?? null })),
    };
    break;
  }
  const order = [...messages].reverse().find((m) => m.order)?.order ?? null;

  return {
    id: conversation.id,
    status: conversation.status as ConversationStatus,
    handoffReason: conversation.handoffReason,
    handoffAt: conversation.handoffAt?.toISOString() ?? null,
    createdAt: conversation.createdAt.toISOString(),
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    locale: conversation.locale,
    language: conversation.language,
    rating: conversation.rating,
    handoffEmail: decryptNullable(keyRing, conversation.handoffEmail),
    customer: customerRow
      ? {
          id: customerRow.id,
          name: fullName(keyRing, customerRow),
          email: decryptNullable(keyRing, customerRow.email),
          phone: decryptNullable(keyRing, customerRow.phone),
          numberOfOrders: customerRow.numberOfOrders,
          amountSpent: customerRow.amountSpent.toString(),
          currency: customerRow.currency,
          tags: JSON.parse(customerRow.tags) as string[],
        }
      : null,
    customerId: conversation.customerId,
    cart,
    order,
    messages,
  };
}

/** The newest message's place, for the page's long-poll. */
export async function latestActivity(db: Db, shop: string, id: string) {
  const row = await db.conversation.findFirst({
    where: { id, shop },
    select: { messageCount: true, status: true, updatedAt: true },
  });
  if (!row) throw notFound();
  return { seq: row.messageCount, status: row.status as ConversationStatus, updatedAt: row.updatedAt.toISOString() };
}

/**
 * Gives the conversation back to the bot (open: the assistant answers the next message)
 * or closes it. Messages the shopper sent while waiting stay in the transcript.
 */
export async function setStatus(deps: InboxDeps, shop: string, id: string, status: "open" | "closed") {
  const updated = await deps.db.conversation.updateMany({
    where: { id, shop },
    data: status === "open" ? { status, handoffReason: null, handoffAt: null } : { status },
  });
  if (updated.count === 0) throw notFound();
  deps.onActivity?.(shop, id);
}
