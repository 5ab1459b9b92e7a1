import { describe, expect, it } from "vitest";
import { catalogProduct } from "../../tests/factories/catalog-products";
import { buildProductNameIndex, inCatalog, namedProduct, wordKeys } from "./product-match";

const products = [
  catalogProduct({ title: "Rabbit Night Light", productType: "Candles & Lights" }),
  catalogProduct({ title: "Red Toadstool Led Night Light", productType: "Candles & Lights" }),
  catalogProduct({ title: "Popcorn Holder", productType: "Kitchen & Dining" }),
  catalogProduct({ title: "Popcorn Holder Gift Set", productType: "Kitchen & Dining" }),
  catalogProduct({ title: "Alarm Clock Bakelike Red", productType: "Home Decor", tags: ["red"] }),
  catalogProduct({ title: "Alarm Clock Bakelike Green", productType: "Home Decor", tags: ["green"] }),
  catalogProduct({ title: "Jumbo Bag Owls", productType: "Bags" }),
  catalogProduct({ title: "Jumbo Bag Strawberry", productType: "Bags" }),
  catalogProduct({ title: "Jumbo Bag Apples", productType: "Bags" }),
  catalogProduct({ title: "Lunch Bag Red Retrospot", productType: "Bags", tags: ["red", "retrospot"] }),
];
const index = buildProductNameIndex(products);
const id = (title: string) => products.find((p) => p.title === title)!.id;
const named = (text: string) => namedProduct(index, wordKeys(text));

describe("product names in a message", () => {
  it("GIVEN a full, partial or reordered name THEN that one product", () => {
    for (const text of [
      "rabbit night light",
      "the night light with the rabbit",
      "rabbit light",
      "retrospot lunch bag",
    ]) {
      const result = named(text);
      expect(result.kind, text).toBe("one");
    }
    expect(named("night light rabbit")).toMatchObject({ kind: "one", productId: id("Rabbit Night Light") });
    expect(named("red retrospot lunch bags")).toMatchObject({ kind: "one", productId: id("Lunch Bag Red Retrospot") });
  });

  it("GIVEN a title said in full that longer titles contain THEN that title, not a choice", () => {
    expect(named("popcorn holder")).toMatchObject({ kind: "one", productId: id("Popcorn Holder") });
  });

  it("GIVEN words two titles share and nothing else THEN a choice of those two", () => {
    const result = named("the bakelike alarm clock");
    expect(result.kind).toBe("two");
    if (result.kind === "two")
      expect(new Set(result.productIds)).toEqual(
        new Set([id("Alarm Clock Bakelike Red"), id("Alarm Clock Bakelike Green")]),
      );
    expect(named("green bakelike alarm clock")).toMatchObject({
      kind: "one",
      productId: id("Alarm Clock Bakelike Green"),
    });
  });

  it("GIVEN a family name many titles carry THEN many, not one of them at random", () => {
    const result = named("jumbo bag");
    expect(result.kind).toBe("many");
    if (result.kind === "many") expect(result.productIds).toHaveLength(3);
  });

  it("GIVEN one shared word or unrelated words THEN no product", () => {
    expect(named("night")).toEqual({ kind: "none" });
    expect(named("laptop charger")).toEqual({ kind: "none" });
    expect(named("light")).toEqual({ kind: "none" });
  });

  it("GIVEN words of a message THEN only those the catalog uses count as the shop's vocabulary", () => {
    expect(inCatalog(index, wordKeys("teapots laptops bags owls"))).toEqual(wordKeys("bags owls"));
  });
});
