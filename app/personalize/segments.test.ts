import { describe, expect, it } from "vitest";
import {
  defaultSegmentDefinitions,
  defaultVipThreshold,
  evaluate,
  primarySegment,
  segmentIds,
  segmentsFor,
  suggestVipThreshold,
  validateSegments,
  type ConditionNode,
  type SegmentDefinitions,
  type Shopper,
  type ShopperCustomer,
} from "./segments";

const now = new Date("2025-06-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const defs = defaultSegmentDefinitions("USD");

function customer(overrides: Partial<ShopperCustomer> = {}): ShopperCustomer {
  return {
    orderCount: 0,
    totalSpent: 0,
    tags: [],
    country: "US",
    lastOrderAt: null,
    createdAt: daysAgo(400),
    ...overrides,
  };
}

describe("built-in segments", () => {
  it("GIVEN a first visit with no account WHEN segmented THEN the shopper is a new visitor only", () => {
    expect(segmentsFor({ visits: 0 }, defs, now)).toEqual(["new_visitor"]);
  });

  it("GIVEN earlier sessions WHEN segmented THEN the shopper is a returning visitor", () => {
    expect(segmentsFor({ visits: 3 }, defs, now)).toEqual(["returning_visitor"]);
  });

  it("GIVEN a customer with orders on a new device WHEN segmented THEN they are returning, not new", () => {
    const shopper = { visits: 0, customer: customer({ orderCount: 1, totalSpent: 40, lastOrderAt: daysAgo(5) }) };
    expect(segmentsFor(shopper, defs, now)).toEqual(["returning_visitor", "first_time_buyer"]);
  });

  it("GIVEN exactly one order WHEN segmented THEN first-time buyer, not repeat", () => {
    const result = segmentsFor(
      { visits: 2, customer: customer({ orderCount: 1, lastOrderAt: daysAgo(1) }) },
      defs,
      now,
    );
    expect(result).toContain("first_time_buyer");
    expect(result).not.toContain("repeat_customer");
  });

  it("GIVEN two or more orders WHEN segmented THEN repeat customer, not first-time buyer", () => {
    const result = segmentsFor(
      { visits: 2, customer: customer({ orderCount: 2, lastOrderAt: daysAgo(1) }) },
      defs,
      now,
    );
    expect(result).toContain("repeat_customer");
    expect(result).not.toContain("first_time_buyer");
  });

  it("GIVEN spend at and just under the VIP threshold WHEN segmented THEN only the first is a VIP", () => {
    const at = { visits: 1, customer: customer({ orderCount: 3, totalSpent: 500, lastOrderAt: daysAgo(1) }) };
    const under = { visits: 1, customer: customer({ orderCount: 3, totalSpent: 499.99, lastOrderAt: daysAgo(1) }) };
    expect(segmentsFor(at, defs, now)).toContain("vip");
    expect(segmentsFor(under, defs, now)).not.toContain("vip");
  });

  it("GIVEN a VIP threshold of 0 WHEN segmented THEN nobody is a VIP (the merchant switched it off)", () => {
    const off: SegmentDefinitions = { ...defs, builtIn: { ...defs.builtIn, vipThreshold: 0 } };
    expect(segmentsFor({ visits: 1, customer: customer({ totalSpent: 10_000 }) }, off, now)).not.toContain("vip");
  });

  it("GIVEN a last order 91 vs 90 days ago WHEN segmented with the default 90 days THEN only the older is lapsed", () => {
    const lapsed = { visits: 4, customer: customer({ orderCount: 2, lastOrderAt: daysAgo(91) }) };
    const recent = { visits: 4, customer: customer({ orderCount: 2, lastOrderAt: daysAgo(90) }) };
    expect(segmentsFor(lapsed, defs, now)).toContain("lapsed");
    expect(segmentsFor(recent, defs, now)).not.toContain("lapsed");
  });

  it("GIVEN a customer who never ordered WHEN segmented THEN they are not lapsed however old the account", () => {
    expect(segmentsFor({ visits: 4, customer: customer({ createdAt: daysAgo(2000) }) }, defs, now)).toEqual([
      "returning_visitor",
    ]);
  });

  it("GIVEN the same customer as time passes and they order again WHEN segmented THEN membership follows the data", () => {
    const shopper: Shopper = { visits: 4, customer: customer({ orderCount: 1, lastOrderAt: "2025-05-01T00:00:00Z" }) };
    expect(segmentsFor(shopper, defs, now)).toEqual(["returning_visitor", "first_time_buyer"]);
    const later = new Date("2025-09-01T00:00:00Z");
    expect(segmentsFor(shopper, defs, later)).toEqual(["returning_visitor", "first_time_buyer", "lapsed"]);
    const reordered = {
      ...shopper,
      customer: { ...shopper.customer!, orderCount: 2, lastOrderAt: "2025-08-30T00:00:00Z" },
    };
    expect(segmentsFor(reordered, defs, later)).toEqual(["returning_visitor", "repeat_customer"]);
  });

  it("GIVEN switched-off built-ins WHEN segmented THEN they are left out", () => {
    const someOff: SegmentDefinitions = { ...defs, builtIn: { ...defs.builtIn, disabled: ["new_visitor"] } };
    expect(segmentsFor({ visits: 0 }, someOff, now)).toEqual([]);
    expect(segmentIds(someOff)).not.toContain("new_visitor");
  });

  it("GIVEN shop currencies WHEN defaults are set THEN VIP thresholds are round local amounts", () => {
    expect(defaultVipThreshold("USD")).toBe(500);
    expect(defaultVipThreshold("jpy")).toBe(75000);
    expect(defaultVipThreshold("EUR")).toBe(450);
    expect(defaultVipThreshold("XYZ")).toBe(500);
    expect(defaultSegmentDefinitions("GBP").builtIn).toEqual({ vipThreshold: 400, lapsedAfterDays: 90, disabled: [] });
  });

  it("GIVEN the shop's customer spend WHEN a threshold is suggested THEN it is the top-10 % cut, rounded down", () => {
    const totals = Array.from({ length: 100 }, (_, i) => (i + 1) * 10); // 10 … 1000
    expect(suggestVipThreshold(totals)).toBe(910);
    expect(suggestVipThreshold(totals.map((t) => t * 7.3))).toBe(6600);
    expect(suggestVipThreshold(totals.slice(0, 19))).toBeUndefined();
  });

  it("GIVEN several segments WHEN one is needed THEN a merchant segment beats the most specific built-in", () => {
    expect(primarySegment(["returning_visitor", "repeat_customer", "vip"])).toBe("vip");
    expect(primarySegment(["returning_visitor", "vip", "big_spenders"])).toBe("big_spenders");
    expect(primarySegment(["new_visitor"])).toBe("new_visitor");
    expect(primarySegment([])).toBeUndefined();
  });
});

describe("merchant segments: fields and operators", () => {
  const shopper: Shopper = {
    visits: 7,
    customer: customer({
      orderCount: 4,
      totalSpent: 320.5,
      tags: ["Wholesale", "newsletter"],
      country: "de",
      lastOrderAt: daysAgo(30),
      createdAt: daysAgo(200),
    }),
  };
  const holds = (node: ConditionNode, who: Shopper = shopper) => evaluate(node, who, now);

  it.each([
    ["eq", 4, true],
    ["eq", 3, false],
    ["ne", 3, true],
    ["ne", 4, false],
    ["gt", 3, true],
    ["gt", 4, false],
    ["gte", 4, true],
    ["gte", 5, false],
    ["lt", 5, true],
    ["lt", 4, false],
    ["lte", 4, true],
    ["lte", 3, false],
  ] as const)("GIVEN orderCount %s %s WHEN evaluated for 4 orders THEN %s", (op, value, expected) => {
    expect(holds({ field: "orderCount", op, value })).toBe(expected);
  });

  it.each([
    ["totalSpent", [300, 400], true],
    ["totalSpent", [321, 400], false],
    ["visitCount", [7, 7], true],
    ["daysSinceLastOrder", [29, 31], true],
    ["daysSinceSignup", [0, 199], false],
  ] as const)("GIVEN %s between %j WHEN evaluated THEN %s", (field, value, expected) => {
    expect(holds({ field, op: "between", value: [value[0], value[1]] })).toBe(expected);
  });

  it("GIVEN tags WHEN compared THEN contains and notContains ignore case", () => {
    expect(holds({ field: "tags", op: "contains", value: "wholesale" })).toBe(true);
    expect(holds({ field: "tags", op: "contains", value: "vip" })).toBe(false);
    expect(holds({ field: "tags", op: "notContains", value: "vip" })).toBe(true);
    expect(holds({ field: "tags", op: "notContains", value: "NEWSLETTER" })).toBe(false);
  });

  it("GIVEN a country WHEN compared THEN in and notIn use the customer's, else the storefront's country", () => {
    expect(holds({ field: "country", op: "in", value: ["DE", "AT"] })).toBe(true);
    expect(holds({ field: "country", op: "notIn", value: ["DE"] })).toBe(false);
    expect(holds({ field: "country", op: "in", value: ["FR"] }, { visits: 0, country: "fr" })).toBe(true);
    // Unknown values match nothing, not even a negative test.
    expect(holds({ field: "country", op: "notIn", value: ["FR"] }, { visits: 0 })).toBe(false);
  });

  it("GIVEN has-an-account WHEN compared THEN guests and customers are told apart", () => {
    expect(holds({ field: "hasAccount", op: "eq", value: true })).toBe(true);
    expect(holds({ field: "hasAccount", op: "eq", value: false }, { visits: 1 })).toBe(true);
  });

  it("GIVEN a guest WHEN order fields are compared THEN they count as 0 and days-since as unknown", () => {
    const guest: Shopper = { visits: 2 };
    expect(holds({ field: "orderCount", op: "eq", value: 0 }, guest)).toBe(true);
    expect(holds({ field: "totalSpent", op: "lt", value: 1 }, guest)).toBe(true);
    expect(holds({ field: "daysSinceLastOrder", op: "gte", value: 0 }, guest)).toBe(false);
  });

  it("GIVEN all, any and not WHEN nested THEN they combine as logic says", () => {
    const tree: ConditionNode = {
      all: [
        { field: "totalSpent", op: "gte", value: 300 },
        {
          any: [
            { field: "country", op: "in", value: ["US"] },
            { field: "tags", op: "contains", value: "wholesale" },
          ],
        },
        { not: { field: "daysSinceLastOrder", op: "gt", value: 60 } },
      ],
    };
    expect(holds(tree)).toBe(true);
    expect(holds({ not: tree })).toBe(false);
    expect(holds({ any: [{ field: "orderCount", op: "gt", value: 10 }, { not: tree }] })).toBe(false);
  });

  it("GIVEN merchant segments in the definitions WHEN segmented THEN their ids follow the built-ins", () => {
    const result = validateSegments({
      builtIn: { vipThreshold: 300, lapsedAfterDays: 90 },
      custom: [
        { id: "germany", name: "Germany", condition: { field: "country", op: "in", value: ["de"] } },
        { id: "big_spenders", name: "Big spenders", condition: { field: "totalSpent", op: "gt", value: 1000 } },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(segmentsFor(shopper, result.definitions, now)).toEqual([
      "returning_visitor",
      "repeat_customer",
      "vip",
      "germany",
    ]);
  });
});

describe("validateSegments", () => {
  const base = { builtIn: { vipThreshold: 500, lapsedAfterDays: 90 } };
  const errorsFor = (custom: unknown[], builtIn: unknown = base.builtIn) => {
    const result = validateSegments({ builtIn, custom });
    if (result.ok) throw new Error("expected errors");
    return result.errors;
  };

  it("GIVEN a number field with text WHEN validated THEN the message names the segment and gives an example", () => {
    expect(
      errorsFor([
        { id: "a", name: "A", condition: { field: "orderCount", op: "gt", value: 1 } },
        { id: "big", name: "Big spenders", condition: { field: "totalSpent", op: "gte", value: "lots" } },
      ]),
    ).toEqual([
      {
        path: ["custom", 1, "condition", "value"],
        message: "Segment 2 ‘Big spenders’: total spent needs a number, for example 250",
      },
    ]);
  });

  it.each([
    [{ field: "age", op: "gt", value: 3 }, "a comparison needs a field, one of: order count, total spent"],
    [
      { field: "orderCount", op: "contains", value: 3 },
      "order count can be compared with: eq, ne, gt, gte, lt, lte, between",
    ],
    [
      { field: "visitCount", op: "between", value: [9, 2] },
      "‘between’ needs two numbers, lowest first, for example [5, 10]",
    ],
    [{ field: "orderCount", op: "gte", value: -1 }, "order count cannot be negative"],
    [{ field: "tags", op: "contains", value: "" }, "customer tags needs a tag, for example vip"],
    [{ field: "country", op: "in", value: ["Germany"] }, "country needs a list of two-letter country codes"],
    [{ field: "hasAccount", op: "eq", value: "yes" }, "has an account needs true or false"],
    [{ field: "tags", op: "contains", value: "x", note: 1 }, "unknown setting ‘note’"],
    [{ all: [] }, "‘all’ needs a list of at least one condition"],
    [{ any: [{ field: "orderCount", op: "gt", value: 1 }], all: [] }, "‘all’ cannot be combined with ‘any’"],
    [{ maybe: 1 }, "a condition must be ‘all’, ‘any’, ‘not’ or a comparison of a field"],
    [
      { not: { not: { not: { not: { not: { field: "orderCount", op: "gt", value: 1 } } } } } },
      "conditions can be nested at most 5 levels deep",
    ],
  ])("GIVEN condition %j WHEN validated THEN the merchant is told what to fix", (condition, message) => {
    const errors = errorsFor([{ id: "s", name: "S", condition }]);
    expect(errors[0].message).toContain(`Segment 1 ‘S’: ${message}`);
  });

  it("GIVEN bad ids WHEN validated THEN built-in and duplicate ids are refused", () => {
    const condition = { field: "orderCount", op: "gt", value: 1 };
    expect(errorsFor([{ id: "vip", name: "V", condition }])[0].message).toBe(
      "Segment 1 ‘V’: this id belongs to a built-in segment; choose another",
    );
    expect(errorsFor([{ id: "Big Spenders", name: "B", condition }])[0].message).toMatch(/lower-case letters/);
    expect(
      errorsFor([
        { id: "x", name: "One", condition },
        { id: "x", name: "Two", condition },
      ])[0].message,
    ).toBe("Segment 2 ‘Two’: segment 1 already uses the id ‘x’");
  });

  it("GIVEN bad built-in settings WHEN validated THEN the messages say which setting", () => {
    expect(errorsFor([], { vipThreshold: -5, lapsedAfterDays: 0, disabled: ["vipp"] }).map((e) => e.message)).toEqual([
      "Built-in segments: the VIP threshold cannot be negative (0 switches VIP off)",
      "Built-in segments: ‘lapsed after days’ must be at least 1",
      "Built-in segments: built-in segments are: new_visitor, returning_visitor, first_time_buyer, repeat_customer, vip, lapsed",
    ]);
  });

  it("GIVEN a valid definition WHEN validated THEN codes are normalised and defaults filled", () => {
    const result = validateSegments({
      ...base,
      custom: [{ id: "eu", name: " EU ", condition: { field: "country", op: "in", value: ["de", "fr"] } }],
    });
    expect(result).toEqual({
      ok: true,
      definitions: {
        builtIn: { vipThreshold: 500, lapsedAfterDays: 90, disabled: [] },
        custom: [{ id: "eu", name: "EU", condition: { field: "country", op: "in", value: ["DE", "FR"] } }],
      },
    });
  });
});
