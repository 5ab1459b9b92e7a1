import { describe, expect, it } from "vitest";
import type { ConversationState } from "./contract";
import { decide, type Entities, type Understanding } from "./dialogue";
import { orderAspectOf, orderFollowup, orderOpening, type OrderAspect } from "./order-followups";
import { emailOnly, keptEmailHash, retryPending, verificationAnswer } from "./order-verification";
import { extractEntities } from "./nlu/entities";

const afterOrder: ConversationState = {
  lastIntent: "order_status",
  orderId: "gid://shopify/Order/5001",
  orderName: "#1005",
};
const afterSearch: ConversationState = { ...afterOrder, lastIntent: "product_search", lastProducts: ["p1"] };

const FOLLOW_UPS: [string, OrderAspect][] = [
  ["what's in it?", "items"],
  ["whats in it", "items"],
  ["what is in my order?", "items"],
  ["what did I order", "items"],
  ["what did i buy again?", "items"],
  ["which items did I order?", "items"],
  ["when will it arrive?", "arrival"],
  ["when will it get here", "arrival"],
  ["When does my parcel arrive?", "arrival"],
  ["when should I get it?", "arrival"],
  ["how long until it arrives?", "arrival"],
  ["what's the eta?", "arrival"],
  ["expected delivery date?", "arrival"],
  ["when should i expect it", "arrival"],
  ["when's it going to get here?", "arrival"],
  ["how long will delivery take", "arrival"],
  ["when is my order going to be delivered", "arrival"],
  ["can I still change it?", "change"],
  ["can i change my order", "change"],
  ["I need to update the address", "change"],
  ["can i cancel it", "cancel"],
  ["please cancel my order", "cancel"],
  ["send the tracking link again", "tracking"],
  ["tracking number?", "tracking"],
  ["can you send me the link again?", "tracking"],
  ["how do I track it?", "tracking"],
  ["where is it now?", "status"],
  ["has it shipped yet?", "status"],
  ["is my parcel on its way?", "status"],
  ["any update on my order?", "status"],
  ["whens it coming", "arrival"],
  ["when's it coming?", "arrival"],
  ["is it ever going to turn up", "arrival"],
  ["is it on its way", "status"],
  ["has it left yet", "status"],
  ["has it been dispatched?", "status"],
  ["is it still coming?", "status"],
  ["is it too late to add something to my order?", "change"],
  ["can I add another item?", "change"],
  ["too late to change the size?", "change"],
  ["is it too late to cancel?", "cancel"],
];

describe("orderFollowup", () => {
  it.each(FOLLOW_UPS)(
    "GIVEN an order just answered WHEN %j THEN a follow-up about %s of that order",
    (text, aspect) => {
      expect(orderFollowup(text, afterOrder)).toEqual({ aspect, orderId: "gid://shopify/Order/5001" });
    },
  );

  it.each([
    "what's your returns policy?",
    "do you have any lunch bags?",
    "what's in stock?",
    "what products do you sell?",
    "how much is shipping to France?",
    "when do I get my money back?",
    "when will the red mug be back in stock?",
    "thanks!",
    "I want to talk to a person",
  ])("GIVEN an order just answered WHEN %j THEN not a follow-up", (text) => {
    expect(orderFollowup(text, afterOrder)).toBeNull();
  });

  it("GIVEN no order in the conversation THEN nothing is a follow-up", () => {
    expect(orderFollowup("what's in it?", {})).toBeNull();
    expect(orderFollowup("tracking number?", { lastIntent: "order_status", orderId: null })).toBeNull();
  });

  it("GIVEN a product search since the order THEN 'it' is the product, but 'my order' and short questions still are the order", () => {
    expect(orderFollowup("can I change it?", afterSearch)).toBeNull();
    expect(orderFollowup("when will it arrive?", afterSearch)).toBeNull();
    expect(orderFollowup("when will my order arrive?", afterSearch)?.aspect).toBe("arrival");
    expect(orderFollowup("tracking number?", afterSearch)?.aspect).toBe("tracking");
  });

  it("GIVEN another order's number THEN a new lookup, not a follow-up; the same number is a follow-up", () => {
    expect(orderFollowup("what's in order #1006?", afterOrder, { orderNumbers: ["1006"] })).toBeNull();
    expect(orderFollowup("what's in order #1005?", afterOrder, { orderNumbers: ["1005"] })?.aspect).toBe("items");
  });

  it("GIVEN a country named THEN a shipping question, not this order", () => {
    expect(
      orderFollowup("how long does it take to arrive in Germany?", afterOrder, { orderNumbers: [], countries: ["DE"] }),
    ).toBeNull();
  });

  it("GIVEN a country named WHEN the message says 'my order' or 'will it' THEN this order's arrival", () => {
    const australia = { orderNumbers: [], countries: ["AU"] };
    expect(orderFollowup("how long will my order take to get to australia", afterOrder, australia)?.aspect).toBe(
      "arrival",
    );
    expect(orderFollowup("how long will it take to get to australia?", afterOrder, australia)?.aspect).toBe("arrival");
    expect(orderFollowup("how long will it take to get to australia?", afterSearch, australia)).toBeNull();
  });

  it("GIVEN a policy answer since the order THEN 'it' is still the order; a product search since is not", () => {
    const afterPolicy: ConversationState = { ...afterOrder, lastIntent: "shipping" };
    expect(orderFollowup("can i cancel it?", afterPolicy)?.aspect).toBe("cancel");
    expect(orderFollowup("can i cancel it?", afterSearch)).toBeNull();
  });

  it("GIVEN basket words THEN not a change to the order", () => {
    expect(orderFollowup("can I add something to my basket?", afterOrder)).toBeNull();
  });

  it("GIVEN cancel and change words together THEN cancel wins; change before tracking", () => {
    expect(orderAspectOf("can I cancel or change it?")).toBe("cancel");
    expect(orderAspectOf("can I change the delivery date?")).toBe("change");
  });
});

