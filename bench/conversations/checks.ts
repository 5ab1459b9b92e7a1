import type { AssistantReply } from "../../app/assistant/contract";
import type { FakeProduct } from "../../tests/fake-shopify/store";
import type { Check, Constraints, World } from "./types";

/**
 * The checks a scripted turn asserts. Each returns null when the reply passes, else a
 * sentence saying what is wrong. They read the reply as the widget shows it: the text,
 * the product and order cards, the sources, whether a person was brought in.
 */

const show = (text: string) => JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text);
const titles = (reply: AssistantReply) => (reply.products ?? []).map((p) => p.title);

/** The reply's text matches (a RegExp) or contains (a string, case-insensitive). */
export function says(pattern: RegExp | string): Check {
  return (reply) => {
    const ok =
      typeof pattern === "string" ? reply.text.toLowerCase().includes(pattern.toLowerCase()) : pattern.test(reply.text);
    return ok
      ? null
      : `text ${show(reply.text)} does not ${typeof pattern === "string" ? "contain" : "match"} ${String(pattern)}`;
  };
}

export function doesNotSay(pattern: RegExp | string): Check {
  return (reply) => {
    const hit =
      typeof pattern === "string" ? reply.text.toLowerCase().includes(pattern.toLowerCase()) : pattern.test(reply.text);
    return hit ? `text ${show(reply.text)} should not contain ${String(pattern)}` : null;
  };
}

/** The reply is not the out-of-scope refusal and hands nothing off unasked. */
export function understood(): Check {
  return (reply) =>
    reply.intent === null || /can't help with that/i.test(reply.text)
      ? `taken as out of scope: ${show(reply.text)}`
      : null;
}

/** Among the product cards is this product. */
export function showsProduct(productId: string): Check {
  return (reply, world) =>
    (reply.products ?? []).some((p) => p.productId === productId)
      ? null
      : `no card for ${world.byId.get(productId)?.title ?? productId}; cards: ${JSON.stringify(titles(reply))}`;
}

/** The first product card is this product. */
export function firstProduct(productId: string): Check {
  return (reply, world) =>
    reply.products?.[0]?.productId === productId
      ? null
      : `first card is not ${world.byId.get(productId)?.title ?? productId}; cards: ${JSON.stringify(titles(reply))}`;
}

/** At least `min` product cards. */
export function showsProducts(min = 1): Check {
  return (reply) =>
    (reply.products?.length ?? 0) >= min
      ? null
      : `expected at least ${min} product card(s), got ${reply.products?.length ?? 0}`;
}

export function noProducts(): Check {
  return (reply) => (reply.products?.length ? `expected no product cards, got ${JSON.stringify(titles(reply))}` : null);
}

/** Every card satisfies a test of the product (its type, a word in its title…). */
export function everyProduct(describe: string, test: (product: FakeProduct) => boolean): Check {
  return (reply, world) => {
    const bad = (reply.products ?? []).filter((p) => {
      const product = world.byId.get(p.productId);
      return !product || !test(product);
    });
    return bad.length ? `cards that are not ${describe}: ${JSON.stringify(bad.map((p) => p.title))}` : null;
  };
}

/** The order card is this order. */
export function showsOrder(name: string): Check {
  return (reply) =>
    reply.order?.name === name ? null : `order card ${reply.order?.name ?? "missing"}, expected ${name}`;
}

export function noOrder(): Check {
  return (reply) => (reply.order ? `expected no order card, got ${reply.order.name}` : null);
}

/** A source (policy or FAQ) whose title matches. */
export function citesSource(pattern: RegExp): Check {
  return (reply) =>
    (reply.sources ?? []).some((s) => pattern.test(s.title))
      ? null
      : `no source matching ${String(pattern)}; sources: ${JSON.stringify((reply.sources ?? []).map((s) => s.title))}`;
}

/** A person was brought in (or offered, with `offered`). */
export function handsOff(kind: "any" | "requested" | "complaint" | "misunderstood" | "offered" = "any"): Check {
  return (reply) =>
    reply.handoff && (kind === "any" || reply.handoff.reason === kind)
      ? null
      : `expected a handoff (${kind}), got ${reply.handoff ? reply.handoff.reason : "none"}: ${show(reply.text)}`;
}

