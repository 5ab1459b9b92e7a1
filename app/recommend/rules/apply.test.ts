import { describe, expect, it } from "vitest";
import { activeRuleNames, applyRules, pinnedProductIds } from "./apply";
import type { RuleInput } from "./schema";
import { PAGE_TYPES, type Candidate, type CandidateProduct, type RuleContext } from "./types";
import { validateRules } from "./validate";
import { benchCandidates, benchRules } from "./bench-apply";

function candidate(productId: string, score: number, product: Partial<CandidateProduct> = {}): Candidate {
  return {
    productId,
    score,
    product: {
      vendor: "Acme",
      productType: "Shirt",
      tags: [],
      collections: [],
      price: 20,
      available: true,
      ...product,
    },
    reason: { strategy: "popular", text: "Popular this week" },
  };
}

/** Rules go through the same validation the admin uses, so tests exercise real rule lists. */
function rules(...input: RuleInput[]) {
  const result = validateRules(input);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.rules;
}

const home: RuleContext = { segments: [], pageType: "home" };
const ids = (list: Candidate[]) => list.map((c) => c.productId);

const catalogue = [
  candidate("1", 0.9, { vendor: "Acme", tags: ["Summer"], collections: ["101", "shirts"], price: 15 }),
  candidate("2", 0.8, { vendor: "Bolt", productType: "Shoe", tags: ["winter"], collections: ["102"], price: 80 }),
  candidate("3", 0.7, { vendor: "Acme", productType: "Hat", tags: ["sale"], price: 5, available: false }),
  candidate("4", 0.6, { vendor: "Cove", productType: "Shoe", tags: ["summer", "sale"], price: 120 }),
  candidate("5", 0.5, { vendor: "Bolt", productType: "Shirt", collections: ["gid://shopify/Collection/101"] }),
];