describe("orderOpening", () => {
  const none = { orderNumbers: [], emails: [] };

  it.each([
    ["where's the parcel", "complaint"],
    ["where's my stuff", null],
    ["where's my package", "greeting"],
    ["has my parcel been dispatched?", null],
  ])("GIVEN no order verified WHEN %j (classified %s) THEN a status lookup", (text, intent) => {
    expect(orderOpening(text, none, intent)).toEqual({ kind: "order_status", orderNumber: null, email: null });
  });

  it("GIVEN an order number THEN a lookup of it, with the email when given, whatever the classifier said", () => {
    expect(orderOpening("where's #573167", { orderNumbers: ["573167"], emails: [] }, null)).toEqual({
      kind: "order_status",
      orderNumber: "573167",
      email: null,
    });
    expect(
      orderOpening(
        "status for 570886 pls, jo@example.com",
        { orderNumbers: ["570886"], emails: ["jo@example.com"] },
        null,
      ),
    ).toEqual({ kind: "order_status", orderNumber: "570886", email: "jo@example.com" });
    expect(
      orderOpening("hi can you check order #577139 for me", { orderNumbers: ["577139"], emails: [] }, "greeting"),
    ).toMatchObject({ kind: "order_status", orderNumber: "577139" });
    expect(orderOpening("please cancel #577139", { orderNumbers: ["577139"], emails: [] }, null)).toMatchObject({
      kind: "order_change",
      action: "cancel_order",
    });
  });

  it.each([
    "how do I track my order?",
    "can I return my order?",
    "how long does the delivery take to Germany?",
    "do you have any lunch bags?",
    "what's in stock?",
  ])("GIVEN %j THEN not an order opening", (text) => {
    expect(orderOpening(text, { ...none, countries: /germany/i.test(text) ? ["DE"] : [] }, null)).toBeNull();
  });
});

