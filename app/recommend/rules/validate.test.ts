import { describe, expect, it } from "vitest";
import { validateRules } from "./validate";

function messages(input: unknown, options?: Parameters<typeof validateRules>[1]) {
  const result = validateRules(input, options);
  if (result.ok) throw new Error("expected the rules to be rejected");
  return result.errors.map((error) => error.message);
}

const ok = { name: "Fine", actions: [{ type: "inStockOnly" }] };

describe("validateRules", () => {
  it("GIVEN a complete rule WHEN validated THEN it is accepted with defaults filled in", () => {
    const result = validateRules([
      {
        name: "  Summer  ",
        conditions: {
          segments: ["vip"],
          pageTypes: ["product", "cart"],
          productContext: { tags: ["linen"] },
          cartContains: { vendors: ["Acme"], minItems: 2 },
        },
        actions: [
          { type: "boost", match: { tags: ["summer"] }, factor: 2 },
          { type: "bury", match: { price: { max: 5 } }, factor: 3 },
          { type: "pin", pins: [{ productId: "gid://shopify/Product/1", position: 1 }] },
          { type: "exclude", match: { vendors: ["Bolt"], collections: ["sale"] } },
          { type: "inStockOnly" },
          { type: "maxPerVendor", max: 2 },
        ],
      },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rules[0].name).toBe("Summer");
    expect(result.rules[0].enabled).toBe(true);
    expect(validateRules([ok])).toEqual({ ok: true, rules: [{ ...ok, enabled: true, conditions: {} }] });
  });

  it("GIVEN a price range with neither end WHEN validated THEN the message names the rule and says what is missing", () => {
    const result = validateRules([ok, { name: "Summer", actions: [{ type: "exclude", match: { price: {} } }] }]);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: [1, "actions", 0, "match", "price"],
          message: "Rule 2 ‘Summer’: a price range needs a minimum or a maximum",
        },
      ],
    });
  });

  it.each([
    [
      "a price range upside down",
      { type: "exclude", match: { price: { min: 50, max: 20 } } },
      "Rule 1 ‘R’: a price range's minimum (50) is above its maximum (20)",
    ],
    ["a negative price", { type: "exclude", match: { price: { min: -1 } } }, "Rule 1 ‘R’: a price cannot be negative"],
    [
      "a boost factor of 1 or less",
      { type: "boost", match: { tags: ["a"] }, factor: 0.5 },
      "Rule 1 ‘R’: a boost needs a factor above 1 (2 doubles the score)",
    ],
    [
      "a bury without a factor",
      { type: "bury", match: { tags: ["a"] } },
      "Rule 1 ‘R’: a bury needs a factor, a number such as 2 (2 halves the score)",
    ],
    [
      "an exclude that names no products",
      { type: "exclude", match: {} },
      "Rule 1 ‘R’: an exclude needs to say which products: products, tags, vendors, product types, collections or a price range",
    ],
    [
      "an empty tag list",
      { type: "exclude", match: { tags: [] } },
      "Rule 1 ‘R’: tags: choose at least one, or remove the setting",
    ],
    [
      "an unknown action",
      { type: "shuffle" },
      "Rule 1 ‘R’: an action's type must be one of: boost, bury, pin, exclude, inStockOnly, maxPerVendor",
    ],
    ["a misspelt setting", { type: "inStockOnly", vendor: "x" }, "Rule 1 ‘R’: unknown setting ‘vendor’"],
    [
      "two pins at one position",
      {
        type: "pin",
        pins: [
          { productId: "1", position: 2 },
          { productId: "2", position: 2 },
        ],
      },
      "Rule 1 ‘R’: two products are pinned to position 2",
    ],
    [
      "a pin at position 0",
      { type: "pin", pins: [{ productId: "1", position: 0 }] },
      "Rule 1 ‘R’: pin positions start at 1 (the first slot)",
    ],
    [
      "at most 0 per vendor",
      { type: "maxPerVendor", max: 0 },
      "Rule 1 ‘R’: ‘at most N per vendor’ needs N of at least 1 (to hide a vendor, use an exclude)",
    ],
    [
      "a fractional vendor cap",
      { type: "maxPerVendor", max: 1.5 },
      "Rule 1 ‘R’: ‘at most N per vendor’ needs a whole number",
    ],
  ])("GIVEN %s WHEN validated THEN the merchant reads a plain message", (_, action, message) => {
    expect(messages([{ name: "R", actions: [action] }])).toEqual([message]);
  });

  it("GIVEN a misspelt setting that leaves a match empty WHEN validated THEN both facts are reported", () => {
    expect(messages([{ name: "R", actions: [{ type: "exclude", match: { vendr: ["x"] } }] }])).toEqual([
      "Rule 1 ‘R’: unknown setting ‘vendr’",
      "Rule 1 ‘R’: an exclude needs to say which products: products, tags, vendors, product types, collections or a price range",
    ]);
  });

  it.each([
    [
      "an unknown page type",
      { pageTypes: ["blog"] },
      "Rule 1 ‘R’: page types must be among: product, collection, cart, home, search, other",
    ],
    [
      "an empty page-product condition",
      { productContext: {} },
      "Rule 1 ‘R’: ‘product on the page’ needs products, tags, vendors, product types or collections",
    ],
    [
      "an empty cart condition",
      { cartContains: {} },
      "Rule 1 ‘R’: ‘cart contains’ needs products, tags, vendors, product types or a number of items",
    ],
    [
      "a cart minimum of 0",
      { cartContains: { minItems: 0 } },
      "Rule 1 ‘R’: ‘cart has at least N items’ needs N of at least 1",
    ],
    ["segments that are not a list", { segments: "vip" }, "Rule 1 ‘R’: segments must be a list"],
  ])("GIVEN a condition with %s WHEN validated THEN the message says so", (_, conditions, message) => {
    expect(messages([{ name: "R", conditions, actions: [{ type: "inStockOnly" }] }])).toEqual([message]);
  });

  it("GIVEN a rule without a name or actions WHEN validated THEN it is called by its number", () => {
    expect(messages([ok, { actions: [] }])).toEqual([
      "Rule 2: a rule needs a name",
      "Rule 2: a rule needs at least one action",
    ]);
  });

  it("GIVEN two rules with the same name WHEN validated THEN the second is flagged", () => {
    expect(messages([ok, { ...ok, name: "fine" }])).toEqual([
      "Rule 2 ‘fine’: rule 1 already has this name; give each rule its own",
    ]);
  });

  it("GIVEN the shop's segments WHEN a rule names another THEN it is flagged", () => {
    const rule = { name: "VIPs", conditions: { segments: ["vip", "vipp"] }, actions: [{ type: "inStockOnly" }] };
    expect(messages([rule], { knownSegments: ["vip", "lapsed"] })).toEqual([
      "Rule 1 ‘VIPs’: there is no segment ‘vipp’",
    ]);
    expect(validateRules([rule]).ok).toBe(true);
  });

  it("GIVEN wrong types WHEN validated THEN the messages avoid developer jargon", () => {
    const found = messages([
      { name: 7, enabled: "yes", actions: [{ type: "boost", match: { tags: ["a"] }, factor: "2" }] },
    ]);
    expect(found).toEqual([
      "Rule 1: a rule needs a name",
      "Rule 1: ‘enabled’ must be true or false",
      "Rule 1: a boost needs a factor, a number such as 2 (2 doubles the score)",
    ]);
    for (const message of found) expect(message).not.toMatch(/invalid input|expected|received|zod/i);
  });

  it("GIVEN something that is not a list of rules WHEN validated THEN the whole input is rejected plainly", () => {
    expect(messages({ name: "x" })).toEqual(["The rules must be a list"]);
    expect(messages("[{")).toEqual([expect.stringMatching(/^The rules are not valid JSON: /)]);
    expect(messages(Array.from({ length: 101 }, (_, i) => ({ ...ok, name: `r${i}` })))).toEqual([
      "A shop can have at most 100 rules",
    ]);
  });

  it("GIVEN the rules as a JSON string WHEN valid THEN they are parsed", () => {
    expect(validateRules(JSON.stringify([ok])).ok).toBe(true);
  });
});