describe("applyRules: actions", () => {
  it("GIVEN no rules WHEN applied THEN the engine's order is kept and the input is not mutated", () => {
    const input = catalogue.slice();
    const output = applyRules(input, rules(), home);
    expect(ids(output)).toEqual(["1", "2", "3", "4", "5"]);
    expect(output).not.toBe(input);
    expect(input).toEqual(catalogue);
  });

  it("GIVEN a boost by tag WHEN applied THEN matching scores are multiplied, re-ranked and the rule recorded", () => {
    const output = applyRules(
      catalogue,
      rules({ name: "Push sale", actions: [{ type: "boost", match: { tags: ["SALE"] }, factor: 2 }] }),
      home,
    );
    expect(ids(output)).toEqual(["3", "4", "1", "2", "5"]);
    expect(output[0].score).toBeCloseTo(1.4);
    expect(output[0].rules).toEqual([{ rule: "Push sale", action: "boost" }]);
    expect(output.find((c) => c.productId === "1")!.rules).toBeUndefined();
  });

  it("GIVEN a bury by vendor WHEN applied THEN that vendor's scores are divided and they sink", () => {
    const output = applyRules(
      catalogue,
      rules({ name: "Less Acme", actions: [{ type: "bury", match: { vendors: ["acme"] }, factor: 4 }] }),
      home,
    );
    expect(ids(output)).toEqual(["2", "4", "5", "1", "3"]);
    expect(output[3].score).toBeCloseTo(0.225);
    expect(output[3].rules).toEqual([{ rule: "Less Acme", action: "bury" }]);
  });

  it("GIVEN a negative score WHEN boosted THEN it moves up, not down", () => {
    const output = applyRules(
      [candidate("a", 0.1), candidate("b", -0.5, { tags: ["x"] })],
      rules({ name: "B", actions: [{ type: "boost", match: { tags: ["x"] }, factor: 10 }] }),
      home,
    );
    expect(output[1].score).toBeCloseTo(-0.05);
  });

  it("GIVEN boosts in two rules WHEN both match THEN the factors compound in rule order", () => {
    const output = applyRules(
      [candidate("a", 1, { tags: ["x"], vendor: "V" }), candidate("b", 5)],
      rules(
        { name: "one", actions: [{ type: "boost", match: { tags: ["x"] }, factor: 2 }] },
        { name: "two", actions: [{ type: "boost", match: { vendors: ["v"] }, factor: 3 }] },
      ),
      home,
    );
    expect(ids(output)).toEqual(["a", "b"]);
    expect(output[0].score).toBe(6);
    expect(output[0].rules!.map((r) => r.rule)).toEqual(["one", "two"]);
  });

  it("GIVEN pins WHEN applied THEN products sit at their 1-based positions and the rest keep their order", () => {
    const output = applyRules(
      catalogue,
      rules({
        name: "Feature",
        actions: [
          {
            type: "pin",
            pins: [
              { productId: "gid://shopify/Product/5", position: 1 },
              { productId: "4", position: 3 },
            ],
          },
        ],
      }),
      home,
    );
    expect(ids(output)).toEqual(["5", "1", "4", "2", "3"]);
    expect(output[0].rules).toEqual([{ rule: "Feature", action: "pin" }]);
  });

  it("GIVEN two rules pinning to the same position WHEN applied THEN the earlier rule wins and the later moves down", () => {
    const output = applyRules(
      catalogue,
      rules(
        { name: "first", actions: [{ type: "pin", pins: [{ productId: "5", position: 2 }] }] },
        { name: "second", actions: [{ type: "pin", pins: [{ productId: "4", position: 2 }] }] },
      ),
      home,
    );
    expect(ids(output)).toEqual(["1", "5", "4", "2", "3"]);
  });

  it("GIVEN a pin past the end or of a product not among the candidates WHEN applied THEN it goes last or is skipped", () => {
    const output = applyRules(
      catalogue.slice(0, 3),
      rules({
        name: "Far",
        actions: [
          {
            type: "pin",
            pins: [
              { productId: "1", position: 40 },
              { productId: "999", position: 1 },
            ],
          },
        ],
      }),
      home,
    );
    expect(ids(output)).toEqual(["2", "3", "1"]);
  });

  it("GIVEN pins in active rules WHEN asked THEN pinnedProductIds lists them so the engine can add missing ones", () => {
    const list = rules(
      { name: "p", actions: [{ type: "pin", pins: [{ productId: "9", position: 1 }] }] },
      {
        name: "cart only",
        conditions: { pageTypes: ["cart"] },
        actions: [{ type: "pin", pins: [{ productId: "8", position: 1 }] }],
      },
    );
    expect(pinnedProductIds(list, home)).toEqual(["9"]);
    expect(pinnedProductIds(list, { ...home, pageType: "cart" })).toEqual(["9", "8"]);
  });

  it.each([
    ["product id (numeric vs GID)", { productIds: ["gid://shopify/Product/2"] }, ["1", "3", "4", "5"]],
    ["tag, ignoring case", { tags: ["summer"] }, ["2", "3", "5"]],
    ["collection id, GID or number", { collections: ["gid://shopify/Collection/101"] }, ["2", "3", "4"]],
    ["collection handle", { collections: ["Shirts"] }, ["2", "3", "4", "5"]],
    ["vendor", { vendors: ["BOLT"] }, ["1", "3", "4"]],
    ["product type", { productTypes: ["shoe"] }, ["1", "3", "5"]],
    ["price range with a minimum", { price: { min: 80 } }, ["1", "3", "5"]],
    ["price range with a maximum", { price: { max: 15 } }, ["2", "4", "5"]],
    ["price range, both ends inclusive", { price: { min: 15, max: 80 } }, ["3", "4"]],
    ["vendor AND type together", { vendors: ["bolt"], productTypes: ["shoe"] }, ["1", "3", "4", "5"]],
  ])("GIVEN an exclude by %s WHEN applied THEN exactly the matching products are removed", (_, match, kept) => {
    const output = applyRules(catalogue, rules({ name: "x", actions: [{ type: "exclude", match }] }), home);
    expect(ids(output)).toEqual(kept);
  });

  it("GIVEN in-stock-only WHEN applied THEN products that cannot be bought are removed", () => {
    const output = applyRules(catalogue, rules({ name: "stock", actions: [{ type: "inStockOnly" }] }), home);
    expect(ids(output)).toEqual(["1", "2", "4", "5"]);
  });

  it("GIVEN at most one per vendor WHEN applied THEN each vendor keeps only its best-ranked product", () => {
    const output = applyRules(catalogue, rules({ name: "mix", actions: [{ type: "maxPerVendor", max: 1 }] }), home);
    expect(ids(output)).toEqual(["1", "2", "4"]);
  });

  it("GIVEN two vendor caps WHEN both apply THEN the smaller one wins", () => {
    const output = applyRules(
      catalogue,
      rules(
        { name: "two", actions: [{ type: "maxPerVendor", max: 2 }] },
        { name: "one", actions: [{ type: "maxPerVendor", max: 1 }] },
      ),
      home,
    );
    expect(ids(output)).toEqual(["1", "2", "4"]);
  });

  it("GIVEN a pinned product and a vendor cap WHEN applied THEN the pin stays and counts towards the cap first", () => {
    const output = applyRules(
      catalogue,
      rules({
        name: "pin Acme hat",
        actions: [
          { type: "pin", pins: [{ productId: "3", position: 4 }] },
          { type: "maxPerVendor", max: 1 },
        ],
      }),
      home,
    );
    // Acme's slot is taken by the pinned hat, so the better-scored Acme shirt (1) drops out.
    expect(ids(output)).toEqual(["2", "4", "3"]);
  });

  it("GIVEN a pin and an exclusion of the same product in a later rule WHEN applied THEN the exclusion wins", () => {
    const output = applyRules(
      catalogue,
      rules(
        { name: "pin", actions: [{ type: "pin", pins: [{ productId: "2", position: 1 }] }] },
        { name: "hide Bolt", actions: [{ type: "exclude", match: { vendors: ["Bolt"] } }] },
      ),
      home,
    );
    expect(ids(output)).toEqual(["1", "3", "4"]);
  });

  it("GIVEN in-stock-only and a pin of a sold-out product WHEN applied THEN the sold-out product is not shown", () => {
    const output = applyRules(
      catalogue,
      rules(
        { name: "pin hat", actions: [{ type: "pin", pins: [{ productId: "3", position: 1 }] }] },
        { name: "stock", actions: [{ type: "inStockOnly" }] },
      ),
      home,
    );
    expect(ids(output)).not.toContain("3");
  });
});

