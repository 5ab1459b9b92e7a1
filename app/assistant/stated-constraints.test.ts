import { describe, expect, it } from "vitest";
import type { CatalogSnapshot } from "../catalog/snapshot.server";
import type { CatalogProduct } from "../catalog/types";
import type { Answer } from "./answers.server";
import { emptyFilters, type Decision } from "./dialogue";
import { withoutBrokenCards } from "./stated-constraints";

const product = (id: string, price: number, colour: string): CatalogProduct =>
  ({
    id,
    title: `${colour} thing ${id}`,
    productType: "Thing",
    tags: [colour],
    vendor: "",
    description: "",
    variants: [
      {
        id: `${id}-v`,
        legacyId: "1",
        title: "Default Title",
        sku: null,
        options: [],
        price,
        compareAtPrice: null,
        available: true,
        inventoryQuantity: null,
      },
    ],
  }) as unknown as CatalogProduct;

const products = [product("a", 2, "red"), product("b", 8.5, "red"), product("c", 3, "blue")];
const catalog = { byId: new Map(products.map((p) => [p.id, p])) } as unknown as CatalogSnapshot;
const card = (p: CatalogProduct) => ({
  productId: p.id,
  title: p.title,
  price: { amount: p.variants[0].price.toFixed(2), currencyCode: "GBP" },
});
const answer = (): Answer =>
  ({
    reply: { text: "You might like these:", resolved: true, products: products.map(card) },
    state: { lastProducts: products.map((p) => p.id) },
  }) as unknown as Answer;
const recommend = (filters: Partial<ReturnType<typeof emptyFilters>>): Decision => ({
  kind: "recommend",
  filters: { ...emptyFilters(), ...filters },
  productId: null,
});

describe("no card breaks what the shopper stated", () => {
  it("GIVEN a budget THEN cards above it are dropped, and the list the next turn refers to is the shown one", () => {
    const result = withoutBrokenCards(answer(), recommend({ priceMax: 5 }), catalog);
    expect(result.reply.products?.map((c) => c.productId)).toEqual(["a", "c"]);
    expect(result.state.lastProducts).toEqual(["a", "c"]);
  });

  it("GIVEN 'cheaper' than a card shown THEN a card at that very price is dropped too", () => {
    const result = withoutBrokenCards(answer(), recommend({ below: 3 }), catalog);
    expect(result.reply.products?.map((c) => c.productId)).toEqual(["a"]);
  });

  it("GIVEN a colour THEN cards not in it are dropped", () => {
    const result = withoutBrokenCards(answer(), recommend({ colours: ["blue"] }), catalog);
    expect(result.reply.products?.map((c) => c.productId)).toEqual(["c"]);
  });

  it("GIVEN nothing left THEN it says so plainly, with no cards", () => {
    const result = withoutBrokenCards(answer(), recommend({ priceMax: 1 }), catalog);
    expect(result.reply.products).toBeUndefined();
    expect(result.reply.text).toMatch(/couldn't find anything in stock that fits/);
    expect(result.reply.resolved).toBe(false);
  });

  it("GIVEN a budget stated for the conversation THEN it holds for cards of any answer, the list's own tighter bound too", () => {
    const knowledge: Decision = { kind: "knowledge", intent: "shipping", query: "", emphasize: [], productId: null };
    const stated = { priceMin: null, priceMax: 5, colours: [] };
    expect(withoutBrokenCards(answer(), knowledge, catalog, stated).reply.products?.map((c) => c.productId)).toEqual([
      "a",
      "c",
    ]);
    const tighter = withoutBrokenCards(answer(), recommend({ priceMax: 2.5 }), catalog, stated);
    expect(tighter.reply.products?.map((c) => c.productId)).toEqual(["a"]);
  });

  it("GIVEN no stated constraint, or a product answered by name THEN the answer is untouched", () => {
    const untouched = answer();
    expect(withoutBrokenCards(untouched, recommend({}), catalog)).toBe(untouched);
    const named: Decision = { kind: "product_detail", productId: "b", aspect: "price" };
    expect(withoutBrokenCards(untouched, named, catalog)).toBe(untouched);
  });
});
