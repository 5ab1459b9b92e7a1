import { describe, expect, it } from "vitest";
import { demoPolicies } from "../../tests/factories/demo-store";
import { deliveryTimeFor } from "./delivery-times";
import { policyPassages } from "./passages";

const shipping = (body: string) =>
  policyPassages({ type: "SHIPPING_POLICY", title: "Shipping policy", body, url: null });

const times = (body: string, country: string) => {
  const time = deliveryTimeFor(shipping(body), country);
  return time && { min: time.min, max: time.max, unit: time.unit };
};

describe("deliveryTimeFor: the demo shop's shipping policy", () => {
  const passages = demoPolicies("demo.myshopify.com").flatMap((p) => policyPassages(p));

  it("GIVEN the UK THEN standard 2-4 business days, not the express next business day nor the 1-day dispatch", () => {
    const time = deliveryTimeFor(passages, "GB");
    expect(time).toMatchObject({ min: 2, max: 4, unit: "business", express: false, phrase: "2-4 business days" });
    expect(time?.passage.heading).toBe("UK delivery");
  });

  it("GIVEN EU members, Switzerland and Norway THEN 4-8 business days, found through the names the policy uses", () => {
    for (const country of ["DE", "FR", "IE", "CH", "NO"])
      expect(deliveryTimeFor(passages, country)).toMatchObject({ min: 4, max: 8, unit: "business" });
    expect(deliveryTimeFor(passages, "DE")?.destination).toBe("EU");
    expect(deliveryTimeFor(passages, "Germany")?.passage.heading).toBe("International delivery");
  });

  it("GIVEN North America and Australia THEN their own ranges; a country the policy never names has none", () => {
    expect(deliveryTimeFor(passages, "US")).toMatchObject({ min: 6, max: 10 });
    expect(deliveryTimeFor(passages, "CA")).toMatchObject({ min: 6, max: 10 });
    expect(deliveryTimeFor(passages, "AU")).toMatchObject({ min: 8, max: 14 });
    expect(deliveryTimeFor(passages, "JP")).toBeNull();
    expect(deliveryTimeFor(passages, "MX")).toBeNull();
    expect(deliveryTimeFor(passages, null)).toBeNull();
  });
});

describe("deliveryTimeFor: other wordings", () => {
  it("GIVEN regions and a rest of the world THEN the most specific name wins and unnamed countries get the rest", () => {
    const body = "<p>UK: 2–3 working days. Europe: 5–7 working days. Rest of the world: 10-15 working days.</p>";
    expect(times(body, "GB")).toEqual({ min: 2, max: 3, unit: "business" });
    expect(times(body, "FR")).toEqual({ min: 5, max: 7, unit: "business" });
    expect(times(body, "JP")).toEqual({ min: 10, max: 15, unit: "business" });
  });

  it("GIVEN times written before their places THEN each time goes with the places after it", () => {
    const body =
      "<p>Delivery takes 3 to 5 business days within the United States and 7-10 business days to Canada.</p>";
    expect(times(body, "US")).toEqual({ min: 3, max: 5, unit: "business" });
    expect(times(body, "CA")).toEqual({ min: 7, max: 10, unit: "business" });
    expect(times(body, "MX")).toBeNull();
  });

  it("GIVEN places as headings THEN the heading's place, 'next business day' and a calendar 'within 3 days'", () => {
    const body =
      "<h2>United Kingdom</h2><p>Orders arrive the next business day.</p><h2>Ireland</h2><p>Delivery within 3 days.</p>";
    expect(times(body, "GB")).toEqual({ min: 1, max: 1, unit: "business" });
    expect(times(body, "IE")).toEqual({ min: 1, max: 3, unit: "calendar" });
  });

  it("GIVEN the place in an earlier sentence and weeks in words THEN that place and calendar days", () => {
    const body = "<p>We only ship within Australia. Delivery usually takes two to four weeks.</p>";
    expect(times(body, "AU")).toEqual({ min: 14, max: 28, unit: "calendar" });
    expect(times(body, "NZ")).toBeNull();
  });

  it("GIVEN a policy that names no place at all THEN its delivery time is everyone's, and dispatch time is not delivery", () => {
    const body = "<p>Orders are dispatched within 2 business days.</p><p>Delivery takes 3-5 business days.</p>";
    expect(times(body, "GB")).toEqual({ min: 3, max: 5, unit: "business" });
    expect(times(body, "BR")).toEqual({ min: 3, max: 5, unit: "business" });
  });

  it("GIVEN 'outside the UK' THEN it counts for everywhere but the UK", () => {
    const body = "<p>UK orders: 1-2 business days. Orders outside the UK: 7-14 business days.</p>";
    expect(times(body, "GB")).toEqual({ min: 1, max: 2, unit: "business" });
    expect(times(body, "DE")).toEqual({ min: 7, max: 14, unit: "business" });
  });

  it("GIVEN express written first THEN the standard service is the estimate", () => {
    const body = "<p>UK: next day (express) or 3-5 business days (standard).</p>";
    expect(deliveryTimeFor(shipping(body), "GB")).toMatchObject({ min: 3, max: 5, express: false });
  });

  it("GIVEN 'contact us' in the policy THEN 'us' is not the United States", () => {
    const body = "<p>Delivery to France takes 3-5 days. Contact us if it takes longer than 10 days.</p>";
    expect(times(body, "FR")).toEqual({ min: 3, max: 5, unit: "calendar" });
    expect(times(body, "US")).toBeNull();
  });

  it("GIVEN no shipping policy THEN no time", () => {
    const refund = policyPassages({ type: "REFUND_POLICY", title: "Refunds", body: "<p>UK: 2-4 days.</p>", url: null });
    expect(deliveryTimeFor(refund, "GB")).toBeNull();
  });
});
