import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { AssistantReply } from "./contract";
import { respond } from "./respond.server";
import { builtInClassifier } from "./understand.server";
import { RuleListSchema } from "../recommend/rules/schema";
import { recommendationRules } from "../settings/definitions.server";
import { writeSetting } from "../settings/store.server";
import { assistantConversation } from "../../tests/support/assistant-chat";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { installSyncedDemoShop } from "../../tests/support/demo-shop";
import type { FakeOrder, FakeShop } from "../../tests/fake-shopify/store";

/**
 * Scripted multi-turn conversations against the demo shop: the generated demo store in
 * the fake Shopify, brought into our database by the real full sync, answered by the real
 * assistant. Each script asserts facts the shop's data makes true.
 */

const fake = useFakeShopify();
let shop: string;
let fakeShop: FakeShop;

beforeAll(async () => {
  const installed = await installSyncedDemoShop(fake);
  shop = installed.domain;
  fakeShop = installed.fakeShop;
  builtInClassifier();
}, 120_000);

/** A conversation: each `say` runs one turn with the state the last one left. */
const conversation = (options: { customerId?: string | null } = {}) => assistantConversation(() => shop, options);

function fulfilledOrder(): FakeOrder {
  return [...fakeShop.orders.values()].find((o) => o.fulfillments.length > 0 && o.email)!;
}

describe("order status", () => {
  it("GIVEN an order number and the email on it THEN the status and tracking link; a wrong email gets the same answer as no such order", async () => {
    const order = fulfilledOrder();
    const number = order.name.replace("#", "");

    const chat = conversation();
    const first = await chat.say(`Where is my order ${order.name}?`);
    expect(first.text).toMatch(/what email address did you use/i);
    expect(first.order).toBeUndefined();

    const wrong = await chat.say("someone.else@example.com");
    expect(wrong.text).toBe("I couldn't find an order with that number and email. Please check both and try again.");
    expect(wrong.order).toBeUndefined();

    const noSuchOrder = await conversation().say(`Where is order #999999999? My email is ${order.email}`);
    expect(noSuchOrder.text).toBe(wrong.text);

    const right = await conversation().say(`Status of order ${number} please, email ${order.email!.toUpperCase()}`);
    expect(right.order?.name).toBe(order.name);
    expect(right.order?.statusText).toMatch(/^Shipped on /);
    expect(right.order?.tracking[0]).toEqual(order.fulfillments[0].trackingInfo[0]);
    expect(right.order?.items.map((i) => i.title)).toEqual(order.lineItems.map((l) => l.title));
  });

  it("GIVEN three wrong attempts THEN it stops trying and offers a person", async () => {
    const order = fulfilledOrder();
    const chat = conversation();
    let reply: AssistantReply | undefined;
    for (let attempt = 0; attempt < 3; attempt++)
      reply = await chat.say(`Where is order ${order.name}? email nobody${attempt}@example.com`);
    expect(reply!.text).toMatch(/I'll stop trying here/);
    expect(reply!.handoff).toEqual({ reason: "offered" });
  });

  it("GIVEN a logged-in customer THEN their latest order without any number or email, and never another customer's", async () => {
    const order = [...fakeShop.orders.values()]
      .filter((o) => o.customerId)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const customerId = order.customerId!.split("/").pop()!;
    const latestOfCustomer = [...fakeShop.orders.values()]
      .filter((o) => o.customerId === order.customerId)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];

    const reply = await conversation({ customerId }).say("where is my order?");
    expect(reply.order?.name).toBe(latestOfCustomer.name);

    const someoneElses = [...fakeShop.orders.values()].find((o) => o.customerId && o.customerId !== order.customerId)!;
    const refused = await conversation({ customerId }).say(`what's the status of order ${someoneElses.name}?`);
    expect(refused.order).toBeUndefined();
  });
});

describe("policies", () => {
  it("GIVEN a returns question THEN the refund policy passage that answers it, with its source", async () => {
    const reply = await conversation().say("How long do I have to return something?");
    expect(reply.text).toMatch(/You can return most items within 30 days of delivery/);
    expect(reply.sources?.[0].title).toMatch(/^Refund policy/);
    expect(reply.resolved).toBe(true);
  });

  it("GIVEN a shipping question about a country THEN the passage that names it", async () => {
    const reply = await conversation().say("Do you ship to France?");
    expect(reply.text).toMatch(/European Union|EU/);
    expect(reply.sources?.[0].title).toMatch(/^Shipping policy/);
  });
});

