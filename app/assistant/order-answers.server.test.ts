import { describe, expect, it } from "vitest";
import { demoPolicies } from "../../tests/factories/demo-store";
import { policyPassages } from "../knowledge/passages";
import { estimateFor, itemList } from "./order-answers.server";
import type { OrderRow } from "./orders.server";

const passages = demoPolicies("demo.myshopify.com").flatMap((p) => policyPassages(p));
const LONDON = { timeZone: "Europe/London", locale: "en" };

function order(overrides: Partial<OrderRow>): OrderRow {
  return {
    shop: "demo.myshopify.com",
    id: "gid://shopify/Order/1",
    name: "#1001",
    fulfillmentStatus: "FULFILLED",
    fulfillments: JSON.stringify([{ status: "SUCCESS", createdAt: "2025-12-04T15:00:00Z", tracking: [] }]),
    shippingCountry: "GB",
    cancelledAt: null,
    createdAt: new Date("2025-12-03T10:00:00Z"),
    ...overrides,
  } as OrderRow;
}

describe("itemList", () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Item ${i + 1}`, quantity: i + 1 }));

  it("GIVEN one, three or twelve lines THEN 'quantity × title', joined with 'and', ten at most then 'and N more'", () => {
    expect(itemList(items(1))).toBe("1 × Item 1");
    expect(itemList(items(3))).toBe("1 × Item 1, 2 × Item 2 and 3 × Item 3");
    const twelve = itemList(items(12));
    expect(twelve).toMatch(/^1 × Item 1, .*, 10 × Item 10 and 2 more$/);
    expect(twelve).not.toContain("Item 11");
  });
});

describe("estimateFor", () => {
  it("GIVEN a UK order shipped on a Thursday THEN 2-4 business days from then, over the weekend", () => {
    const estimate = estimateFor(order({}), passages, { now: new Date("2025-12-05T09:00:00Z"), ...LONDON });
    expect(estimate).toMatchObject({ card: { earliest: "2025-12-08", latest: "2025-12-10" }, window: { past: false } });
  });

  it("GIVEN the window over THEN it is said as past: 'should have arrived by' its last day", () => {
    const estimate = estimateFor(order({}), passages, { now: new Date("2025-12-20T09:00:00Z"), ...LONDON });
    expect(typeof estimate !== "string" && estimate.card.text).toMatch(/should have arrived by December 10/);
  });

  it("GIVEN a cancelled order, no destination or one the policy does not list THEN the reason there is no estimate", () => {
    const now = new Date("2025-12-05T09:00:00Z");
    expect(estimateFor(order({ cancelledAt: new Date("2025-12-04T00:00:00Z") }), passages, { now, ...LONDON })).toBe(
      "cancelled",
    );
    expect(estimateFor(order({ shippingCountry: null }), passages, { now, ...LONDON })).toBe("no_destination");
    expect(estimateFor(order({ shippingCountry: "JP" }), passages, { now, ...LONDON })).toBe("no_times");
  });

  it("GIVEN an order not shipped yet THEN counted from today in the shop's time zone", () => {
    const unshipped = order({ fulfillmentStatus: "UNFULFILLED", fulfillments: "[]", shippingCountry: "US" });
    // 23:30 UTC on Friday 5 December is still Friday in London: + 6..10 business days.
    const estimate = estimateFor(unshipped, passages, { now: new Date("2025-12-05T23:30:00Z"), ...LONDON });
    expect(estimate).toMatchObject({ card: { earliest: "2025-12-15", latest: "2025-12-19" } });
  });
});
