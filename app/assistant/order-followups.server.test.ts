import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { runFullSync } from "~/sync/full-sync.server";
import type { AssistantReply } from "./contract";
import { MAX_VERIFICATION_FAILURES } from "./orders.server";
import { builtInClassifier } from "./understand.server";
import { assistantConversation } from "../../tests/support/assistant-chat";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installSyncedDemoShop } from "../../tests/support/demo-shop";
import type { FakeOrder, FakeShop } from "../../tests/fake-shopify/store";

/**
 * Follow-ups on an order (issue 13, class 4) and verification that survives a mistake
 * (class 5), against the synced demo shop. Expected facts come from the fake Shopify's
 * orders and the demo shipping policy's times (UK 2-4, EU 4-8, US 6-10 business days),
 * counted here with a date routine of the test's own.
 */

const fake = useFakeShopify();
let shop: string;
let fakeShop: FakeShop;
const DAY = 86_400_000;
const POLICY_DAYS: Record<string, [number, number]> = { GB: [2, 4], DE: [4, 8], FR: [4, 8], US: [6, 10] };

const orders: Record<"shippedUk" | "shippedDe" | "unshipped" | "big" | "japan" | "cancelled" | "sixDigits", FakeOrder> =
  {} as never;

beforeAll(async () => {
  const installed = await installSyncedDemoShop(fake);
  shop = installed.domain;
  fakeShop = installed.fakeShop;
  builtInClassifier();
  // Orders with what each case needs, changed in the fake Shopify and brought in by the real sync.
  // Only the orders the sync brought in (the app may read the last 60 days of orders).
  const synced = new Set((await db.order.findMany({ where: { shop }, select: { id: true } })).map((o) => o.id));
  const pool = [...fakeShop.orders.values()].filter((o) => synced.has(o.id) && o.email && o.fulfillments.length > 0);
  const [shippedUk, shippedDe, unshipped, big, japan, cancelled, sixDigits] = pool;
  // A shop past a few thousand orders: numbers of six digits, said bare ("status for 570886").
  sixDigits.name = "#570886";
  sixDigits.shippingCountry = "GB";
  shippedUk.shippingCountry = "GB";
  shippedDe.shippingCountry = "DE";
  unshipped.shippingCountry = "US";
  unshipped.fulfillments = [];
  unshipped.displayFulfillmentStatus = "UNFULFILLED";
  big.lineItems = Array.from({ length: 13 }, (_, i) => ({
    id: `gid://shopify/LineItem/${990_000 + i}`,
    title: `Test Item ${String.fromCharCode(65 + i)}`,
    quantity: i + 1,
    sku: null,
    productId: null,
    variantId: null,
    price: "1.00",
  }));
  japan.shippingCountry = "JP";
  cancelled.shippingCountry = "GB";
  cancelled.cancelledAt = new Date(Date.parse(cancelled.createdAt) + 3_600_000).toISOString();
  for (const order of [shippedUk, shippedDe, unshipped, big, japan, cancelled, sixDigits])
    order.updatedAt = new Date().toISOString();
  Object.assign(orders, { shippedUk, shippedDe, unshipped, big, japan, cancelled, sixDigits });
  const summary = await runFullSync(db, shop, { pollMs: 10, maxPollMs: 50 });
  expect(summary.status).toBe("completed");
}, 120_000);

const conversation = (options: { customerId?: string | null; now?: Date } = {}) =>
  assistantConversation(() => shop, { ...options, personalization: false, visitorId: "visitor-followups" });

/** A guest conversation already verified for `order`: number and email in one message. */
async function verified(order: FakeOrder, now?: Date) {
  const chat = conversation({ now });
  const reply = await chat.say(`where is order ${order.name}? my email is ${order.email}`);
  expect(reply.order?.name).toBe(order.name);
  return chat;
}

const londonDate = (moment: string | Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(moment));

function plusBusinessDays(date: string, days: number) {
  let day = Date.parse(`${date}T12:00:00Z`);
  for (let counted = 0; counted < days;) {
    day += DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday >= 1 && weekday <= 5) counted++;
  }
  return new Date(day).toISOString().slice(0, 10);
}

