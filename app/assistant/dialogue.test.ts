import { describe, expect, it } from "vitest";
import type { ConversationState } from "./contract";
import { decide, emptyFilters, type Entities, type Understanding } from "./dialogue";

const noEntities = (): Entities => ({
  orderNumbers: [],
  emails: [],
  priceMin: null,
  priceMax: null,
  colours: [],
  sizes: [],
  quantities: [],
  ordinal: null,
  productTypes: [],
  vendors: [],
  tags: [],
  productIds: [],
  countries: [],
});

function understood(
  text: string,
  intent: string | null,
  confidence = 0.9,
  entities: Partial<Entities> = {},
  runnerUp?: [string, number],
): Understanding {
  const ranking = intent ? [{ intent, score: confidence }] : [];
  if (runnerUp) ranking.push({ intent: runnerUp[0], score: runnerUp[1] });
  return { text, intent, confidence, ranking, entities: { ...noEntities(), ...entities } };
}

const afterSearch: ConversationState = {
  lastIntent: "product_search",
  lastProducts: ["p1", "p2", "p3"],
  filters: { ...emptyFilters(), text: "lunch bag", colours: ["red"] },
};

describe("dialogue policy", () => {
  it("GIVEN a product search THEN words, price and colour become filters", () => {
    const decision = decide(
      understood("do you have blue mugs under £10?", "product_search", 0.9, { colours: ["blue"], priceMax: 10 }),
      {},
    );
    expect(decision).toMatchObject({
      kind: "product_search",
      refined: false,
      filters: { text: "mugs", colours: ["blue"], priceMax: 10 },
    });
  });

  it("GIVEN 'cheaper' after a list THEN the same search below the dearest card shown, cheapest first, without those shown", () => {
    const decision = decide(understood("cheaper ones?", null, 0), afterSearch, { shownMin: 4.5, shownMax: 9 });
    expect(decision).toMatchObject({
      kind: "product_search",
      refined: true,
      cue: "cheaper",
      filters: { text: "lunch bag", below: 9, sort: "price_asc", colours: ["red"], excludeIds: ["p1", "p2", "p3"] },
    });
  });

  it("GIVEN a new product noun after a list THEN a new search, not a refinement of the old one", () => {
    for (const text of ["red mug", "got any cushions?"]) {
      const decision = decide(
        understood(text, "product_search", 0.7, text === "red mug" ? { colours: ["red"] } : {}),
        afterSearch,
      );
      expect(decision).toMatchObject({ kind: "product_search", refined: false });
      if (decision.kind === "product_search") expect(decision.filters.text).not.toMatch(/lunch bag/);
    }
  });

  it("GIVEN 'and teapots?' after a search under a budget THEN teapots, the budget still holding", () => {
    const state: ConversationState = { ...afterSearch, filters: { ...emptyFilters(), text: "mugs", priceMax: 5 } };
    const decision = decide(understood("and teapots?", null, 0.2), state);
    expect(decision).toMatchObject({
      kind: "product_search",
      refined: false,
      filters: { text: "teapots", priceMax: 5 },
    });
  });

  it("GIVEN 'in blue' after a list THEN the same search in blue", () => {
    const decision = decide(understood("in blue?", "product_search", 0.5, { colours: ["blue"] }), afterSearch);
    expect(decision).toMatchObject({
      kind: "product_search",
      refined: true,
      filters: { text: "lunch bag", colours: ["blue"] },
    });
  });

  it("GIVEN 'show me more' THEN the same search without what was shown", () => {
    const decision = decide(understood("show me more", null, 0), afterSearch);
    expect(decision).toMatchObject({ kind: "product_search", filters: { excludeIds: ["p1", "p2", "p3"] } });
  });

  it("GIVEN 'the second one' THEN details of the second product shown", () => {
    const decision = decide(
      understood("is the second one in stock?", "product_question", 0.8, { ordinal: 2 }),
      afterSearch,
    );
    expect(decision).toEqual({ kind: "product_detail", productId: "p2", aspect: "stock" });
  });

  it("GIVEN 'the last one' with no intent THEN still that product", () => {
    expect(decide(understood("the last one", null, 0, { ordinal: -1 }), afterSearch)).toMatchObject({
      kind: "product_detail",
      productId: "p3",
    });
  });

  it("GIVEN 'what about returns for it' after looking at a product THEN the returns answer about that product", () => {
    const state = { ...afterSearch, focusProductId: "p2" };
    const decision = decide(understood("what about returns for it?", "returns_refunds", 0.85), state);
    expect(decision).toMatchObject({ kind: "knowledge", intent: "returns_refunds", productId: "p2" });
  });

  it("GIVEN two close readings THEN one clarifying question, and the answer picks one", () => {
    const message = understood("I want to send it back", "returns_refunds", 0.46, {}, ["cancel_order", 0.4]);
    const decision = decide(message, {});
    expect(decision).toEqual({ kind: "clarify", options: ["returns_refunds", "cancel_order"] });

    const pending: ConversationState = {
      pending: { kind: "clarify", data: { options: ["returns_refunds", "cancel_order"] } },
    };
    expect(decide(understood("cancel the order", "cancel_order", 0.9), pending)).toMatchObject({
      kind: "order_change",
      action: "cancel_order",
    });
  });

  it("GIVEN an out-of-scope message THEN it says so, and the second in a row brings a person", () => {
    expect(decide(understood("what's the weather in Paris", null, 0.1), {})).toEqual({ kind: "out_of_scope" });
    expect(decide(understood("tell me a joke", null, 0.1), { misunderstandings: 1 })).toEqual({
      kind: "handoff",
      reason: "misunderstood",
    });
  });

  it("GIVEN a request for a person or a complaint THEN a person", () => {
    expect(decide(understood("can I talk to a human", "human_handoff"), {})).toEqual({
      kind: "handoff",
      reason: "requested",
    });
    expect(decide(understood("this is unacceptable, my parcel is broken", "complaint"), {})).toEqual({
      kind: "handoff",
      reason: "complaint",
    });
  });

  it("GIVEN an order question with a number and an email THEN both are taken", () => {
    const message = understood("where is order #1001? my email is pat@example.com", "order_status", 0.9, {
      orderNumbers: ["1001"],
      emails: ["pat@example.com"],
    });
    expect(decide(message, {})).toEqual({ kind: "order_status", orderNumber: "1001", email: "pat@example.com" });
  });

  it("GIVEN the assistant asked for the order's email THEN an email alone completes the request", () => {
    const state: ConversationState = { pending: { kind: "order_email", data: { orderNumber: "1001" } } };
    expect(decide(understood("pat@example.com", null, 0, { emails: ["pat@example.com"] }), state)).toEqual({
      kind: "order_status",
      orderNumber: "1001",
      email: "pat@example.com",
    });
  });

  it("GIVEN a shipping question naming a country THEN the country is emphasised in retrieval", () => {
    const decision = decide(understood("do you ship to France?", "shipping", 0.9, { countries: ["France"] }), {});
    expect(decision).toMatchObject({ kind: "knowledge", intent: "shipping", emphasize: ["France"] });
  });
});
