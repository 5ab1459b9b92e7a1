import { describe, expect, it } from "vitest";
import { catalogProduct } from "../../tests/factories/catalog-products";
import { buildCatalogIndex } from "./search";

const lunchBag = catalogProduct({
  title: "Red Retrospot Lunch Bag",
  productType: "Bags",
  tags: ["red", "retrospot"],
  price: 1.65,
});
const jumboBag = catalogProduct({ title: "Jumbo Bag Pink Polkadot", productType: "Bags", tags: ["pink"], price: 2.08 });
const soldOutBag = catalogProduct({
  title: "Jumbo Bag Vintage Paisley",
  productType: "Bags",
  price: 2.5,
  variants: [{ available: false }],
});
const shirt = catalogProduct({
  title: "Ocean Blue Shirt",
  productType: "Shirts",
  vendor: "partners-demo",
  variants: [
    {
      title: "S / Blue",
      options: [
        { name: "Size", value: "S" },
        { name: "Color", value: "Blue" },
      ],
      price: 50,
    },
    {
      title: "M / Blue",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "Blue" },
      ],
      price: 50,
      available: false,
    },
    {
      title: "M / Navy",
      options: [
        { name: "Size", value: "M" },
        { name: "Color", value: "Navy" },
      ],
      price: 45,
    },
  ],
});
const cakestand = catalogProduct({
  title: "Regency Cakestand 3 Tier",
  productType: "Kitchen & Dining",
  price: 12.75,
  description: "Three tiers of pastel porcelain for afternoon tea.",
});
const index = buildCatalogIndex([lunchBag, jumboBag, soldOutBag, shirt, cakestand]);
const titles = (matches: { product: { title: string } }[]) => matches.map((m) => m.product.title);

describe("catalog search", () => {
  it("GIVEN words from titles THEN matching products come first, sold-out ones not at all", () => {
    expect(titles(index.search({ text: "jumbo bag" }))).toEqual(["Jumbo Bag Pink Polkadot"]);
  });

  it("GIVEN a plural and a typo THEN it still finds the product", () => {
    expect(titles(index.search({ text: "cakestands" }))).toEqual(["Regency Cakestand 3 Tier"]);
    expect(titles(index.search({ text: "regncy cakestand" }))).toEqual(["Regency Cakestand 3 Tier"]);
  });

  it("GIVEN a price ceiling THEN only products with a variant under it, cheapest variant shown", () => {
    const matches = index.search({ priceMax: 2, productTypes: ["bags"] });
    expect(titles(matches)).toEqual(["Red Retrospot Lunch Bag"]);
    expect(matches[0].variant.price).toBe(1.65);
  });

  it("GIVEN a colour and a size THEN one variant must have both and be in stock", () => {
    expect(index.search({ text: "shirt", colours: ["blue"], sizes: ["m"] })).toEqual([]);
    const navy = index.search({ text: "shirt", sizes: ["m"] });
    expect(navy[0].variant.title).toBe("M / Navy");
  });

  it("GIVEN a colour for a product without a colour option THEN its title and tags decide", () => {
    expect(titles(index.search({ colours: ["red"] }))).toEqual(["Red Retrospot Lunch Bag"]);
  });

  it("GIVEN inStock false THEN sold-out products are listed too", () => {
    expect(titles(index.search({ text: "paisley", inStock: false }))).toEqual(["Jumbo Bag Vintage Paisley"]);
  });

  it("GIVEN a sort by price THEN the cheapest first, and excluded products are left out", () => {
    const matches = index.search(
      { productTypes: ["Bags"], inStock: false, excludeIds: [lunchBag.id] },
      { sort: "price_asc" },
    );
    expect(titles(matches)).toEqual(["Jumbo Bag Pink Polkadot", "Jumbo Bag Vintage Paisley"]);
  });

  it("GIVEN words that are in no product THEN nothing", () => {
    expect(index.search({ text: "telescope" })).toEqual([]);
  });
});