function expectedWindow(order: FakeOrder, now: Date) {
  const [min, max] = POLICY_DAYS[order.shippingCountry!];
  const from = order.fulfillments[0] ? londonDate(order.fulfillments[0].createdAt) : londonDate(now);
  return { earliest: plusBusinessDays(from, min), latest: plusBusinessDays(from, max) };
}

const shippedAt = (order: FakeOrder) => new Date(order.fulfillments[0].createdAt);

describe("order follow-ups, guest", () => {
  it("GIVEN a verified order WHEN 'what's in it?' THEN its items with quantities, no new verification and no handoff", async () => {
    const order = orders.shippedUk;
    const chat = await verified(order);
    const reply = await chat.say("what's in it?");
    for (const line of order.lineItems) expect(reply.text).toContain(`${line.quantity} × ${line.title}`);
    expect(reply.text).not.toMatch(/email|order number/i);
    expect(reply.handoff).toBeUndefined();
    expect(reply.order?.name).toBe(order.name);
    expect(reply.intent).toBe("order_status");

    const again = await chat.say("what did I order");
    expect(again.text).toContain(`${order.lineItems[0].quantity} × ${order.lineItems[0].title}`);
  });

  it("GIVEN an order of 13 lines THEN ten are listed, then 'and 3 more'", async () => {
    const order = orders.big;
    const reply = await (await verified(order)).say("what's in my order?");
    for (const line of order.lineItems.slice(0, 10)) expect(reply.text).toContain(`${line.quantity} × ${line.title}`);
    expect(reply.text).not.toContain(order.lineItems[10].title);
    expect(reply.text).toMatch(/and 3 more\.$/);
    expect(reply.order?.items).toHaveLength(13);
  });

  it("GIVEN a shipped UK order WHEN 'when will it arrive?' soon after shipping THEN the policy's 2-4 business days from the ship date, as an estimate", async () => {
    const order = orders.shippedUk;
    const now = new Date(shippedAt(order).getTime() + 2 * 3_600_000);
    const reply = await (await verified(order, now)).say("when will it arrive?");
    const expected = expectedWindow(order, now);
    expect(reply.order?.estimatedDelivery).toMatchObject(expected);
    expect(reply.order?.estimatedDelivery?.text).toMatch(/estimated/i);
    expect(reply.text).toMatch(/estimate/i);
    expect(reply.text).toContain("2-4 business days");
    expect(reply.sources?.[0].title).toBe("Shipping policy: UK delivery");
    expect(reply.handoff).toBeUndefined();
  });

  it("GIVEN an order to Germany THEN the EU's 4-8 business days", async () => {
    const order = orders.shippedDe;
    const now = new Date(shippedAt(order).getTime() + 3_600_000);
    const reply = await (await verified(order, now)).say("when will it get here");
    expect(reply.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(reply.text).toMatch(/4-8 business days for delivery to Germany/);
  });

  it("GIVEN the window passed long ago THEN 'should have arrived by' its last day and a person offered; the status card leaves the stale window out", async () => {
    const order = orders.shippedUk;
    const now = new Date(shippedAt(order).getTime() + 60 * DAY);
    const chat = conversation({ now });
    const status = await chat.say(`where is order ${order.name}? my email is ${order.email}`);
    expect(status.order?.estimatedDelivery ?? null).toBeNull();
    const reply = await chat.say("when will it arrive?");
    const expected = expectedWindow(order, now);
    expect(reply.order?.estimatedDelivery).toMatchObject(expected);
    const latest = new Intl.DateTimeFormat("en", { day: "numeric", month: "long", timeZone: "UTC" }).format(
      new Date(`${expected.latest}T00:00:00Z`),
    );
    expect(reply.text).toContain(`should have arrived by ${latest}`);
    expect(reply.handoff).toEqual({ reason: "offered" });
  });

  it("GIVEN a status answer soon after shipping THEN the card carries the estimate too", async () => {
    const order = orders.shippedDe;
    const now = new Date(shippedAt(order).getTime() + 3_600_000);
    const chat = conversation({ now });
    const reply = await chat.say(`status of order ${order.name}, email ${order.email}`);
    expect(reply.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
  });

  it("GIVEN an order not shipped yet THEN the window counts from today, and it can still be cancelled by a person", async () => {
    const order = orders.unshipped;
    const now = new Date();
    const chat = await verified(order, now);
    const arrival = await chat.say("when will it get here?");
    expect(arrival.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(arrival.text).toMatch(/has not shipped yet.*if it ships today/i);
    expect(arrival.text).toContain("6-10 business days for delivery to the United States");

    const tracking = await chat.say("tracking number?");
    expect(tracking.text).toMatch(/no tracking number yet/);

    const cancel = await chat.say("can i cancel it");
    expect(cancel.text).toMatch(/has not shipped yet, so it can still be cancelled/);
    expect(cancel.handoff).toEqual({ reason: "requested" });
    expect(cancel.order?.name).toBe(order.name);
  });

  it("GIVEN a shipped order WHEN 'can I still change it?' THEN it shipped on its date, so a return within the refund policy's window", async () => {
    const order = orders.shippedUk;
    const reply = await (await verified(order)).say("can I still change it?");
    const shipped = new Intl.DateTimeFormat("en", {
      day: "numeric",
      month: "long",
      timeZone: "UTC",
      ...(londonDate(shippedAt(order)).slice(0, 4) !== londonDate(new Date()).slice(0, 4) ? { year: "numeric" } : {}),
    }).format(new Date(`${londonDate(shippedAt(order))}T00:00:00Z`));
    expect(reply.text).toContain(`shipped on ${shipped}, so it can no longer be changed`);
    expect(reply.text).toContain("You can return most items within 30 days of delivery");
    expect(reply.sources?.[0].title).toBe("Refund policy: Returns");
    expect(reply.handoff?.reason).not.toBe("requested");
  });

  it("GIVEN a shipped order WHEN 'send the tracking link again' THEN the card and the text carry its tracking", async () => {
    const order = orders.shippedUk;
    const reply = await (await verified(order)).say("send the tracking link again");
    const parcel = order.fulfillments[0].trackingInfo[0];
    expect(reply.order?.tracking[0]).toEqual(parcel);
    expect(reply.text).toContain(parcel.number!);
    expect(reply.text).toContain(parcel.url!);
    expect(reply.handoff).toBeUndefined();
  });

  it("GIVEN a destination the policy does not list THEN no estimate, and the text says the policy gives no times for it", async () => {
    const reply = await (await verified(orders.japan)).say("when will it arrive?");
    expect(reply.order?.estimatedDelivery ?? null).toBeNull();
    expect(reply.text).toMatch(/gives no delivery times for Japan/);
  });

  it("GIVEN a cancelled order THEN no estimate and no change: it was cancelled", async () => {
    const chat = await verified(orders.cancelled);
    const arrival = await chat.say("when will it arrive?");
    expect(arrival.order?.estimatedDelivery ?? null).toBeNull();
    expect(arrival.text).toMatch(/was cancelled on .*won't be delivered/);
    expect((await chat.say("can I change it?")).text).toMatch(/was cancelled/);
  });

  it("GIVEN a question on another topic after the order THEN it is answered as that topic, not as the order", async () => {
    const chat = await verified(orders.shippedUk);
    const returns = await chat.say("How long do I have to return something?");
    expect(returns.sources?.[0].title).toMatch(/^Refund policy/);
    expect(returns.order).toBeUndefined();
  });
});

describe("an aspect asked before the order is verified", () => {
  it("GIVEN 'when will my order arrive?' with a number THEN after the email asked for, the arrival answer with its estimate", async () => {
    const order = orders.shippedDe;
    const now = new Date(shippedAt(order).getTime() + 3_600_000);
    const chat = conversation({ now });
    expect((await chat.say(`when will my order ${order.name} arrive?`)).text).toMatch(/what email address/i);
    await chat.say("not.me@example.com");
    const reply = await chat.say(order.email!);
    expect(reply.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(reply.text).toMatch(/Estimated delivery: .*\(an estimate: 4-8 business days/);
    expect(chat.state.orderId).toBe(order.id);
    const items = await chat.say("what's in it?");
    expect(items.text).toContain(`${order.lineItems[0].quantity} × ${order.lineItems[0].title}`);
  });
});

describe("order follow-ups, logged in", () => {
  it("GIVEN a logged-in customer's latest order THEN items, tracking and arrival without any verification", async () => {
    // A customer's latest order, as "where is my order?" finds it.
    const byCustomer = new Map<string, FakeOrder>();
    for (const o of fakeShop.orders.values()) {
      const seen = o.customerId ? byCustomer.get(o.customerId) : undefined;
      if (o.customerId && (!seen || Date.parse(o.createdAt) > Date.parse(seen.createdAt)))
        byCustomer.set(o.customerId, o);
    }
    const order = [...byCustomer.values()].find(
      (o) => o.fulfillments.length && !o.cancelledAt && POLICY_DAYS[o.shippingCountry ?? ""],
    )!;
    const now = new Date(shippedAt(order).getTime() + 3_600_000);
    const chat = conversation({ customerId: order.customerId!.split("/").pop()!, now });
    expect((await chat.say("where is my order?")).order?.name).toBe(order.name);

    const direct = await conversation({ customerId: order.customerId!.split("/").pop()!, now }).say(
      "when will my order arrive?",
    );
    expect(direct.order?.name).toBe(order.name);
    expect(direct.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(direct.text).toMatch(/estimate/i);

    const items = await chat.say("what did I order?");
    for (const line of order.lineItems) expect(items.text).toContain(`${line.quantity} × ${line.title}`);

    const tracking = await chat.say("tracking number?");
    expect(tracking.text).toContain(order.fulfillments[0].trackingInfo[0].number!);

    const arrival = await chat.say("when will it arrive?");
    expect(arrival.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(arrival.handoff?.reason ?? "none").not.toBe("requested");
  });
});

describe("verification survives a mistake", () => {
  it("GIVEN a number, a wrong email, then the right one THEN the order is answered", async () => {
    const order = orders.shippedUk;
    const chat = conversation();
    expect((await chat.say(`Where is my order ${order.name}?`)).text).toMatch(/what email address did you use/i);
    const wrong = await chat.say("someone.else@example.com");
    expect(wrong.text).toMatch(/couldn't find an order with that number and email/);
    expect(chat.state.pending).toMatchObject({ kind: "order_email" });
    const right = await chat.say(order.email!);
    expect(right.order?.name).toBe(order.name);
    expect(right.text).toMatch(/^Order .*: Shipped on /);
    expect(right.intent).toBe("order_status");
  });

  it("GIVEN a cancel question, a wrong email, then the right one THEN the cancel question is what gets answered", async () => {
    const order = orders.unshipped;
    const chat = conversation();
    await chat.say(`I want to cancel order ${order.name}`);
    await chat.say("nope@example.com");
    const right = await chat.say(`sorry, it's ${order.email}`);
    expect(right.order?.name).toBe(order.name);
    expect(right.handoff).toEqual({ reason: "requested" });
    expect(right.text).toMatch(/cancel/);
    expect(right.intent).toBe("cancel_order");
  });

  it("GIVEN a wrong order number, then the right number with the email THEN the order is answered", async () => {
    const order = orders.shippedDe;
    const chat = conversation();
    expect((await chat.say("where is my order?")).text).toMatch(/order number/i);
    expect((await chat.say("#99999999")).text).toMatch(/what email address did you use for order #99999999/i);
    expect((await chat.say(order.email!)).text).toMatch(/couldn't find an order/);
    const right = await chat.say(`oh sorry, it's ${order.name}, email ${order.email}`);
    expect(right.order?.name).toBe(order.name);
  });

  it("GIVEN the attempt limit reached THEN the polite refusal, and even the right email is not tried any more", async () => {
    const order = orders.shippedUk;
    const chat = conversation();
    await chat.say(`Where is my order ${order.name}?`);
    let reply: AssistantReply | undefined;
    for (let attempt = 0; attempt < MAX_VERIFICATION_FAILURES; attempt++)
      reply = await chat.say(`wrong${attempt}@example.com`);
    expect(reply!.text).toMatch(/I'll stop trying here/);
    expect(reply!.handoff).toEqual({ reason: "offered" });
    expect(chat.state.pending ?? null).toBeNull();

    const late = await chat.say(`order ${order.name}, email ${order.email}`);
    expect(late.order).toBeUndefined();
    expect(late.text).toMatch(/I'll stop trying here/);
  });

  it("GIVEN two wrong emails THEN the third attempt with the right one still works (within the limit)", async () => {
    const order = orders.shippedDe;
    const chat = conversation();
    await chat.say(`Where is my order ${order.name}?`);
    await chat.say("first@example.com");
    await chat.say("second@example.com");
    expect((await chat.say(order.email!)).order?.name).toBe(order.name);
  });
});

/** "Shipped on" as the shop's formatter writes the order's ship date (never lower-cased). */
const shipDateText = (order: FakeOrder) =>
  new Intl.DateTimeFormat("en", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(
    shippedAt(order),
  );

describe("colloquial follow-ups on the order in focus", () => {
  it("GIVEN a verified order WHEN 'whens it coming' THEN its delivery estimate, not a refusal", async () => {
    const order = orders.shippedUk;
    const now = new Date(shippedAt(order).getTime() + 3_600_000);
    const reply = await (await verified(order, now)).say("whens it coming");
    expect(reply.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(reply.intent).toBe("order_status");
  });

  it("GIVEN a shipped order WHEN 'is it on its way' / 'has it left yet' THEN its status, shipped", async () => {
    const chat = await verified(orders.shippedUk);
    for (const text of ["is it on its way", "has it left yet"]) {
      const reply = await chat.say(text);
      expect(reply.order?.name).toBe(orders.shippedUk.name);
      expect(reply.text).toMatch(/Shipped on/);
    }
  });

  it("GIVEN 'is it too late to add something to my order?' THEN unshipped: a person is asked; shipped: not possible, a return", async () => {
    const open = await (await verified(orders.unshipped)).say("is it too late to add something to my order?");
    expect(open.text).toMatch(/has not shipped yet, so it can still be changed/);
    expect(open.handoff).toEqual({ reason: "requested" });
    const shipped = await (await verified(orders.shippedUk)).say("is it too late to add something to my order?");
    expect(shipped.text).toMatch(/so it can no longer be changed/);
    expect(shipped.handoff?.reason).not.toBe("requested");
  });

  it("GIVEN an order to the UK WHEN 'how long will my order take to get to australia' THEN the order's estimate, not the policy line", async () => {
    const order = orders.shippedUk;
    const now = new Date(shippedAt(order).getTime() + 3_600_000);
    const chat = await verified(order, now);
    const reply = await chat.say("how long will my order take to get to australia");
    expect(reply.order?.name).toBe(order.name);
    expect(reply.order?.estimatedDelivery).toMatchObject(expectedWindow(order, now));
    expect(reply.text).not.toContain("£17.95");
    // The order stays in focus after it, so "it" is still the order.
    expect((await chat.say("can i cancel it?")).text).toMatch(/can no longer be cancelled/);
  });
});

describe("order openings", () => {
  const customerOf = (order: FakeOrder) => order.customerId!.split("/").pop()!;

  it.each(["where's the parcel", "where's my stuff", "where's my package"])(
    "GIVEN a logged-in customer WHEN %j THEN their latest order, no handoff",
    async (text) => {
      const order = [...fakeShop.orders.values()].find((o) => o.customerId)!;
      const reply = await conversation({ customerId: customerOf(order) }).say(text);
      expect(reply.order).toBeDefined();
      expect(reply.intent).toBe("order_status");
      expect(reply.handoff).toBeUndefined();
    },
  );

  it("GIVEN a guest WHEN 'where's #<number>' or 'hi can you check order #<number> for me' THEN the email is asked for", async () => {
    const order = orders.sixDigits;
    for (const text of [`where's ${order.name}`, `hi can you check order ${order.name} for me`]) {
      const reply = await conversation().say(text);
      expect(reply.text).toMatch(/what email address did you use for order #570886/i);
    }
  });

  it("GIVEN 'order no <number> - what was in that one?' THEN after the email, the items", async () => {
    const order = orders.sixDigits;
    const chat = conversation();
    expect((await chat.say("order no 570886 - what was in that one?")).text).toMatch(/what email address/i);
    const reply = await chat.say(order.email!);
    for (const line of order.lineItems) expect(reply.text).toContain(`${line.quantity} × ${line.title}`);
  });

  it("GIVEN a bare six-digit number with 'status' and the email in one message THEN the order is looked up", async () => {
    const order = orders.sixDigits;
    const reply = await conversation().say(`status for 570886 pls, ${order.email}`);
    expect(reply.order?.name).toBe(order.name);
  });
});

describe("verification keeps what the guest gave", () => {
  it("GIVEN the email first THEN the number alone finds the order, the email is not asked again", async () => {
    const order = orders.sixDigits;
    const chat = conversation();
    expect((await chat.say(`where's my order? my email is ${order.email}`)).text).toMatch(/order number/i);
    const reply = await chat.say("it's 570886");
    expect(reply.order?.name).toBe(order.name);
    // The email is kept only as its lookup hash, and not once the order is found.
    expect(JSON.stringify(chat.state)).not.toContain(order.email!);
  });

  it("GIVEN a wrong number with the email WHEN 'sorry wrong number its <number>' THEN the email is kept, only the number replaced", async () => {
    const order = orders.sixDigits;
    const chat = conversation();
    expect((await chat.say(`where is order #570001, email ${order.email}`)).text).toMatch(/couldn't find an order/);
    expect(JSON.stringify(chat.state)).not.toContain(order.email!);
    const reply = await chat.say("sorry wrong number its 570886");
    expect(reply.order?.name).toBe(order.name);
    expect(reply.text).not.toMatch(/what email/i);
  });

  it.each([
    (email: string) => `no wait it's ${email}`,
    (email: string) => `oops i meant ${email}`,
    (email: string) => `it's ${email} thanks`,
  ])(
    "GIVEN a wrong email WHEN the right one with an apology (%#) THEN the order, never thanks or a handoff",
    async (say) => {
      const order = orders.shippedUk;
      const chat = conversation();
      await chat.say(`where is order ${order.name}`);
      await chat.say("wrong@example.com");
      const reply = await chat.say(say(order.email!));
      expect(reply.order?.name).toBe(order.name);
      expect(reply.text).not.toMatch(/you're welcome/i);
      expect(reply.handoff).toBeUndefined();
    },
  );

  it("GIVEN the attempt limit reached WHEN 'oops i meant <email>' THEN the refusal again, not thanks", async () => {
    const order = orders.shippedUk;
    const chat = conversation();
    await chat.say(`Where is my order ${order.name}?`);
    for (let attempt = 0; attempt < MAX_VERIFICATION_FAILURES; attempt++) await chat.say(`wrong${attempt}@example.com`);
    const late = await chat.say(`oops i meant ${order.email}`);
    expect(late.order).toBeUndefined();
    expect(late.text).toMatch(/I'll stop trying here/);
  });
});

describe("cancelling a shipped order", () => {
  it("GIVEN a shipped order WHEN the first message asks to cancel it THEN it has shipped on its date, so a return", async () => {
    const order = orders.shippedUk;
    const reply = await conversation().say(`I want to cancel order ${order.name}, email ${order.email}`);
    expect(reply.order?.name).toBe(order.name);
    const day = londonDate(shippedAt(order));
    const shipped = new Intl.DateTimeFormat("en", {
      day: "numeric",
      month: "long",
      timeZone: "UTC",
      ...(day.slice(0, 4) !== londonDate(new Date()).slice(0, 4) ? { year: "numeric" } : {}),
    }).format(new Date(`${day}T00:00:00Z`));
    expect(reply.text).toContain(`shipped on ${shipped}, so it can no longer be cancelled`);
    expect(reply.text).toContain("You can return most items within 30 days of delivery");
    expect(reply.sources?.[0].title).toBe("Refund policy: Returns");
    expect(reply.handoff?.reason).not.toBe("requested");
    expect(reply.intent).toBe("cancel_order");
  });

  it("GIVEN a shipped order WHEN a cancel follow-up THEN the same: shipped, so a return", async () => {
    const reply = await (await verified(orders.shippedUk)).say("can i cancel it?");
    expect(reply.text).toMatch(/shipped on .*, so it can no longer be cancelled/);
    expect(reply.sources?.[0].title).toBe("Refund policy: Returns");
  });

  it("GIVEN an unshipped order WHEN the first message asks to cancel it THEN a person is asked", async () => {
    const order = orders.unshipped;
    const reply = await conversation().say(`please cancel order ${order.name}, my email is ${order.email}`);
    expect(reply.text).toMatch(/has not shipped yet, so it can still be cancelled/);
    expect(reply.handoff).toEqual({ reason: "requested" });
  });

  it("GIVEN a status card THEN its date is written as Intl writes it, capitalised", async () => {
    const order = orders.shippedUk;
    const reply = await conversation().say(`where is order ${order.name}? my email is ${order.email}`);
    expect(reply.text).toContain(`Shipped on ${shipDateText(order)}`);
    expect(reply.text).not.toMatch(
      /\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/,
    );
  });
});

describe("a logged-in customer's older orders", () => {
  /** The synced orders of one customer with three or more, newest first. */
  function history(): FakeOrder[] {
    const synced = [...fakeShop.orders.values()].filter((o) => o.customerId && !o.cancelledAt);
    const byCustomer = new Map<string, FakeOrder[]>();
    for (const o of synced) byCustomer.set(o.customerId!, [...(byCustomer.get(o.customerId!) ?? []), o]);
    const list = [...byCustomer.values()].find(
      (l) => l.length >= 3 && new Set(l.map((o) => o.createdAt)).size === l.length,
    )!;
    return [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }
  const customerOf = (order: FakeOrder) => order.customerId!.split("/").pop()!;

  it("GIVEN the latest order answered WHEN 'and the one before that?' THEN the next older one, then the one before it", async () => {
    const [latest, older, oldest] = history();
    const chat = conversation({ customerId: customerOf(latest) });
    expect((await chat.say("where's my latest order")).order?.name).toBe(latest.name);
    expect((await chat.say("and the one before that?")).order?.name).toBe(older.name);
    expect((await chat.say("and the one before that?")).order?.name).toBe(oldest.name);
  });

  it("GIVEN no order discussed WHEN 'my second most recent order' THEN the second newest", async () => {
    const [latest, older] = history();
    const reply = await conversation({ customerId: customerOf(latest) }).say(
      "status of my second most recent order please",
    );
    expect(reply.order?.name).toBe(older.name);
  });

  it("GIVEN the latest order answered WHEN 'my other order' THEN the newest other one", async () => {
    const [latest, older] = history();
    const chat = conversation({ customerId: customerOf(latest) });
    await chat.say("has my parcel been sent");
    expect((await chat.say("what about my other order")).order?.name).toBe(older.name);
  });

  it("GIVEN the oldest order answered WHEN 'the one before that' THEN it says there is none, with no card", async () => {
    const list = history();
    const chat = conversation({ customerId: customerOf(list[0]) });
    await chat.say(`what's happening with order ${list[list.length - 1].name}?`);
    const reply = await chat.say("and the one before that?");
    expect(reply.order).toBeUndefined();
    expect(reply.text).toMatch(/don't see an order before that one/);
  });

  it("GIVEN a guest WHEN 'the order before last' THEN the number is asked for, nothing shown", async () => {
    const reply = await conversation().say("where is the order before last?");
    expect(reply.order).toBeUndefined();
    expect(reply.text).toMatch(/order number/i);
  });
});

describe("order numbers as they are pasted", () => {
  it("GIVEN 'Order #N' alone THEN the email is asked for a status, and the email answers with the status", async () => {
    const order = orders.shippedUk;
    const chat = conversation();
    const asked = await chat.say(`Order ${order.name}`);
    expect(asked.text).toMatch(/email/i);
    const reply = await chat.say(`it's ${order.email}`);
    expect(reply.order?.name).toBe(order.name);
    expect(reply.text).not.toMatch(/cancel/i);
  });

  it("GIVEN a six-digit number typed in two groups THEN it is read as one order number", async () => {
    const order = orders.sixDigits;
    const reply = await conversation().say(`my order number is 570 886 and my email ${order.email}`);
    expect(reply.order?.name).toBe("#570886");
  });
});