/** No person brought in (an offer to ask one is fine). */
export function noHandoff(): Check {
  return (reply) =>
    reply.handoff && reply.handoff.reason !== "offered"
      ? `unexpected handoff (${reply.handoff.reason}): ${show(reply.text)}`
      : null;
}

export function resolved(value = true): Check {
  return (reply) =>
    reply.resolved === value ? null : `resolved is ${reply.resolved}, expected ${value}: ${show(reply.text)}`;
}

/** The reply's understood intent is one of these (null = out of scope). */
export function intentIs(...intents: (string | null)[]): Check {
  return (reply) =>
    intents.includes(reply.intent) ? null : `intent ${reply.intent}, expected ${intents.join(" or ")}`;
}

/** Money as the assistant writes it for the demo shop (GBP, en-GB style: "£2.55"). */
export function money(amount: number, currency = "GBP"): string {
  return new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);
}

/** The lowest price of a product's variants. */
export function lowestPrice(product: FakeProduct): number {
  return Math.min(...product.variants.map((v) => Number(v.price)));
}

/** Whether a product card breaks what the shopper asked for; the reason, or null. */
export function violation(product: FakeProduct | undefined, shownPrice: number, c: Constraints): string | null {
  if (!product) return "a card for a product that is not in the shop";
  if (c.priceMax !== undefined && shownPrice > c.priceMax + 1e-9) return `price ${shownPrice} above ${c.priceMax}`;
  if (c.priceMin !== undefined && shownPrice < c.priceMin - 1e-9) return `price ${shownPrice} below ${c.priceMin}`;
  if (c.productTypes?.length && !c.productTypes.includes(product.productType))
    return `type ${product.productType} not in ${c.productTypes.join(", ")}`;
  if (c.titleIncludes?.length && !c.titleIncludes.some((w) => product.title.toLowerCase().includes(w.toLowerCase())))
    return `title ${product.title} has none of ${c.titleIncludes.join(", ")}`;
  if (c.colour) {
    const colour = c.colour.toLowerCase();
    const haystack = [
      product.title,
      ...product.tags,
      ...product.variants.flatMap((v) => v.selectedOptions.filter((o) => /colou?r/i.test(o.name)).map((o) => o.value)),
    ]
      .join(" ")
      .toLowerCase();
    if (!new RegExp(`\\b${colour}\\b`).test(haystack)) return `not ${colour}`;
  }
  if (c.size) {
    const size = c.size.toLowerCase();
    const sizes = product.variants.flatMap((v) =>
      v.selectedOptions.filter((o) => /size/i.test(o.name)).map((o) => o.value.toLowerCase()),
    );
    if (!sizes.includes(size)) return `no size ${c.size}`;
  }
  return null;
}

/** The violations among a reply's cards. */
export function violations(reply: AssistantReply, world: World, c: Constraints | undefined): string[] {
  if (!c) return [];
  return (reply.products ?? [])
    .map((card) => {
      const why = violation(world.byId.get(card.productId), Number(card.price.amount), c);
      return why ? `${card.title}: ${why}` : null;
    })
    .filter((v): v is string => v !== null);
}

/** Every card is cheaper than the most expensive card of the last turn that showed cards. */
export function cheaperThanShown(): Check {
  return (reply, _world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.products!.map((p) => Number(p.price.amount)));
    const dear = (reply.products ?? []).filter((p) => Number(p.price.amount) >= ceiling);
    return dear.length ? `cards not cheaper than ${ceiling}: ${JSON.stringify(dear.map((p) => p.title))}` : null;
  };
}

/** The search was run on corrected words, and the reply says so (`reply.correction`). */
export function correctedTo(pattern: RegExp): Check {
  return (reply) =>
    reply.correction && pattern.test(reply.correction.corrected)
      ? null
      : `expected a spelling correction to ${String(pattern)}, got ${JSON.stringify(reply.correction ?? null)}`;
}