describe("verificationAnswer", () => {
  const asked = { kind: "order_email", data: { orderNumber: "1005", action: "order_status" } };

  it("GIVEN the email asked for THEN the lookup of the pending number with it", () => {
    expect(verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, asked)).toEqual({
      kind: "order_status",
      orderNumber: "1005",
      email: "jo@example.com",
    });
  });

  it("GIVEN a cancel question pending THEN the answer keeps it a cancel", () => {
    const cancel = { kind: "order_email", data: { orderNumber: "1005", action: "cancel_order" } };
    expect(verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, cancel)).toMatchObject({
      kind: "order_change",
      action: "cancel_order",
      orderNumber: "1005",
    });
    const number = { kind: "order_number", data: { action: "change_address" } };
    expect(verificationAnswer({ orderNumbers: ["1005"], emails: [] }, number)).toMatchObject({
      kind: "order_change",
      action: "change_address",
      orderNumber: "1005",
      email: null,
    });
  });

  it("GIVEN a corrected number while an email is asked for THEN the new number wins, with or without an email", () => {
    expect(verificationAnswer({ orderNumbers: ["1006"], emails: ["jo@example.com"] }, asked)).toMatchObject({
      orderNumber: "1006",
      email: "jo@example.com",
    });
    expect(verificationAnswer({ orderNumbers: ["1006"], emails: [] }, asked)).toMatchObject({
      orderNumber: "1006",
      email: null,
    });
  });

  it("GIVEN an email where the number was asked for THEN a lookup without a number (which asks for it again)", () => {
    const number = { kind: "order_number", data: { action: "order_status" } };
    expect(verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, number)).toEqual({
      kind: "order_status",
      orderNumber: null,
      email: "jo@example.com",
    });
  });

  it("GIVEN a message with neither THEN no verification answer (the message is understood on its own)", () => {
    expect(verificationAnswer({ orderNumbers: [], emails: [] }, asked)).toBeNull();
    expect(verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, { kind: "clarify" })).toBeNull();
    expect(verificationAnswer({ orderNumbers: ["1005"], emails: [] }, null)).toBeNull();
  });

  it("GIVEN an email kept from earlier WHEN only a number is given THEN the kept email's hash is there to use", () => {
    const kept = { kind: "order_email", data: { orderNumber: "570001", action: "order_status", emailHash: "h1" } };
    expect(verificationAnswer({ orderNumbers: ["572049"], emails: [] }, kept)).toEqual({
      kind: "order_status",
      orderNumber: "572049",
      email: null,
    });
    expect(keptEmailHash(kept)).toBe("h1");
    expect(keptEmailHash({ kind: "order_number", data: { action: "order_status", emailHash: "h2" } })).toBe("h2");
    expect(keptEmailHash({ kind: "clarify", data: { emailHash: "h3" } })).toBeNull();
    expect(keptEmailHash(null)).toBeNull();
  });

  it.each([
    "no wait it's jo@example.com",
    "oops i meant jo@example.com",
    "it's jo@example.com thanks",
    "jo@example.com",
  ])("GIVEN %j THEN an email and nothing else", (text) => {
    expect(emailOnly(text, ["jo@example.com"])).toBe(true);
  });

  it("GIVEN an email with a question of its own THEN not an email answer", () => {
    expect(emailOnly("can you send the invoice to jo@example.com", ["jo@example.com"])).toBe(false);
    expect(emailOnly("no emails here", [])).toBe(false);
  });

  it("GIVEN no question pending after an order answer WHEN an email alone THEN an order lookup with it, not thanks", () => {
    const context = { text: "it's jo@example.com thanks", lastIntent: "order_status" };
    expect(verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, null, context)).toEqual({
      kind: "order_status",
      orderNumber: null,
      email: "jo@example.com",
    });
    expect(
      verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, null, {
        ...context,
        lastIntent: "cancel_order",
      }),
    ).toMatchObject({ kind: "order_change", action: "cancel_order" });
    expect(
      verificationAnswer({ orderNumbers: [], emails: ["jo@example.com"] }, null, {
        ...context,
        lastIntent: "shipping",
      }),
    ).toBeNull();
  });

  it("GIVEN a failed attempt THEN the same question stays pending for the same number", () => {
    expect(retryPending("#1005", "cancel_order")).toEqual({
      kind: "order_email",
      data: { orderNumber: "1005", action: "cancel_order" },
    });
    expect(retryPending(null, "order_status")).toEqual({ kind: "order_number", data: { action: "order_status" } });
  });
});

describe("decide: order follow-ups and pending verification", () => {
  const entities = (overrides: Partial<Entities> = {}): Entities => ({
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
    ...overrides,
  });
  const understood = (text: string, intent: string | null, overrides: Partial<Entities> = {}): Understanding => ({
    text,
    intent,
    confidence: 0.9,
    ranking: intent ? [{ intent, score: 0.9 }] : [],
    entities: entities(overrides),
  });

  it("GIVEN an order answered WHEN 'what's in it?' (classified as a complaint) THEN a follow-up, not a handoff", () => {
    expect(decide(understood("what's in it?", "complaint"), afterOrder)).toEqual({
      kind: "order_followup",
      aspect: "items",
      orderId: "gid://shopify/Order/5001",
    });
  });

  it("GIVEN no order verified WHEN 'where's the parcel' (classified as a complaint) THEN a status lookup", () => {
    expect(decide(understood("where's the parcel", "complaint"), {})).toEqual({
      kind: "order_status",
      orderNumber: null,
      email: null,
    });
  });

  it("GIVEN no order answered WHEN 'what's in it?' THEN the classifier's reading stands", () => {
    expect(decide(understood("what's in it?", "complaint"), {})).toEqual({ kind: "handoff", reason: "complaint" });
  });

  it("GIVEN an email pending after a failed attempt WHEN the next email THEN the same question for the same number", () => {
    const state: ConversationState = {
      verificationFailures: 1,
      pending: { kind: "order_email", data: { orderNumber: "1005", action: "cancel_order" } },
    };
    expect(decide(understood("jo@example.com", null, { emails: ["jo@example.com"] }), state)).toEqual({
      kind: "order_change",
      action: "cancel_order",
      orderNumber: "1005",
      email: "jo@example.com",
    });
  });
});

describe("order numbers said bare", () => {
  const numbers = (text: string) =>
    extractEntities(text)
      .filter((e) => e.type === "order_number")
      .map((e) => e.value);

  it.each([
    ["status for 570886 pls, jo@example.com", "570886"],
    ["can you check 571730", "571730"],
    ["order no 571730 - what was in that one?", "571730"],
    ["where's #573167", "573167"],
  ])("GIVEN %j THEN %s is an order number", (text, value) => {
    expect(numbers(text)).toEqual([value]);
  });

  it.each(["status 1002", "do you have 10000 candles", "can you check for anything under 100000"])(
    "GIVEN %j THEN no order number: too short for a status word, no order word, or a price",
    (text) => {
      expect(numbers(text)).toEqual([]);
    },
  );
});
