import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { runFullSync } from "~/sync/full-sync.server";
import { forgetCatalog } from "~/catalog/snapshot.server";
import type { AssistantReply } from "./contract";
import { builtInClassifier } from "./understand.server";
import { assistantConversation } from "../../tests/support/assistant-chat";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installSyncedDemoShop } from "../../tests/support/demo-shop";
import type { FakeProduct, FakeShop } from "../../tests/fake-shopify/store";

/**
 * How the assistant reads shoppers who talk about this shop's products: by name (whole,
 * partial, reordered), new subjects after a search versus refinements of it, budgets and
 * recipients, and things the shop does not sell. Against the generated demo shop, synced
 * for real; every expected fact is read from the shop's data.
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

const conversation = () =>
  assistantConversation(() => shop, { personalization: false, visitorId: "visitor-understanding" });

const product = (title: string): FakeProduct => [...fakeShop.products.values()].find((p) => p.title === title)!;
const price = (p: FakeProduct) => Number(p.variants[0].price);
const pounds = (amount: number) => new Intl.NumberFormat("en", { style: "currency", currency: "GBP" }).format(amount);
const cardPrices = (reply: AssistantReply) => (reply.products ?? []).map((card) => Number(card.price.amount));
const cardTitles = (reply: AssistantReply) => (reply.products ?? []).map((card) => card.title);

describe("a product named in the message", () => {
  it("GIVEN its price asked with the name whole, partial or reordered THEN that product's price and card, whatever the classifier thought", async () => {
    const bottle = product("Hot Water Bottle Keep Calm");
    for (const text of [
      "how much is the hot water bottle keep calm?",
      "keep calm hot water bottle price",
      "what does the keep calm bottle cost",
    ]) {
      const reply = await conversation().say(text);
      expect(reply.products?.[0]?.productId, text).toBe(bottle.id);
      expect(reply.text, text).toContain(pounds(price(bottle)));
      expect(reply.intent, text).toBe("product_question");
    }
  });

  it("GIVEN stock asked about a named product THEN whether it is in stock, from its variants", async () => {
    const kit = product("Paper Chain Kit 50's Christmas");
    const reply = await conversation().say("is the paper chain kit 50s christmas in stock");
    expect(reply.products?.[0]?.productId).toBe(kit.id);
    expect(reply.text).toMatch(kit.variants[0].availableForSale ? /in stock/ : /sold out/);
  });

  it("GIVEN a name two products share THEN it asks which one, and the answer picks it", async () => {
    const chat = conversation();
    const question = await chat.say("how much is the bakelike alarm clock?");
    expect(question.text).toMatch(/^Do you mean /);
    expect(new Set(cardTitles(question))).toEqual(new Set(["Alarm Clock Bakelike Red", "Alarm Clock Bakelike Green"]));
    const green = product("Alarm Clock Bakelike Green");
    const answer = await chat.say("the green one");
    expect(answer.products?.[0]?.productId).toBe(green.id);
    expect(answer.text).toContain(pounds(price(green)));
  });

  it("GIVEN 'how much is it?' after a product THEN that product's price", async () => {
    const chat = conversation();
    await chat.say("tell me about the rose cottage doormat");
    const reply = await chat.say("how much is it?");
    expect(reply.text).toContain(pounds(price(product("Rose Cottage Doormat"))));
  });
});

describe("a new subject after a search, and refinements of it", () => {
  it("GIVEN a search THEN a new product noun starts a new search while 'in red' refines the current one", async () => {
    const chat = conversation();
    const bags = await chat.say("lunch bags");
    expect(cardTitles(bags).every((t) => /lunch bag/i.test(t))).toBe(true);
    const red = await chat.say("in red");
    expect(cardTitles(red).length).toBeGreaterThan(0);
    expect(cardTitles(red).every((t) => /lunch bag/i.test(t) && /red/i.test(t))).toBe(true);
    const umbrellas = await chat.say("and umbrellas?");
    expect(cardTitles(umbrellas)).toContain("Pink Paisley Umbrella");
    expect(cardTitles(umbrellas).some((t) => /lunch bag/i.test(t))).toBe(false);
  });

  it("GIVEN 'cheaper' THEN only cards below the dearest shown, cheapest first; and plainly nothing when nothing is", async () => {
    const chat = conversation();
    const holders = await chat.say("t-light holders");
    const dearest = Math.max(...cardPrices(holders));
    expect(holders.products?.length).toBeGreaterThan(1);
    const cheaper = await chat.say("any cheaper ones?");
    const shownBefore = new Set(cardTitles(holders));
    const everyHolder = [...fakeShop.products.values()].filter((p) => /t-light holder/i.test(p.title));
    const expected = everyHolder.filter((p) => price(p) < dearest && !shownBefore.has(p.title));
    if (expected.length === 0) {
      expect(cheaper.products ?? []).toHaveLength(0);
      expect(cheaper.text).toMatch(/nothing cheaper/i);
    } else {
      expect(cardPrices(cheaper).every((p) => p < dearest)).toBe(true);
      expect(cardPrices(cheaper)).toEqual([...cardPrices(cheaper)].sort((a, b) => a - b));
    }
    const again = await chat.say("cheaper");
    if (!again.products?.length) expect(again.text).toMatch(/nothing cheaper/i);
  });
});

describe("budgets, recipients and what the shop does not sell", () => {
  it("GIVEN a budget in its common forms THEN no card above it", async () => {
    for (const [text, max] of [
      ["paper chain kit under 3 quid", 3],
      ["mugs below 5 quid", 5],
      ["no more than 10 pounds for a clock", 10],
      ["something under a fiver", 5],
      ["cake tins £3-£6", 6],
    ] as const) {
      const reply = await conversation().say(text);
      expect(reply.text, text).not.toMatch(/can't help/i);
      expect(
        cardPrices(reply).every((p) => p <= max),
        `${text}: ${cardPrices(reply)}`,
      ).toBe(true);
    }
  });

  it("GIVEN a present for a child THEN children's things, never a necklace or a card because of a word in its title", async () => {
    const reply = await conversation().say("a present for a 5 year old");
    expect(reply.products?.length).toBeGreaterThan(0);
    for (const card of reply.products!) {
      const item = fakeShop.products.get(card.productId)!;
      expect(item.title).not.toMatch(/necklace|\bcards?\b(?! game)/i);
      expect(
        item.productType === "Toys & Games" || /game|toy|child|kid|spaceboy|baby|jigsaw|doll/i.test(item.title),
        item.title,
      ).toBe(true);
    }
  });

  it("GIVEN something the shop has never sold THEN it says so plainly, with no cards, and names what it does sell", async () => {
    const reply = await conversation().say("do you sell laptops?");
    expect(reply.products ?? []).toHaveLength(0);
    expect(reply.text).toMatch(/doesn't sell laptops/);
    expect(reply.text).not.toMatch(/in stock/);
    const types = new Set([...fakeShop.products.values()].map((p) => p.productType.toLowerCase()));
    expect([...types].some((type) => reply.text.includes(type))).toBe(true);
  });
});

describe("questions the classifier could not place", () => {
  it("GIVEN 'is VAT included?' THEN the terms' sentence that answers it, reported as understood", async () => {
    const reply = await conversation().say("is VAT included?");
    expect(reply.text).toContain("Prices include UK VAT.");
    expect(reply.intent).not.toBeNull();
    expect(reply.sources?.[0]?.title).toMatch(/^Terms of service/);
  });

  it("GIVEN a question the privacy policy answers THEN its passage; GIVEN a request not to use my data THEN how to opt out", async () => {
    const question = await conversation().say("do you sell my data?");
    expect(question.text).toContain("We do not sell your data");
    const request = await conversation().say("please don't use my data");
    expect(request.text).toMatch(/Don't use my data/);
  });

  it("GIVEN chat shorthand THEN it is read as the words it stands for", async () => {
    const reply = await conversation().say("hw much is the rose cottage doormat");
    expect(reply.text).toContain(pounds(price(product("Rose Cottage Doormat"))));
  });

  it("GIVEN what a product is made of asked THEN the material from its name when the description is silent, and no to another material", async () => {
    const frame = await conversation().say("what is the wooden picture frame made of?");
    expect(frame.text).toMatch(/made of wood \(as its name says\)/);
    const glass = await conversation().say("is the glass star frosted t-light holder made of plastic?");
    expect(glass.text).toMatch(/^No: .* is made of glass/);
  });

  it("GIVEN a request naming something the catalog never lists beside a word it does THEN not sold, no cards, and the nearest kind named", async () => {
    const reply = await conversation().say("do you sell playstation games?");
    expect(reply.products ?? []).toHaveLength(0);
    expect(reply.text).toMatch(/doesn't sell playstation games/);
  });
});

describe("a named product that is not what was asked", () => {
  it("GIVEN a budget or colour the named product cannot meet THEN it says so plainly and shows no card that breaks it", async () => {
    const mat = product("Rose Cottage Doormat");
    const under = Math.floor(price(mat)) - 1;
    const cheap = await conversation().say(`is the rose cottage doormat under £${under}?`);
    expect(cheap.products ?? []).toHaveLength(0);
    expect(cheap.text).toBe(`Rose Cottage Doormat costs ${pounds(price(mat))}, more than ${pounds(under)}.`);
    const blue = await conversation().say("do you have the rose cottage doormat in blue");
    expect(blue.products ?? []).toHaveLength(0);
    expect(blue.text).toBe("Rose Cottage Doormat doesn't come in blue.");
  });
});

describe("shoppers as they write: talk around a request, services, who is answering", () => {
  const titled = (word: RegExp) => [...fakeShop.products.values()].filter((p) => word.test(p.title));

  it("GIVEN a request with chat around it THEN the search is for what was asked, not the talk", async () => {
    expect(titled(/umbrella/i).length).toBeGreaterThan(0);
    const umbrellas = await conversation().say("got any cheap umbrellas? its always raining here lol");
    expect(cardTitles(umbrellas).length).toBeGreaterThan(0);
    for (const title of cardTitles(umbrellas)) expect(title).toMatch(/umbrella/i);
    const again = await conversation().say("ok cool. nvm that, do u sell umbrellas");
    expect(again.text).not.toMatch(/doesn't sell/);
    expect(cardTitles(again).length).toBeGreaterThan(0);
    for (const title of cardTitles(again)) expect(title).toMatch(/umbrella/i);
  });

  it("GIVEN a budget in pence THEN no card above it", async () => {
    // Pence just above the shop's cheapest in-stock product, so that something fits.
    const cheapest = Math.min(
      ...[...fakeShop.products.values()].flatMap((p) =>
        p.variants.filter((v) => v.availableForSale).map((v) => Number(v.price)),
      ),
    );
    const pence = Math.ceil(cheapest * 100) + 10;
    expect(pence).toBeLessThan(100);
    const reply = await conversation().say(`wat can i get for under ${pence}p`);
    expect(cardPrices(reply).length).toBeGreaterThan(0);
    for (const amount of cardPrices(reply)) expect(amount).toBeLessThanOrEqual(pence / 100);
  });

  it("GIVEN occasions said in passing (a new baby, a new flat) THEN presents, not 'doesn't sell'", async () => {
    for (const text of [
      "my cousin just had a baby, what would be a nice gift",
      "mates just moved into a new flat, want to get them smth for under 15",
    ]) {
      const reply = await conversation().say(text);
      expect(reply.text, text).not.toMatch(/doesn't sell|can't help/);
      expect(cardTitles(reply).length, text).toBeGreaterThan(0);
      for (const amount of cardPrices(reply))
        expect(amount, text).toBeLessThanOrEqual(text.includes("15") ? 15 : Infinity);
    }
  });

  it("GIVEN a service the policies never mention THEN it says so by name and offers a person", async () => {
    for (const [text, name] of [
      ["do you price match", "price matching"],
      ["is there a warranty on things", "warranties or guarantees"],
      ["can i collect in store", "collecting orders in person"],
    ]) {
      const reply = await conversation().say(text);
      expect(reply.text, text).toBe(
        `The shop's policies and FAQ don't say anything about ${name}. Would you like me to ask a person?`,
      );
      expect(reply.handoff, text).toEqual({ reason: "offered" });
    }
  });

  it("GIVEN 'are you a robot?' THEN it says it is an automated assistant, and a person is there if wanted", async () => {
    const reply = await conversation().say("are you a robot");
    expect(reply.text).toMatch(/virtual assistant, an automated helper, not a person/);
    expect(reply.products ?? []).toEqual([]);
    expect(reply.handoff).toBeUndefined();
  });

  it("GIVEN a recommendation of something no shop word names THEN out of scope, no cards", async () => {
    const reply = await conversation().say("recommend a good film to watch tonight");
    expect(reply.text).toMatch(/can't help with that/);
    expect(reply.products ?? []).toEqual([]);
  });
});

describe("a product's facts as a shop assistant says them", () => {
  const all = () => [...fakeShop.products.values()].filter((p) => p.status === "ACTIVE" && p.publishedOnlineStore);
  // Two products changed in the fake Shopify and brought in by the real sync: one reduced, one
  // whose name starts with a colour it has no option or tag for.
  beforeAll(async () => {
    const singles = all().filter((p) => p.variants.length === 1 && p.variants[0].availableForSale);
    const [reduced, named] = singles;
    reduced.variants[0].compareAtPrice = (price(reduced) * 2).toFixed(2);
    named.title = "Navy Zebra Doorstop Deluxe";
    named.tags = named.tags.filter((t) => !/navy|blue/i.test(t));
    for (const p of [reduced, named]) p.updatedAt = new Date().toISOString();
    const summary = await runFullSync(db, shop, { pollMs: 10, maxPollMs: 50 });
    expect(summary.status).toBe("completed");
    forgetCatalog(shop);
  }, 120_000);

  it("GIVEN the price of a reduced product asked THEN its price, what it was reduced from, and its stock", async () => {
    const reduced = all().find(
      (p) => p.variants.length === 1 && p.variants[0].compareAtPrice && Number(p.variants[0].compareAtPrice) > price(p),
    )!;
    expect(reduced).toBeDefined();
    const reply = await conversation().say(`how much is the ${reduced.title.toLowerCase()}?`);
    expect(reply.text).toContain(
      `${pounds(price(reduced))}, reduced from ${pounds(Number(reduced.variants[0].compareAtPrice))}`,
    );
    expect(reply.text).toMatch(reduced.variants[0].availableForSale ? /and is in stock/ : /sold out/);
  });

  it("GIVEN a colour word that is part of the product's name THEN it is the name, not a colour it lacks", async () => {
    const coloured = all().find((p) => p.title === "Navy Zebra Doorstop Deluxe");
    expect(coloured).toBeDefined();
    const reply = await conversation().say("what is the navy zebra doorstop deluxe made of");
    expect(reply.text).not.toMatch(/doesn't come in/);
    expect(reply.products?.[0]?.productId).toBe(coloured!.id);
  });

  it("GIVEN the cheapest of a kind asked THEN the text names it and its price, cards cheapest first", async () => {
    const reply = await conversation().say("whats ur cheapest umbrella");
    const prices = cardPrices(reply);
    expect(prices.length).toBeGreaterThan(0);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(reply.text).toMatch(
      new RegExp(
        `^The cheapest .* is ${cardTitles(reply)[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, at ${pounds(prices[0]).replace(".", "\\.")}`,
      ),
    );
  });
});

describe("who a present is for", () => {
  it("GIVEN 'the teacher of my son' THEN a present for a grown-up, not a child's thing", async () => {
    const reply = await conversation().say("need present for teacher of my son. 3 to 6 pound");
    expect(reply.text).not.toMatch(/for a child/);
    for (const amount of cardPrices(reply)) {
      expect(amount).toBeGreaterThanOrEqual(3);
      expect(amount).toBeLessThanOrEqual(6);
    }
  });
});

describe("something new", () => {
  it("GIVEN a customer with orders WHEN 'anything new I might like?' THEN cards of products they never bought, said to be new", async () => {
    const orders = [...fakeShop.orders.values()].filter((o) => o.customerId && o.lineItems.some((l) => l.productId));
    const ids = new Set((await db.order.findMany({ where: { shop }, select: { id: true } })).map((o) => o.id));
    const customerId = orders.find((o) => ids.has(o.id))!.customerId!;
    // What the app knows they bought: their orders the sync brought in.
    const synced = new Set(
      (await db.order.findMany({ where: { shop, customerId }, select: { id: true } })).map((o) => o.id),
    );
    expect(synced.size).toBeGreaterThan(0);
    const bought = new Set(orders.filter((o) => synced.has(o.id)).flatMap((o) => o.lineItems.map((l) => l.productId)));
    const reply = await assistantConversation(() => shop, {
      personalization: true,
      visitorId: "visitor-discover",
      customerId: customerId.split("/").pop()!,
    }).say("show me something new i might like");
    expect(reply.products?.length ?? 0).toBeGreaterThan(0);
    for (const card of reply.products ?? []) expect(bought.has(card.productId), card.title).toBe(false);
  });
});

describe("short questions in a second language's word order", () => {
  it("GIVEN 'you are robot?' THEN who is answering; GIVEN 'ur bot is stupid' THEN an apology and a person", async () => {
    for (const text of ["you are robot?", "you are real person or computer?"]) {
      const reply = await conversation().say(text);
      expect(reply.text, text).toMatch(/virtual assistant/);
      expect(reply.handoff, text).toBeUndefined();
    }
    const upset = await conversation().say("ur bot is stupid, i ask 3 times already");
    expect(upset.handoff).toEqual({ reason: "complaint" });
    expect(upset.intent).toBe("complaint");
    const human = await conversation().say("ur rubbish. get me a human");
    expect(human.handoff).toEqual({ reason: "requested" });
  });

  it("GIVEN 'what time is in london now?' THEN out of scope, no cards", async () => {
    const reply = await conversation().say("what time is in london now?");
    expect(reply.text).toMatch(/can't help with that/);
    expect(reply.products ?? []).toEqual([]);
  });

  it("GIVEN 'you send to brazil?' THEN the shipping list and that Brazil is not on it", async () => {
    const reply = await conversation().say("you send to brazil?");
    expect(reply.text).toMatch(/^Brazil is not among the places/);
    expect(reply.sources?.[0].title).toMatch(/^Shipping policy/);
  });

  it("GIVEN 'cash on delivery possible?' THEN the policies don't say, never a search", async () => {
    const reply = await conversation().say("cash on delivery possible?");
    expect(reply.text).toBe(
      "The shop's policies and FAQ don't say anything about paying cash on delivery. Would you like me to ask a person?",
    );
    expect(reply.products ?? []).toEqual([]);
  });
});