/** The order card carries an estimated delivery window from `earliest` to `latest` (YYYY-MM-DD). */
export function estimatesDelivery(earliest: string, latest: string): Check {
  return (reply) => {
    const e = reply.order?.estimatedDelivery;
    if (!e) return `no estimated delivery on the order card (${reply.order ? reply.order.name : "no order card"})`;
    return e.earliest === earliest && e.latest === latest
      ? null
      : `estimated delivery ${e.earliest}..${e.latest}, expected ${earliest}..${latest}`;
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text says whether the product can be bought: "in stock" / "available", or "sold out". */
export function statesStock(available: boolean): Check {
  const soldOut = /sold out|out of stock|not in stock|unavailable|not available/i;
  return (reply) => {
    if (available)
      return /in stock|available/i.test(reply.text) && !soldOut.test(reply.text)
        ? null
        : `text ${show(reply.text)} does not say it is in stock`;
    return soldOut.test(reply.text) ? null : `text ${show(reply.text)} does not say it is sold out`;
  };
}

/** The bot asks which product was meant, offering each of them as a card or a quick reply. */
export function asksWhichOne(productIds: string[]): Check {
  return (reply, world) => {
    if (!reply.text.includes("?")) return `expected a question back, got ${show(reply.text)}`;
    const offered = (id: string) =>
      (reply.products ?? []).some((p) => p.productId === id) ||
      (reply.suggestions ?? []).some((s) => s.toLowerCase().includes((world.byId.get(id)?.title ?? id).toLowerCase()));
    const missing = productIds.filter((id) => !offered(id));
    return missing.length
      ? `not offered as a choice: ${JSON.stringify(missing.map((id) => world.byId.get(id)?.title ?? id))}`
      : null;
  };
}

/**
 * The text lists these order items with their quantities ("6 × White Hanging Heart
 * T-Light Holder"; "Title × 6" and "Title (6)" read the same), and "and N more" when
 * `more` items were left out.
 */
export function listsItems(items: { title: string; quantity: number }[], more = 0): Check {
  return (reply) => {
    const missing = items.filter(({ title, quantity }) => {
      const t = escapeRegExp(title);
      return !new RegExp(
        `\\b${quantity}\\s*[×x]\\s*${t}|${t}\\s*[×x]\\s*${quantity}\\b|${t}\\s*\\(\\s*[×x]?\\s*${quantity}\\s*\\)`,
        "i",
      ).test(reply.text);
    });
    if (missing.length)
      return `text ${show(reply.text)} does not list ${missing.map((i) => `${i.quantity} × ${i.title}`).join("; ")}`;
    if (more > 0 && !new RegExp(`\\band ${more} more\\b`, "i").test(reply.text))
      return `text ${show(reply.text)} does not say "and ${more} more"`;
    return null;
  };
}

/** The tracking number is given, in the text or on the order card. */
export function showsTracking(number: string): Check {
  return (reply) =>
    reply.text.includes(number) || reply.order?.tracking.some((t) => t.number === number)
      ? null
      : `tracking number ${number} neither in the text nor on the order card: ${show(reply.text)}`;
}

/** No delivery estimate (the policy gives no times for the destination). */
export function noDeliveryEstimate(): Check {
  return (reply) =>
    reply.order?.estimatedDelivery
      ? `expected no estimate, got ${reply.order.estimatedDelivery.earliest}..${reply.order.estimatedDelivery.latest}`
      : null;
}

/** The reply is about this order: its card, or its name in the text. */
export function aboutOrder(name: string): Check {
  return (reply) =>
    reply.order?.name === name || reply.text.includes(name)
      ? null
      : `not about order ${name}: card ${reply.order?.name ?? "none"}, text ${show(reply.text)}`;
}

/** The first card is the product shown at `position` (0-based) by the last turn that showed cards. */
export function firstIsShown(position: number): Check {
  return (reply, _world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    const meant = last?.products?.[position];
    if (!meant) return `no card at position ${position + 1} earlier`;
    return reply.products?.[0]?.productId === meant.productId
      ? null
      : `first card is not ${meant.title}; cards: ${JSON.stringify(titles(reply))}`;
  };
}

/** Every card costs at most `amount` (for "cheap", which states no figure). */
export function pricesAtMost(amount: number, why: string): Check {
  return (reply) => {
    const dear = (reply.products ?? []).filter((p) => Number(p.price.amount) > amount + 1e-9);
    return dear.length
      ? `cards above ${amount} (${why}): ${JSON.stringify(dear.map((p) => `${p.title} ${p.price.amount}`))}`
      : null;
  };
}
