import type { FakeOrder, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  cheaperThanShown,
  doesNotSay,
  estimatesDelivery,
  everyProduct,
  firstProduct,
  handsOff,
  listsItems,
  lowestPrice,
  money,
  noDeliveryEstimate,
  noHandoff,
  noOrder,
  says,
  showsOrder,
  showsProducts,
  showsTracking,
  statesStock,
  understood,
  violation,
} from "./checks";
import { addBusinessDays, dev } from "./dev";
import { dev2 } from "./dev-2";
import type { Check, Constraints, Script, ScriptSet, Turn, World } from "./types";
import { devPart, escapeRegExp, stem, tokens, turn, usedBy } from "./part";

/**
 * The third part of the development set of `npm run eval:conversations`: presents for
 * recipients and occasions the first two parts do not name (an aunt, twins, a boss, a
 * retirement), budgets said before the subject ("i've got £8", then "something for the
 * garden") and follow-ups that must keep them ("cheaper", "in red", "smaller", "another one
 * like the first"); order questions in other words ("any news on my order", "cancel pls")
 * and verification slips; named products asked with the words out of order or misspelt,
 * questions the shop's data cannot answer ("is it dishwasher safe"), and the options of the
 * sample products that have variants. Facts come from the demo store's data; orders and
 * products the earlier parts say are left out. Ids are `dev3/<category>/<class>/<case>`.
 */

const { shuffled, script } = devPart("dev3");

// ---- Words -----------------------------------------------------------------------------

const STOPWORDS = new Set(["of", "the", "and", "with", "in", "a", "an", "for", "set", "pack", "to", "on", "w", "s"]);

/** A stable order of `items` for `salt`: the same data always yields the same picks. */

/** Optimal string alignment distance: edits, with a swap of two neighbours as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

// ---- What the earlier parts already use ----------------------------------------------------

interface Earlier {
  customers: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
  bigrams: Set<string>;
}

function earlierParts(world: World): Earlier {
  const scripts = [...dev(world), ...dev2(world)];
  const { said, ...used } = usedBy(scripts);
  const bigrams = new Set<string>();
  for (const text of said) {
    const words = tokens(text).map(stem);
    for (let i = 0; i + 1 < words.length; i++) bigrams.add(`${words[i]} ${words[i + 1]}`);
  }
  return {
    ...used,
    bigrams,
  };
}

// ---- The catalog -------------------------------------------------------------------------

interface Catalog {
  products: FakeProduct[];
  inStock: (p: FakeProduct) => boolean;
  price: (p: FakeProduct) => number;
  vocabulary: Set<string>;
  satisfying: (c: Constraints, test?: (p: FakeProduct) => boolean) => FakeProduct[];
  /** Products that share every word of the title with no other product, unnamed by earlier parts. */
  nameable: FakeProduct[];
}