describe("products", () => {
  it("GIVEN products under a price THEN only products with an in-stock variant under it, priced from the catalog", async () => {
    const reply = await conversation().say("Do you have any bags under £2?");
    expect(reply.products?.length).toBeGreaterThan(0);
    for (const card of reply.products!) {
      expect(Number(card.price.amount)).toBeLessThanOrEqual(2);
      expect(card.price.currencyCode).toBe("GBP");
      const source = fakeShop.products.get(card.productId)!;
      expect(source.variants.map((v) => v.price)).toContain(card.price.amount);
      expect(source.variants.some((v) => v.availableForSale)).toBe(true);
    }
  });

  it("GIVEN a search and then 'cheaper' THEN the follow-up keeps the subject and lowers the price", async () => {
    const chat = conversation();
    const first = await chat.say("show me alarm clocks");
    expect(first.products?.length).toBeGreaterThan(0);
    const cheapest = Math.min(...first.products!.map((p) => Number(p.price.amount)));

    const cheaper = await chat.say("anything cheaper?");
    for (const card of cheaper.products ?? []) expect(Number(card.price.amount)).toBeLessThan(cheapest);
    expect(cheaper.text).toMatch(/clock|couldn't find anything else/i);
  });

  it("GIVEN a list and 'is the second one in stock?' THEN the answer is about that product", async () => {
    const chat = conversation();
    const list = await chat.say("do you have any bags?");
    expect(list.products!.length).toBeGreaterThanOrEqual(2);
    const second = list.products![1];
    const reply = await chat.say("is the second one in stock?");
    expect(reply.text).toContain(second.title);
    expect(reply.products?.[0].productId).toBe(second.productId);
  });

  it("GIVEN a product in focus THEN 'what about returns for it' answers from the refund policy about that product", async () => {
    const chat = conversation();
    const list = await chat.say("show me the regency cakestand");
    const cakestand = list.products![0];
    const reply = await chat.say("what about returns for it?");
    expect(reply.text).toMatch(new RegExp(`^About ${cakestand.title}: `));
    expect(reply.sources?.[0].title).toMatch(/^Refund policy/);
  });

  it("GIVEN a merchant rule that excludes a vendor THEN the assistant's search no longer shows that vendor's products", async () => {
    const before = await conversation().say("do you have any bags?");
    expect(before.products?.length).toBeGreaterThan(0);
    const vendor = fakeShop.products.get(before.products![0].productId)!.vendor;
    const rules = RuleListSchema.parse([
      { name: "Hide a vendor", actions: [{ type: "exclude", match: { vendors: [vendor] } }] },
    ]);
    await writeSetting(db, shop, recommendationRules, rules);
    try {
      const after = await conversation().say("do you have any bags?");
      const vendors = (after.products ?? []).map((card) => fakeShop.products.get(card.productId)!.vendor);
      expect(vendors).not.toContain(vendor);
      if (vendors.length === 0) expect(after.text).toMatch(/couldn't find/i);
    } finally {
      await writeSetting(db, shop, recommendationRules, []);
    }
  });

  it("GIVEN a request for recommendations THEN in-stock products with the reason for each", async () => {
    const reply = await conversation().say("what would you recommend?");
    expect(reply.products?.length).toBeGreaterThan(0);
    for (const card of reply.products!) {
      expect(card.available).toBe(true);
      expect(card.reason?.text).toBeTruthy();
    }
  });
});

describe("handoff and out of scope", () => {
  it("GIVEN a request for a person THEN handoff", async () => {
    const reply = await conversation().say("I want to talk to a real person");
    expect(reply.handoff).toEqual({ reason: "requested" });
  });

  it("GIVEN an out-of-scope question THEN 'I can't help with that' and the offer of a person, not a guess", async () => {
    const reply = await conversation().say("What's the capital of Australia?");
    expect(reply.text).toMatch(/^I can't help with that/);
    expect(reply.handoff).toEqual({ reason: "offered" });
    expect(reply.products).toBeUndefined();
  });

  it("GIVEN two misunderstandings in a row THEN a person is brought in", async () => {
    const chat = conversation();
    await chat.say("how tall is mount everest");
    const second = await chat.say("who won the football last night");
    expect(second.handoff).toEqual({ reason: "misunderstood" });
  });
});

describe("tenancy", () => {
  it("GIVEN another shop THEN its catalog and orders are never used", async () => {
    const other = await installShop(fake, { name: "Other Shop" });
    const order = fulfilledOrder();
    const reply = await respond(db, {
      shop: other.domain,
      conversationId: "c",
      customerId: null,
      visitorId: "v",
      text: `where is order ${order.name}? email ${order.email}`,
      locale: "en",
      personalization: true,
      state: {},
    });
    expect(reply.reply.order).toBeUndefined();
    const search = await respond(db, {
      shop: other.domain,
      conversationId: "c",
      customerId: null,
      visitorId: "v",
      text: "do you have lunch bags?",
      locale: "en",
      personalization: true,
      state: {},
    });
    expect(search.reply.products ?? []).toEqual([]);
  });
});