describe("applyRules: a vendor exclusion removes the vendor everywhere", () => {
  const list = rules(
    // Other rules do their best to bring Bolt back: boost it, pin it, on every page.
    { name: "love Bolt", actions: [{ type: "boost", match: { vendors: ["Bolt"] }, factor: 100 }] },
    {
      name: "pin Bolt",
      actions: [
        {
          type: "pin",
          pins: [
            { productId: "2", position: 1 },
            { productId: "5", position: 2 },
          ],
        },
      ],
    },
    { name: "No Bolt", actions: [{ type: "exclude", match: { vendors: ["bolt"] } }] },
    { name: "vip cart", conditions: { segments: ["vip"] }, actions: [{ type: "maxPerVendor", max: 5 }] },
  );
  const contexts: RuleContext[] = PAGE_TYPES.flatMap((pageType) =>
    [[], ["vip"], ["new_visitor", "lapsed"]].map((segments) => ({
      segments,
      pageType,
      product:
        pageType === "product"
          ? { productId: "2", vendor: "Bolt", productType: "Shoe", tags: [], collections: [] }
          : null,
      cart: { lines: [{ productId: "5", quantity: 2, vendor: "Bolt", productType: "Shirt", tags: [] }] },
    })),
  );

  it.each(contexts.map((context) => [`${context.pageType} / [${context.segments.join(",")}]`, context] as const))(
    "GIVEN context %s WHEN applied THEN no Bolt product remains",
    (_, context) => {
      const output = applyRules(catalogue, list, context);
      expect(output.map((c) => c.product.vendor)).not.toContain("Bolt");
      expect(output.length).toBe(3);
    },
  );
});