function catalogOf(world: World, earlier: Earlier): Catalog {
  const products = world.products.filter((p) => lowestPrice(p) > 0);
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const price = (p: FakeProduct) => {
    const buyable = p.variants.filter((v) => v.availableForSale);
    return Math.min(...(buyable.length ? buyable : p.variants).map((v) => Number(v.price)));
  };
  const vocabulary = new Set<string>();
  for (const p of world.products)
    for (const text of [
      p.title,
      p.productType,
      ...p.tags,
      ...p.variants.flatMap((v) => v.selectedOptions.map((o) => o.value)),
    ])
      for (const word of tokens(text)) vocabulary.add(word);
  const stems = new Map(products.map((p) => [p.id, new Set(tokens(p.title).map(stem))]));
  const sameTitle = new Map<string, number>();
  for (const p of world.products) sameTitle.set(p.title.toLowerCase(), (sameTitle.get(p.title.toLowerCase()) ?? 0) + 1);
  const taken = (p: FakeProduct) => {
    const words = tokens(p.title).map(stem);
    for (let i = 0; i + 1 < words.length; i++) if (earlier.bigrams.has(`${words[i]} ${words[i + 1]}`)) return true;
    return false;
  };
  const nameable = products.filter((p) => {
    const words = tokens(p.title);
    if (sameTitle.get(p.title.toLowerCase())! > 1 || words.length < 3 || words.length > 5) return false;
    if (/[+/*,&\d]/.test(p.title) || new Set(p.variants.map((v) => v.price)).size > 1 || taken(p)) return false;
    const own = [...stems.get(p.id)!];
    return products.filter((q) => own.every((s) => stems.get(q.id)!.has(s))).length === 1;
  });
  return {
    products,
    inStock,
    price,
    vocabulary,
    satisfying: (c, test = () => true) =>
      products.filter((p) => inStock(p) && violation(p, price(p), c) === null && test(p)),
    nameable,
  };
}

// ---- Checks of this part -------------------------------------------------------------------

const lastCards = (previous: { products?: { productId: string; title: string; price: { amount: string } }[] }[]) =>
  [...previous].reverse().find((r) => r.products?.length)?.products ?? null;

/** "Cheaper" where cheaper products that fit are in stock: cards, each below the dearest shown. */
function cheaperWhenThereIs(cat: Catalog, fits: (p: FakeProduct) => boolean): Check {
  return (reply, world, previous) => {
    const last = lastCards(previous);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.map((p) => Number(p.price.amount)));
    const cheaper = cat.products.filter((p) => cat.inStock(p) && fits(p) && cat.price(p) < ceiling);
    if (cheaper.length && !reply.products?.length)
      return `no cards, though ${cheaper.length} fitting products in stock cost less than ${ceiling} (${cheaper[0].title})`;
    return cheaperThanShown()(reply, world, previous);
  };
}

/** "Something else": cards, and not only the ones shown last. */
function otherThanShown(): Check {
  return (reply, _world, previous) => {
    const last = lastCards(previous);
    if (!last) return "no earlier cards";
    const before = new Set(last.map((p) => p.productId));
    const cards = reply.products ?? [];
    if (!cards.length) return "no cards for something else";
    return cards.every((p) => before.has(p.productId))
      ? `the same cards again: ${JSON.stringify(cards.map((p) => p.title))}`
      : null;
  };
}

/** "Another one like the first": a card other than the first shown, sharing a word of its title. */
function likeTheFirst(): Check {
  return (reply, _world, previous) => {
    const first = lastCards(previous)?.[0];
    if (!first) return "no earlier first card";
    const words = new Set(
      tokens(first.title)
        .map(stem)
        .filter((w) => w.length >= 3 && !STOPWORDS.has(w)),
    );
    const alike = (reply.products ?? []).filter(
      (p) =>
        p.productId !== first.productId &&
        tokens(p.title)
          .map(stem)
          .some((w) => words.has(w)),
    );
    return alike.length
      ? null
      : `no card like ${first.title} (other than it); cards: ${JSON.stringify((reply.products ?? []).map((p) => p.title))}`;
  };
}

/** The bot does not claim a fact the data does not hold, says it does not know, and offers a person. */
function admitsNotKnowing(claim: RegExp): Check {
  const unsure =
    /(don't|do not|doesn't|does not|can't|cannot) (know|say|have|see|find|confirm|tell)|not sure|no (details?|information|info)|isn't (listed|mentioned)|not (listed|mentioned|stated)/i;
  const person = /\b(team|person|someone|colleague|staff|human|ask (us|the shop)|contact us|get in touch)\b/i;
  return (reply) => {
    // Naming the property while saying it is not known ("doesn't say whether it is dishwasher safe") is no claim.
    if (claim.test(reply.text) && !unsure.test(reply.text))
      return `claims what the data does not say: ${JSON.stringify(reply.text.slice(0, 160))}`;
    if (!unsure.test(reply.text)) return `does not say it does not know: ${JSON.stringify(reply.text.slice(0, 160))}`;
    if (!reply.handoff && !person.test(reply.text))
      return `offers no person: ${JSON.stringify(reply.text.slice(0, 160))}`;
    return null;
  };
}

const says$ = (amount: number) => says(money(amount));
const word = (value: string) => says(new RegExp(`\\b${escapeRegExp(value)}\\b`, "i"));

// ---- Recommendations -------------------------------------------------------------------

const CHILDRENS =
  /\b(child|children|childrens|childs|kids?|baby|toy|toys|game|games|jigsaw|doll|dolls|puppet|spaceboy|dolly)\b/i;
const forAChild = (p: FakeProduct) =>
  p.productType === "Toys & Games" || CHILDRENS.test(`${p.title} ${p.tags.join(" ")} ${p.descriptionHtml}`);
const JEWELLERY = ["Necklace", "Bracelet", "Earrings", "Jewellery & Accessories"];
const adultOnly = (p: FakeProduct) =>
  !/necklace|bracelet|earrings|\bcard\b|wine|shot glass|ashtray/i.test(p.title) && !JEWELLERY.includes(p.productType);
const childish = (p: FakeProduct) => /\b(child|children|childrens|childs|kids?|baby|toddler|bib)\b/i.test(p.title);
const isCard = (p: FakeProduct) => /\b(card|cards|wrap)\b/i.test(p.title) && p.productType === "Stationery & Wrap";
const isCsvProduct = (p: FakeProduct) => Number(p.id.split("/").pop()) >= 900_000;
const isApparel = (p: FakeProduct) => isCsvProduct(p) && p.tags.some((t) => t === "men" || t === "women");
const forGrownUp = (p: FakeProduct) => !childish(p) && !isCard(p);
const forHome = (p: FakeProduct) =>
  forGrownUp(p) && !isApparel(p) && ![...JEWELLERY, "Party", "Toys & Games"].includes(p.productType);
const forTwelve = (p: FakeProduct) => !/\b(baby|toddler|bib|nursery)\b/i.test(p.title) && adultOnly(p);
const GARDEN = ["Garden", "Outdoor"];
/** A cook's present: the kitchen type, or a kitchen word in the title, never a child's toy. */
const forACook = (p: FakeProduct) =>
  !childish(p) &&
  p.productType !== "Toys & Games" &&
  (p.productType === "Kitchen & Dining" || /\b(cook\w*|kitchen|bak\w*|recipe|apron|spoons?|pantry)\b/i.test(p.title));
/** The retail titles mark the small size "Small", "Mini" or a closing "S" ("Paper Lantern … Star S"). */
const small = (p: FakeProduct) => /\b(small|mini)\b|\bS$/i.test(p.title);

function recommendations(cat: Catalog): Script[] {
  const child = everyProduct("for a child", (p) => forAChild(p) && adultOnly(p));
  const grownUp = everyProduct("a present for a grown-up (not a child's thing, a card or wrap)", forGrownUp);
  const home = everyProduct("for a new home", forHome);
  const twelve = everyProduct("for a 12 year old", forTwelve);
  const out: Script[] = [];
  const one = (id: string, say: string, expect: Check[], c?: Constraints) =>
    out.push(
      script(`recommendations/${id}`, "recommendations", [turn(say, [understood(), showsProducts(1), ...expect], c)]),
    );
  const many = (id: string, turns: Turn[]) => out.push(script(`recommendations/${id}`, "recommendations", turns));
  const has = (c: Constraints, test?: (p: FakeProduct) => boolean, min = 1) => cat.satisfying(c, test).length >= min;

  one("recipient/aunt-christmas", "what should i get my aunt for christmas", [grownUp]);
  one("recipient/grandson-8", "present for my grandson, hes 8", [child]);
  if (has({ priceMax: 15 }, forGrownUp))
    one("recipient/best-friend-birthday-15", "birthday present for my best friend, £15 max", [grownUp], {
      priceMax: 15,
    });
  one("recipient/boss", "something nice for my boss", [grownUp]);
  one("recipient/neighbour-thank-you", "a little thank you gift for my neighbour", [grownUp]);
  one("recipient/twelve-year-old", "what would a 12 year old like for their birthday", [twelve]);
  one("recipient/twins-5", "presents for twins, they're turning 5", [child]);
  if (has({ priceMax: 10 }, forHome))
    one("occasion/new-home-under-10", "gift for someone's new home, under £10", [home], { priceMax: 10 });
  one("occasion/retirement", "retirement present for a colleague", [grownUp]);
  one("occasion/mothers-day", "mother's day gift ideas", [grownUp]);

  // A budget said first, then the subject: the budget still holds.
  if (has({ priceMax: 8, productTypes: GARDEN }, undefined, 2))
    many("budget-first/8-pounds-then-garden", [
      turn("i've got £8", [understood()], { priceMax: 8 }),
      turn("something for the garden", [understood(), showsProducts(1)], { priceMax: 8, productTypes: GARDEN }),
    ]);
  if (has({ priceMax: 5 }, forGrownUp))
    many("budget-first/5-quid-then-sister", [
      turn("my budget is 5 quid", [understood()], { priceMax: 5 }),
      turn("it's for my sister", [understood(), showsProducts(1), grownUp], { priceMax: 5 }),
    ]);
  if (has({ priceMax: 3 }, (p) => forAChild(p) && adultOnly(p)))
    many("budget-first/3-pounds-then-nephew", [
      turn("i can spend about £3", [understood()], { priceMax: 3 }),
      turn("for my nephew, hes 6", [understood(), showsProducts(1), child], { priceMax: 3 }),
    ]);

  // Follow-ups that keep what was said.
  // "Loves cooking" names no product type: the budget is the constraint, cooking the subject.
  const cooking = everyProduct("for someone who loves cooking", forACook);
  if (has({ priceMax: 4 }, forACook, 4))
    many("follow-up/cooking-under-4-then-cheaper", [
      turn("presents for someone who loves cooking, under £4", [understood(), showsProducts(1), cooking], {
        priceMax: 4,
      }),
      turn("cheaper", [cheaperWhenThereIs(cat, forACook), cooking], { priceMax: 4 }),
    ]);
  if (has({ priceMax: 10 }, forGrownUp, 6))
    many("follow-up/aunt-tenner-something-else", [
      turn("birthday present for my aunt under a tenner", [understood(), showsProducts(1), grownUp], { priceMax: 10 }),
      turn("something else", [otherThanShown(), grownUp], { priceMax: 10 }),
    ]);
  if (has({ colour: "red" }, forGrownUp))
    many("follow-up/neighbour-then-in-red", [
      turn("housewarming present for my neighbour", [understood(), showsProducts(1), home]),
      turn("in red", [showsProducts(1)], { colour: "red" }),
    ]);
  if (has({ colour: "pink", priceMax: 12 }, forGrownUp))
    many("follow-up/mothers-day-12-then-pink", [
      turn("mothers day present, nothing over £12", [understood(), showsProducts(1), grownUp], { priceMax: 12 }),
      turn("anything in pink?", [showsProducts(1), grownUp], { priceMax: 12, colour: "pink" }),
    ]);
  if (has({ titleIncludes: ["lantern"] }, small))
    many("follow-up/lanterns-gift-then-smaller", [
      turn("lanterns as a present for my gran", [understood(), showsProducts(1)], { titleIncludes: ["lantern"] }),
      turn("smaller ones?", [showsProducts(1), everyProduct("a small lantern", small)], { titleIncludes: ["lantern"] }),
    ]);
  if (has({ titleIncludes: ["coffee"] }, undefined, 3))
    many("follow-up/coffee-lover-another-like-the-first", [
      turn("gift for a coffee lover", [understood(), showsProducts(1)]),
      turn("another one like the first", [showsProducts(1), likeTheFirst()]),
    ]);
  if (has({ priceMax: 5 }, (p) => forAChild(p) && adultOnly(p), 4))
    many("follow-up/grandson-fiver-then-cheaper", [
      turn("christmas present for my grandson, up to a fiver", [understood(), showsProducts(1), child], {
        priceMax: 5,
      }),
      turn("any cheaper?", [cheaperWhenThereIs(cat, (p) => forAChild(p) && adultOnly(p)), child], { priceMax: 5 }),
    ]);
  if (has({ priceMin: 20, priceMax: 40 }, forGrownUp))
    one("occasion/retirement-20-to-40", "leaving do for my boss who's retiring, between £20 and £40", [grownUp], {
      priceMin: 20,
      priceMax: 40,
    });
  return out;
}

// ---- Orders ------------------------------------------------------------------------------

function shopDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

interface Region {
  min: number;
  max: number;
}

const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "));
const REGION_WORD: Record<string, string> = {
  CH: "Switzerland",
  NO: "Norway",
  US: "United States",
  CA: "Canada",
  AU: "Australia",
};

/** The delivery times by destination, read from the shipping policy's text. */
function regionsOf(world: World): (country: string | null) => Region | null {
  const body = world.policies.find((p) => p.title === "Shipping policy")?.body.replace(/<[^>]+>/g, " ") ?? "";
  const uk = /takes (\d+)-(\d+) business days/.exec(body);
  const abroad = [...body.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days/g)];
  if (!uk || abroad.length < 3) throw new Error("dev-3 set: the shipping policy's times are not where they were");
  return (country) => {
    if (country === "GB") return { min: Number(uk[1]), max: Number(uk[2]) };
    const name = country && EU.has(country) ? "EU" : country ? REGION_WORD[country] : undefined;
    const m = name && abroad.find((r) => new RegExp(`\\b${name}\\b`).test(r[1]));
    return m ? { min: Number(m[2]), max: Number(m[3]) } : null;
  };
}

const numberOf = (o: FakeOrder) => o.name.replace("#", "");
const shipped = (o: FakeOrder) => o.fulfillments.length > 0;
const trackingOf = (o: FakeOrder) => o.fulfillments[0]?.trackingInfo[0]?.number ?? null;
const listable = (o: FakeOrder) =>
  o.lineItems.length <= 10 && new Set(o.lineItems.map((l) => l.title)).size === o.lineItems.length;

const SHIPPED_WORDS = /shipped|dispatched|on its way|sent|left us|in transit/i;
const NOT_SHIPPED_WORDS =
  /not (yet )?(been )?(shipped|dispatched|sent|left)|(hasn't|has not|haven't|have not) (yet )?(been )?(shipped|dispatched|sent|left)|not shipped|yet to (ship|be shipped|be dispatched)|being (packed|prepared)|unfulfilled/i;

function leftChecks(o: FakeOrder): Check[] {
  return shipped(o)
    ? [aboutOrder(o.name), says(SHIPPED_WORDS), doesNotSay(NOT_SHIPPED_WORDS), noHandoff()]
    : [aboutOrder(o.name), says(NOT_SHIPPED_WORDS), noHandoff()];
}

function changeChecks(o: FakeOrder): Check[] {
  return shipped(o)
    ? [aboutOrder(o.name), says(SHIPPED_WORDS), says(/return/i)]
    : [aboutOrder(o.name), handsOff("any")];
}

function orders(world: World, earlier: Earlier): Script[] {
  const regionOf = regionsOf(world);
  const delivery = (o: FakeOrder) => {
    const region = regionOf(o.shippingCountry);
    if (!region) return null;
    const base = shopDate(shipped(o) ? o.fulfillments[0].createdAt : world.now, world.shop.timezone);
    return { earliest: addBusinessDays(base, region.min), latest: addBusinessDays(base, region.max) };
  };
  const deliveryChecks = (o: FakeOrder): Check[] => {
    const window = delivery(o);
    return window
      ? [aboutOrder(o.name), estimatesDelivery(window.earliest, window.latest), says(/estimat/i), noHandoff()]
      : [aboutOrder(o.name), noDeliveryEstimate(), noHandoff()];
  };
  const itemsCheck = (o: FakeOrder) => listsItems(o.lineItems.map((l) => ({ title: l.title, quantity: l.quantity })));
  const fresh = (o: FakeOrder) =>
    !o.cancelledAt &&
    !earlier.orderNumbers.has(numberOf(o)) &&
    !(o.email && earlier.emails.has(o.email.toLowerCase())) &&
    !(o.customerId && earlier.customers.has(o.customerId.split("/").pop()!));

  // A logged-in customer's latest order is the one "my order" means (no tie on the date).
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const o of world.orders)
    if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  const latest: FakeOrder[] = [];
  for (const list of byCustomer.values()) {
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    if (list.length > 1 && list[0].createdAt === list[1].createdAt) continue;
    latest.push(list[0]);
  }
  const used = new Set<string>();
  const usedCustomers = new Set<string>();
  const pick = (list: FakeOrder[], test: (o: FakeOrder) => boolean, salt: string) => {
    const found = shuffled(
      list.filter((o) => fresh(o) && test(o) && !used.has(o.id) && !usedCustomers.has(o.customerId ?? o.id)),
      (o) => o.id,
      salt,
    )[0];
    if (found) {
      used.add(found.id);
      usedCustomers.add(found.customerId ?? found.id);
    }
    return found ? [found] : [];
  };
  const mine = (test: (o: FakeOrder) => boolean, salt: string) =>
    pick(
      latest.filter((o) => fresh(o)),
      test,
      salt,
    );
  const theirs = (test: (o: FakeOrder) => boolean, salt: string) =>
    pick(
      world.orders.filter((o) => !!o.email),
      test,
      salt,
    );
  const as = (o: FakeOrder) => ({ customerId: o.customerId!.split("/").pop()! });
  const found = (o: FakeOrder) => [showsOrder(o.name), noHandoff()];
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], extra: Partial<Script> = {}) =>
    out.push(script(`orders/${id}`, "orders", turns, extra));

  // Logged in.
  mine(shipped, "any-news").forEach((o) =>
    add(
      "order-followup/logged-in-any-news",
      [turn("any news on my order", [showsOrder(o.name), ...leftChecks(o)])],
      as(o),
    ),
  );
  mine((o) => shipped(o) && !!trackingOf(o), "did-it-ship-tracking").forEach((o) =>
    add(
      "order-followup/logged-in-did-my-stuff-ship-tracking",
      [
        turn("did my stuff ship", [showsOrder(o.name), ...leftChecks(o)]),
        turn("what's the tracking", [aboutOrder(o.name), showsTracking(trackingOf(o)!), noHandoff()]),
      ],
      as(o),
    ),
  );
  mine((o) => shipped(o) && o.shippingCountry === "GB" && delivery(o) !== null, "whens-it-due").forEach((o) =>
    add(
      "order-followup/logged-in-whens-it-due",
      [turn("hi there, checking on my order", [showsOrder(o.name)]), turn("when's it due", deliveryChecks(o))],
      as(o),
    ),
  );
  mine((o) => !shipped(o), "add-to-it").forEach((o) =>
    add(
      "order-followup/logged-in-can-i-still-add-to-it",
      [
        turn("has my order gone yet", [showsOrder(o.name), ...leftChecks(o)]),
        turn("can i still add to it", changeChecks(o)),
      ],
      as(o),
    ),
  );
  mine(shipped, "cancel-pls").forEach((o) =>
    add(
      "order-followup/logged-in-cancel-pls-shipped",
      [turn("did my order go off ok", [showsOrder(o.name)]), turn("cancel pls", changeChecks(o))],
      as(o),
    ),
  );
  mine(listable, "remind-me").forEach((o) =>
    add(
      "order-followup/logged-in-remind-me-what-i-ordered",
      [turn("remind me what i ordered last time", [showsOrder(o.name), itemsCheck(o), noHandoff()])],
      as(o),
    ),
  );

  // Guests: an order number and the email on it.
  theirs(shipped, "guest-any-news").forEach((o) =>
    add("verification/guest-any-news-number-then-email", [
      turn("any news on my order", [noOrder(), says(/number/i)]),
      turn(`it's ${numberOf(o)}`, [noOrder(), says(/email/i)]),
      turn(o.email!, [...found(o), ...leftChecks(o)]),
    ]),
  );
  theirs((o) => shipped(o) && !!trackingOf(o), "guest-tracking").forEach((o) =>
    add("order-followup/guest-whats-the-tracking", [
      turn(`whats the tracking for ${numberOf(o)}? email is ${o.email}`, [...found(o), showsTracking(trackingOf(o)!)]),
    ]),
  );
  theirs((o) => delivery(o) !== null && o.shippingCountry !== "GB", "guest-due-abroad").forEach((o) =>
    add("order-followup/guest-whens-it-due-abroad", [
      turn(`order ${numberOf(o)}, ${o.email}`, found(o)),
      turn("when's it due", deliveryChecks(o)),
    ]),
  );
  theirs((o) => !shipped(o), "guest-cancel").forEach((o) =>
    add("order-followup/guest-cancel-pls-unshipped", [
      turn(`${numberOf(o)} / ${o.email}`, found(o)),
      turn("cancel pls", changeChecks(o)),
    ]),
  );
  theirs(shipped, "guest-capitals").forEach((o) =>
    add("verification/guest-email-in-capitals", [
      turn(`did my stuff ship? order ${numberOf(o)}`, [noOrder(), says(/email/i)]),
      turn(o.email!.toUpperCase(), [...found(o), ...leftChecks(o)]),
    ]),
  );
  theirs(shipped, "guest-three-wrong").forEach((o) => {
    const wrong = (n: number) => o.email!.replace("@", `${n}@`);
    add("verification/guest-three-wrong-emails", [
      turn(`where is order ${numberOf(o)}`, [noOrder(), says(/email/i)]),
      turn(wrong(1), [noOrder()]),
      turn(wrong(2), [noOrder()]),
      turn(wrong(3), [noOrder(), handsOff("any")]),
    ]);
  });
  // Someone else's order number with the shopper's own email, then the right number.
  const other = theirs(shipped, "guest-other-number")[0];
  const stranger = other && world.orders.find((o) => o.email && o.email !== other.email && fresh(o) && !used.has(o.id));
  if (other && stranger)
    add("verification/guest-someone-elses-number-then-right", [
      turn(`order ${numberOf(stranger)} email ${other.email} - any news?`, [noOrder()]),
      turn(`sorry, i meant ${numberOf(other)}`, found(other)),
    ]);
  return out;
}

// ---- Products ----------------------------------------------------------------------------

/** A letter replaced by its neighbour on the keyboard, never the first, where no other shop word is near. */
const KEYBOARD: Record<string, string> = {
  a: "s",
  b: "n",
  c: "v",
  d: "f",
  e: "r",
  f: "g",
  g: "h",
  h: "j",
  i: "o",
  k: "l",
  l: "k",
  m: "n",
  n: "m",
  o: "p",
  p: "o",
  r: "t",
  s: "d",
  t: "y",
  u: "y",
  v: "b",
  w: "e",
  y: "t",
};

function typoOf(cat: Catalog, w: string, salt: string): string | null {
  const candidates: string[] = [];
  for (let i = 1; i < w.length; i++)
    if (KEYBOARD[w[i]]) candidates.push(w.slice(0, i) + KEYBOARD[w[i]] + w.slice(i + 1));
  const vocabulary = [...cat.vocabulary];
  const clear = (typo: string) =>
    !cat.vocabulary.has(typo) &&
    vocabulary.every((v) => stem(v) === stem(w) || Math.abs(v.length - typo.length) > 2 || editDistance(typo, v) > 2);
  return shuffled(candidates, (c) => c, salt).find(clear) ?? null;
}

function products(cat: Catalog, world: World): Script[] {
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], extra: Partial<Script> = {}) =>
    out.push(script(`products/${id}`, "products", turns, extra));
  const used = new Set<string>();
  const plain = cat.nameable.filter((p) => tokens(p.title).every((w) => w.length >= 3 && !STOPWORDS.has(w)));

  // Words out of order: the last word first ("holder heart white t-light" style).
  shuffled(plain, (p) => p.id, "reversed")
    .slice(0, 2)
    .forEach((p, i) => {
      used.add(p.id);
      const words = tokens(p.title);
      const said = [...words.slice(-1), ...words.slice(0, -1)].join(" ");
      add(`named/out-of-order-${i + 1}`, [
        turn(i ? `${said} - still available?` : `price of ${said}?`, [
          understood(),
          firstProduct(p.id),
          i ? statesStock(cat.inStock(p)) : says$(cat.price(p)),
        ]),
      ]);
    });

  // A keyboard slip in the longest word of the name.
  let slips = 0;
  for (const p of shuffled(plain, (x) => x.id, "slip")) {
    if (slips >= 3 || used.has(p.id)) continue;
    const words = tokens(p.title);
    const longest = [...words].sort((a, b) => b.length - a.length)[0];
    if (longest.length < 6) continue;
    const typo = typoOf(cat, longest, p.id);
    if (!typo) continue;
    used.add(p.id);
    slips++;
    const name = words.map((w) => (w === longest ? typo : w)).join(" ");
    add(`named/keyboard-slip-${slips}`, [
      turn(
        [`hw much is the ${name}`, `${name} - do you have it?`, `looking for the ${name}, what does it cost`][
          slips - 1
        ],
        [understood(), firstProduct(p.id), slips === 2 ? statesStock(cat.inStock(p)) : says$(cat.price(p))],
      ),
    ]);
  }

  // Questions the data does not answer: the bot must not invent the answer.
  const mug = shuffled(
    plain.filter((p) => !used.has(p.id) && /\bmug\b/i.test(p.title)),
    (p) => p.id,
    "dishwasher",
  )[0];
  if (mug) {
    used.add(mug.id);
    add("unknown/dishwasher-safe-mug", [
      turn(`how much is the ${mug.title.toLowerCase()}`, [understood(), firstProduct(mug.id), says$(cat.price(mug))]),
      turn("is it dishwasher safe", [
        understood(),
        admitsNotKnowing(/\b(it is|it's|yes[,!.]?)\s*(dishwasher|safe)|\bis dishwasher safe\b/i),
      ]),
    ]);
  }
  const candle = world.products.find((p) => p.title === "Vanilla candle");
  if (candle && !/\bsoy\b/i.test(candle.descriptionHtml))
    add("unknown/vanilla-candle-soy", [
      turn("is the vanilla candle made with soy wax", [
        understood(),
        firstProduct(candle.id),
        admitsNotKnowing(/\b(yes|it is|it's) (made (with|from) )?soy\b/i),
      ]),
    ]);
  const pot = world.products.find((p) => p.title === "White Ceramic Pot");
  if (pot && !/frost/i.test(pot.descriptionHtml))
    add("unknown/ceramic-pot-frost-proof", [
      turn("white ceramic pot - can it stay outside in winter, is it frost proof?", [
        understood(),
        firstProduct(pot.id),
        admitsNotKnowing(/\b(yes|it is|it's) frost[- ]?proof\b/i),
      ]),
    ]);

  // The sample products with variants: their options, and the stock of each.
  const byTitle = (title: string) => world.products.find((p) => p.title === title && p.variants.length > 1);
  const variant = (p: FakeProduct, value: string) =>
    p.variants.find((v) => v.selectedOptions.some((o) => o.value.toLowerCase() === value.toLowerCase()))!;
  const varsity = byTitle("Classic Varsity Top");
  if (varsity) {
    const sizes = varsity.options.find((o) => /size/i.test(o.name))!.values;
    const big = sizes[sizes.length - 1];
    add(
      "variants/varsity-top-sizes-on-its-page",
      [
        turn("what sizes does it come in?", [understood(), firstProduct(varsity.id), ...sizes.map(word)], {
          size: big,
        }),
        turn(`is the ${big.toLowerCase()} in stock`, [
          firstProduct(varsity.id),
          statesStock(variant(varsity, big).availableForSale),
        ]),
      ],
      { page: { type: "product", productId: varsity.id } },
    );
  }
  const gem = byTitle("Gemstone Necklace");
  if (gem) {
    const colours = gem.options.find((o) => /colou?r/i.test(o.name))!.values;
    const gone = colours.find((c) => !variant(gem, c).availableForSale);
    add("variants/gemstone-necklace-colours-then-stock", [
      turn("which colours does the gemstone necklace come in", [
        understood(),
        firstProduct(gem.id),
        ...colours.map(word),
      ]),
      ...(gone
        ? [turn(`can i get the ${gone.toLowerCase()} one`, [firstProduct(gem.id), word(gone), statesStock(false)])]
        : []),
    ]);
  }
  const anchor = byTitle("Anchor Bracelet Mens");
  if (anchor) {
    const [dear] = [...anchor.variants].sort((a, b) => Number(b.price) - Number(a.price));
    const value = dear.selectedOptions[0].value;
    add("variants/anchor-bracelet-one-colour-price", [
      turn(`how much is the mens anchor bracelet in ${value.toLowerCase()}`, [
        understood(),
        firstProduct(anchor.id),
        says$(Number(dear.price)),
      ]),
    ]);
  }
  const chakra = byTitle("7 Shakra Bracelet");
  if (chakra) {
    const gone = chakra.variants.find((v) => !v.availableForSale)?.selectedOptions[0].value;
    if (gone)
      add("variants/chakra-bracelet-misspelt-colour-sold-out", [
        turn(`do you have the chakra bracelet in ${gone.toLowerCase()}?`, [
          understood(),
          firstProduct(chakra.id),
          statesStock(false),
        ]),
      ]);
  }

  // A new subject after a search is a new search; a colour or a budget refines.
  const has = (c: Constraints, min = 1) => cat.satisfying(c).length >= min;
  if (has({ titleIncludes: ["hot water bottle"] }, 3) && has({ titleIncludes: ["hot water bottle"], colour: "blue" }))
    add("topic/hot-water-bottles-then-blue", [
      turn("hot water bottles", [showsProducts(1)], { titleIncludes: ["hot water bottle"] }),
      turn("any blue ones", [showsProducts(1)], { titleIncludes: ["hot water bottle"], colour: "blue" }),
    ]);
  if (has({ titleIncludes: ["cake stand", "cakestand"] }, 3) && has({ titleIncludes: ["doormat"] }, 3))
    add("topic/cake-stands-then-doormats-then-red", [
      turn("cake stands", [showsProducts(1)], { titleIncludes: ["cake stand", "cakestand"] }),
      turn("and doormats?", [understood(), showsProducts(1)], { titleIncludes: ["doormat"] }),
      ...(has({ titleIncludes: ["doormat"], colour: "red" })
        ? [turn("in red", [showsProducts(1)], { titleIncludes: ["doormat"], colour: "red" })]
        : []),
    ]);
  if (has({ titleIncludes: ["cushion"], priceMax: 4 }) && has({ titleIncludes: ["cushion"] }, 5))
    add("topic/cushions-then-under-4", [
      turn("show me cushions", [showsProducts(1)], { titleIncludes: ["cushion"] }),
      turn("only the ones under £4", [showsProducts(1)], { titleIncludes: ["cushion"], priceMax: 4 }),
    ]);
  return out;
}

// ---- The set ------------------------------------------------------------------------------

export const dev3: ScriptSet = (world) => {
  const earlier = earlierParts(world);
  const cat = catalogOf(world, earlier);
  return [...recommendations(cat), ...orders(world, earlier), ...products(cat, world)];
};
