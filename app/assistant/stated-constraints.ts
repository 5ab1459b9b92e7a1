import { fittingVariant } from "../catalog/search";
import type { CatalogSnapshot } from "../catalog/snapshot.server";
import { toCatalogFilters, type Answer } from "./answers.server";
import type { Decision } from "./dialogue";

/**
 * The last word on product cards: none is shown that breaks a price or colour the shopper
 * stated for the list being answered (issue 13: "never show a product that breaks a constraint
 * the shopper stated"). Every search and recommendation path applies the constraints itself;
 * this holds the promise when one of them (a fallback, a pinned product, a recommendation
 * strategy) lets a card through. A product answered by name keeps its own answer (it says in
 * words what it cannot meet, answers.server.ts unmetBy), so only lists are checked.
 */
export interface Stated {
  priceMin: number | null;
  priceMax: number | null;
  colours: string[];
}

/**
 * `stated` is what the shopper said this turn, or earlier as a budget for the whole
 * conversation; a list's own filters add to it (a refinement, "cheaper").
 */
export function withoutBrokenCards(
  answer: Answer,
  decision: Decision,
  catalog: CatalogSnapshot,
  stated: Stated = { priceMin: null, priceMax: null, colours: [] },
): Answer {
  if (decision.kind === "product_detail" || decision.kind === "clarify_product") return answer;
  const cards = answer.reply.products;
  if (!cards?.length) return answer;
  // A list's own bounds as its search applied them ("cheaper" is below the dearest card shown).
  const list =
    decision.kind === "product_search" || decision.kind === "recommend" ? toCatalogFilters(decision.filters) : null;
  const tighter = (a: number | null, b: number | null, pick: (x: number, y: number) => number) =>
    a === null ? b : b === null ? a : pick(a, b);
  const priceMin = tighter(list?.priceMin ?? null, stated.priceMin, Math.max);
  const max = tighter(list?.priceMax ?? null, stated.priceMax, Math.min);
  const colours = list?.colours?.length ? list.colours : stated.colours;
  if (priceMin === null && max === null && !colours.length) return answer;
  const kept = cards.filter((card) => {
    const amount = Number(card.price.amount);
    if (max !== null && amount > max + 0.005) return false;
    if (priceMin !== null && amount < priceMin - 0.005) return false;
    if (!colours.length) return true;
    const product = catalog.byId.get(card.productId);
    return product !== undefined && fittingVariant(product, { colours, inStock: false }) !== null;
  });
  if (kept.length === cards.length) return answer;
  const lastProducts = kept.map((card) => card.productId);
  if (kept.length)
    return { ...answer, reply: { ...answer.reply, products: kept }, state: { ...answer.state, lastProducts } };
  return {
    ...answer,
    reply: {
      text: "I couldn't find anything in stock that fits what you asked. Try other words, or ask me for recommendations.",
      resolved: false,
      suggestions: ["Show me bestsellers", "Talk to a person"],
    },
    state: { ...answer.state, lastProducts: [] },
  };
}