describe("applyRules: conditions", () => {
  const excludeAll = [{ type: "exclude" as const, match: { price: { min: 0 } } }];

  it("GIVEN a segment condition WHEN the shopper is or is not in the segment THEN the rule applies accordingly", () => {
    const list = rules({ name: "vip", conditions: { segments: ["vip", "repeat_customer"] }, actions: excludeAll });
    expect(applyRules(catalogue, list, { ...home, segments: ["repeat_customer"] })).toEqual([]);
    expect(applyRules(catalogue, list, { ...home, segments: ["new_visitor"] })).toHaveLength(5);
  });

  it("GIVEN a page-type condition WHEN on another page THEN the rule does not apply", () => {
    const list = rules({ name: "cart", conditions: { pageTypes: ["cart", "search"] }, actions: excludeAll });
    expect(applyRules(catalogue, list, { ...home, pageType: "search" })).toEqual([]);
    expect(applyRules(catalogue, list, home)).toHaveLength(5);
  });

  it.each([
    ["product id", { productIds: ["gid://shopify/Product/77"] }],
    ["tag", { tags: ["LINEN"] }],
    ["vendor", { vendors: ["acme"] }],
    ["product type", { productTypes: ["shirt"] }],
    ["collection", { collections: ["summer-edit"] }],
  ])(
    "GIVEN a page-product condition on %s WHEN the page shows a matching product THEN the rule applies",
    (_, facts) => {
      const list = rules({ name: "ctx", conditions: { productContext: facts }, actions: excludeAll });
      const product = {
        productId: "77",
        vendor: "Acme",
        productType: "Shirt",
        tags: ["linen"],
        collections: ["Summer-Edit"],
      };
      const other = { productId: "78", vendor: "Zed", productType: "Bag", tags: [], collections: [] };
      expect(applyRules(catalogue, list, { ...home, pageType: "product", product })).toEqual([]);
      expect(applyRules(catalogue, list, { ...home, pageType: "product", product: other })).toHaveLength(5);
      expect(applyRules(catalogue, list, home)).toHaveLength(5);
    },
  );

  it.each([
    ["product id", { productIds: ["10"] }, true],
    ["tag", { tags: ["gift"] }, true],
    ["vendor", { vendors: ["zed"] }, true],
    ["product type", { productTypes: ["bag"] }, true],
    ["tag not in the cart", { tags: ["nope"] }, false],
    ["at least 3 items", { minItems: 3 }, true],
    ["at least 4 items", { minItems: 4 }, false],
    ["2 items tagged gift", { tags: ["gift"], minItems: 2 }, true],
    ["3 items tagged gift", { tags: ["gift"], minItems: 3 }, false],
  ])("GIVEN a cart condition on %s WHEN evaluated THEN it holds: %s", (_, cartContains, applies) => {
    const list = rules({ name: "cart", conditions: { cartContains }, actions: excludeAll });
    const context: RuleContext = {
      ...home,
      pageType: "cart",
      cart: {
        lines: [
          { productId: "gid://shopify/Product/10", quantity: 2, vendor: "Zed", productType: "Bag", tags: ["Gift"] },
          { productId: "11", quantity: 1, vendor: "Acme", productType: "Shirt", tags: [] },
        ],
      },
    };
    expect(applyRules(catalogue, list, context)).toHaveLength(applies ? 0 : 5);
  });

  it("GIVEN conditions of several kinds WHEN only some hold THEN the rule does not apply (they combine with AND)", () => {
    const list = rules({
      name: "both",
      conditions: { segments: ["vip"], pageTypes: ["cart"] },
      actions: excludeAll,
    });
    expect(applyRules(catalogue, list, { segments: ["vip"], pageType: "home" })).toHaveLength(5);
    expect(applyRules(catalogue, list, { segments: [], pageType: "cart" })).toHaveLength(5);
    expect(applyRules(catalogue, list, { segments: ["vip"], pageType: "cart" })).toHaveLength(0);
  });

  it("GIVEN a disabled rule WHEN applied THEN it has no effect and is not listed as active", () => {
    const list = rules(
      { name: "off", enabled: false, actions: excludeAll },
      {
        name: "on",
        actions: [{ type: "maxPerVendor", max: 50 }],
      },
    );
    expect(applyRules(catalogue, list, home)).toHaveLength(5);
    expect(activeRuleNames(list, home)).toEqual(["on"]);
  });
});

describe("applyRules: speed", () => {
  it("GIVEN 2,000 candidates and 10 active rules WHEN applied THEN a pass stays far from quadratic (< 20 ms CPU, median of 30)", () => {
    const many = benchCandidates(2000);
    const list = benchRules();
    const context: RuleContext = { segments: [], pageType: "home" };
    const timings: number[] = [];
    for (let run = 0; run < 40; run++) {
      const start = process.cpuUsage();
      applyRules(many, list, context);
      const used = process.cpuUsage(start);
      if (run >= 10) timings.push((used.user + used.system) / 1000);
    }
    timings.sort((a, b) => a - b);
    // bench-apply.ts reports the real figure (about 1 ms here); this only guards against
    // an accidental quadratic pass, in CPU time so a busy shared machine does not fail it.
    expect(timings[15]).toBeLessThan(20);
  });
});
