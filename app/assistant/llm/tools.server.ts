import { z } from "zod";
import type { Db } from "../../db.server";
import type { KeyRing } from "../../privacy/crypto.server";
import { recommendationsFor } from "../../recommend/service.server";
import { formatMoney, POLICY_FOR_INTENT, productCard, type AnswerContext } from "../answers.server";
import type { AssistantTurn, ConversationState } from "../contract";
import { lookUpOrder, MAX_VERIFICATION_FAILURES } from "../orders.server";
import type { AgentTool, ToolOutcome } from "./agent.server";

/**
 * The tools the language model may call. Each runs the embedded engine's own code with the
 * turn's signed identity: the model chooses what to look up, never who the shopper is.
 * Untrusted text (product descriptions, policy passages) is returned as data.
 */

export interface ToolSession {
  /** Product ids the tools showed, for follow-ups after this turn. */
  shownProducts: string[];
  state: ConversationState;
}

function tool<A>(
  spec: AgentTool<A>["spec"],
  args: z.ZodType<A>,
  run: (args: A) => Promise<ToolOutcome>,
): AgentTool<never> {
  return { spec, args, run } as unknown as AgentTool<never>;
}

export function assistantTools(
  db: Db,
  ring: KeyRing,
  turn: AssistantTurn,
  ctx: AnswerContext,
  session: ToolSession,
): AgentTool<never>[] {
  const money = (amount: number) => formatMoney(amount, ctx.shop.currency, ctx.shop.locale);
  return [
    tool(
      {
        name: "search_products",
        description: "Search the shop's catalog. Returns in-stock products with their prices.",
        parameters: {
          type: "object",
          properties: {
            query: { type: "string", description: "words to search for" },
            max_price: { type: "number" },
            min_price: { type: "number" },
            colour: { type: "string" },
          },
        },
      },
      z.object({
        query: z.string().max(200).optional(),
        max_price: z.number().optional(),
        min_price: z.number().optional(),
        colour: z.string().max(30).optional(),
      }),
      async (args) => {
        const matches = ctx.catalog.index.search(
          {
            text: args.query ?? null,
            priceMax: args.max_price ?? null,
            priceMin: args.min_price ?? null,
            colours: args.colour ? [args.colour] : [],
          },
          { limit: 4 },
        );
        session.shownProducts = matches.map((m) => m.product.id);
        return {
          data: {
            products: matches.map((m) => ({
              title: m.product.title,
              price: money(m.variant.price),
              in_stock: m.variant.available,
              url: m.product.url,
              description: m.product.description.slice(0, 300),
            })),
          },
          facts: { amounts: matches.map((m) => m.variant.price.toFixed(2)), urls: matches.map((m) => m.product.url) },
          reply: { products: matches.map((m) => productCard(m.product, m.variant, ctx.shop.currency)) },
        };
      },
    ),
    tool(
      {
        name: "order_status",
        description:
          "Look up the status of the shopper's order. A logged-in shopper needs nothing; otherwise ask for the order number and the email used for it.",
        parameters: { type: "object", properties: { order_number: { type: "string" }, email: { type: "string" } } },
      },
      z.object({ order_number: z.string().max(40).optional(), email: z.string().max(200).optional() }),
      async (args) => {
        const failures = session.state.verificationFailures ?? 0;
        if (failures >= MAX_VERIFICATION_FAILURES)
          return { data: { result: "too_many_attempts: offer a person instead" } };
        const lookup = await lookUpOrder(
          db,
          ring,
          turn.shop,
          { orderNumber: args.order_number ?? null, email: args.email ?? null, customerId: turn.customerId },
          turn.locale,
          ctx.shop.timezone,
        );
        if (lookup.status === "not_found") session.state = { ...session.state, verificationFailures: failures + 1 };
        if (lookup.status !== "found") return { data: { result: lookup.status } };
        session.state = { ...session.state, orderId: lookup.orderId, verificationFailures: 0 };
        const card = lookup.card;
        return {
          data: { order: card.name, status: card.statusText, items: card.items, tracking: card.tracking },
          facts: { orders: [card.name], urls: card.tracking.map((t) => t.url).filter((u): u is string => Boolean(u)) },
          reply: { order: card },
        };
      },
    ),
    tool(
      {
        name: "policy_lookup",
        description:
          "Find the passage of the shop's policies or FAQ that answers a question (returns, shipping, payment, contact).",
        parameters: {
          type: "object",
          properties: { question: { type: "string" }, topic: { type: "string", enum: Object.keys(POLICY_FOR_INTENT) } },
          required: ["question"],
        },
      },
      z.object({ question: z.string().max(500), topic: z.string().max(40).optional() }),
      async (args) => {
        const hits = ctx.knowledge.index.search(args.question, {
          preferKinds: POLICY_FOR_INTENT[args.topic ?? ""] ?? [],
          limit: 2,
        });
        const passages = hits.filter((h) => h.matched.length > 0).map((h) => h.passage);
        const amounts = passages.flatMap((p) => [...p.text.matchAll(/(\d+(?:[.,]\d{1,2})?)/g)].map((m) => m[1]));
        return {
          data: { passages: passages.map((p) => ({ source: p.sourceTitle, section: p.heading, text: p.text })) },
          facts: { amounts, urls: passages.map((p) => p.sourceUrl).filter((u): u is string => Boolean(u)) },
          reply: { sources: passages.map((p) => ({ title: p.sourceTitle, url: p.sourceUrl })) },
        };
      },
    ),
    tool(
      {
        name: "recommend_products",
        description: "Products to recommend to this shopper, each with the reason.",
        parameters: { type: "object", properties: { query: { type: "string" }, max_price: { type: "number" } } },
      },
      z.object({ query: z.string().max(200).optional(), max_price: z.number().optional() }),
      async (args) => {
        const { items } = await recommendationsFor(db, turn.shop, {
          currency: ctx.shop.currency,
          customerId: turn.customerId,
          visitorId: turn.visitorId,
          personalization: turn.personalization,
          cart: turn.cart?.productIds ?? [],
          currentProductId: turn.page?.productId ?? null,
          context: { query: args.query, priceMax: args.max_price },
          limit: 4,
        });
        session.shownProducts = items.map((i) => i.product.id);
        return {
          data: {
            products: items.map((i) => ({
              title: i.product.title,
              price: money(i.variant.price),
              why: i.reason.text,
              url: i.product.url,
            })),
          },
          facts: { amounts: items.map((i) => i.variant.price.toFixed(2)), urls: items.map((i) => i.product.url) },
          reply: { products: items.map((i) => productCard(i.product, i.variant, ctx.shop.currency, i.reason)) },
        };
      },
    ),
    tool(
      {
        name: "handoff",
        description: "Ask a person from the shop to take over this conversation.",
        parameters: { type: "object", properties: { reason: { type: "string", enum: ["requested", "complaint"] } } },
      },
      z.object({ reason: z.enum(["requested", "complaint"]).optional() }),
      async (args) => ({
        data: { result: "a person has been asked to join" },
        reply: { handoff: { reason: args.reason ?? "requested" } },
      }),
    ),
  ];
}
