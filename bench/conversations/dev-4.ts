import type { FakeOrder, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  citesSource,
  doesNotSay,
  estimatesDelivery,
  handsOff,
  intentIs,
  lowestPrice,
  noDeliveryEstimate,
  noHandoff,
  noOrder,
  noProducts,
  resolved,
  says,
  showsOrder,
  showsProducts,
  understood,
  violation,
} from "./checks";
import { addBusinessDays, dev } from "./dev";
import { dev2 } from "./dev-2";
import { dev3 } from "./dev-3";
import type { Check, Constraints, Script, ScriptSet, Turn, World } from "./types";
import { devPart, stem, tokens, turn, usedBy } from "./part";

/**
 * The fourth part of the development set of `npm run eval:conversations`: a logged-in
 * customer's older orders ("what about order 581234", "the one before that", "my other
 * order"), order numbers as they are pasted ("Order #581234", "order no. 581234", "581 234"),
 * arrival abroad, a person or a complaint after an order answer; "what's popular", products
 * like or going with a named one, gift budgets with a colour; policy questions the policies do
 * not answer (an honest "it doesn't say" and a person) beside ones they do; typos, mixed
 * messages and rudeness. Facts come from the demo store's data; customers, orders and products
 * the earlier parts say are left out. Ids are `dev4/<category>/<class>/<case>`.
 */

const STOPWORDS = new Set(["of", "the", "and", "with", "in", "a", "an", "for", "set", "pack", "to", "on", "w", "s"]);

const { shuffled, script } = devPart("dev4");

// ---- What the earlier parts already use ----------------------------------------------------

interface Earlier {
  customers: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
  words: Set<string>;
}

function earlierParts(world: World): Earlier {
  const scripts = [...dev(world), ...dev2(world), ...dev3(world)];
  const { said, ...used } = usedBy(scripts);
  return {
    ...used,
    words: new Set(said.flatMap((text) => tokens(text).map(stem))),
  };
}

// ---- Orders ------------------------------------------------------------------------------

function shopDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
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
function regionsOf(world: World): (country: string | null) => { min: number; max: number } | null {
  const body = world.policies.find((p) => p.title === "Shipping policy")?.body.replace(/<[^>]+>/g, " ") ?? "";
  const uk = /takes (\d+)-(\d+) business days/.exec(body);
  const abroad = [...body.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days/g)];
  if (!uk || abroad.length < 3) throw new Error("dev-4 set: the shipping policy's times are not where they were");
  return (country) => {
    if (country === "GB") return { min: Number(uk[1]), max: Number(uk[2]) };
    const name = country && EU.has(country) ? "EU" : country ? REGION_WORD[country] : undefined;
    const m = name && abroad.find((r) => new RegExp(`\\b${name}\\b`).test(r[1]));
    return m ? { min: Number(m[2]), max: Number(m[3]) } : null;
  };
}

const numberOf = (o: FakeOrder) => o.name.replace("#", "");
const shipped = (o: FakeOrder) => o.fulfillments.length > 0;
const customerOf = (o: FakeOrder) => o.customerId!.split("/").pop()!;

const SHIPPED_WORDS = /shipped|dispatched|on its way|sent|left us|in transit/i;
const NOT_SHIPPED_WORDS =
  /not (yet )?(been )?(shipped|dispatched|sent|left)|(hasn't|has not|haven't|have not) (yet )?(been )?(shipped|dispatched|sent|left)|not shipped|yet to (ship|be shipped|be dispatched)|being (packed|prepared)|unfulfilled/i;

const statusChecks = (o: FakeOrder): Check[] =>
  shipped(o) ? [says(SHIPPED_WORDS), noHandoff()] : [says(NOT_SHIPPED_WORDS), noHandoff()];

/** A broken or wrong item: a person brought in for the complaint, or the damaged-items passage. */
const complaintAnswered: Check = (reply) =>
  reply.handoff?.reason === "complaint" ||
  (reply.sources ?? []).some((s) => /^Refund policy: Damaged or wrong items/.test(s.title))
    ? null
    : `neither a complaint handoff nor the damaged-items passage: handoff ${reply.handoff?.reason ?? "none"}, text ${JSON.stringify(reply.text.slice(0, 160))}`;

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
  const fresh = (o: FakeOrder) =>
    !o.cancelledAt &&
    !earlier.orderNumbers.has(numberOf(o)) &&
    !(o.email && earlier.emails.has(o.email.toLowerCase())) &&
    !(o.customerId && earlier.customers.has(customerOf(o)));
  const used = new Set<string>();
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], extra: Partial<Script> = {}) =>
    out.push(script(`orders/${id}`, "orders", turns, extra));

  // Logged-in customers with two or more orders, newest first, no tie on the dates.
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const o of world.orders)
    if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  const histories = shuffled(
    [...byCustomer.values()]
      .map((list) => [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)))
      .filter(
        (list) =>
          list.length >= 2 &&
          list.every(fresh) &&
          new Set(list.map((o) => o.createdAt)).size === list.length &&
          new Set(list.map((o) => o.createdAt.slice(0, 10))).size === list.length,
      ),
    (list) => list[0].id,
    "histories",
  );
  const history = (test: (list: FakeOrder[]) => boolean) => {
    const found = histories.find((list) => !list.some((o) => used.has(o.id)) && test(list));
    found?.forEach((o) => used.add(o.id));
    return found ? [found] : [];
  };
  const as = (o: FakeOrder) => ({ customerId: customerOf(o) });

  history((l) => l.length >= 2).forEach(([latest, older]) =>
    add(
      "older/by-number-logged-in",
      [turn(`what's happening with order ${numberOf(older)}?`, [showsOrder(older.name), ...statusChecks(older)])],
      as(latest),
    ),
  );
  history((l) => l.length >= 2).forEach(([latest, older]) =>
    add(
      "older/the-one-before-that",
      [
        turn("where's my latest order", [showsOrder(latest.name), noHandoff()]),
        turn("and the one before that?", [showsOrder(older.name), noHandoff()]),
      ],
      as(latest),
    ),
  );
  history((l) => l.length === 2).forEach(([latest, older]) =>
    add(
      "older/my-other-order",
      [
        turn("has my parcel been sent", [showsOrder(latest.name), ...statusChecks(latest)]),
        turn("what about my other order", [showsOrder(older.name), noHandoff()]),
      ],
      as(latest),
    ),
  );
  history((l) => l.length >= 2).forEach(([latest, older]) =>
    add(
      "older/second-latest-straight-away",
      [turn("status of my second most recent order please", [showsOrder(older.name), noHandoff()])],
      as(latest),
    ),
  );
  history((l) => l.length >= 2 && delivery(l[1]) !== null).forEach(([latest, older]) =>
    add(
      "older/older-order-arrival",
      [turn(`order ${numberOf(older)} - when should it turn up?`, deliveryChecks(older))],
      as(latest),
    ),
  );

  // Guests, the number as it is pasted or typed.
  // `reuse`: where no order the earlier parts left alone fits (few go abroad), one they named will do.
  const guest = (test: (o: FakeOrder) => boolean, salt: string, reuse = false) => {
    const pool = (ok: (o: FakeOrder) => boolean) =>
      shuffled(
        world.orders.filter((o) => !!o.email && !o.cancelledAt && ok(o) && !used.has(o.id) && test(o)),
        (o) => o.id,
        salt,
      )[0];
    const found = pool(fresh) ?? (reuse ? pool(() => true) : undefined);
    if (found) used.add(found.id);
    return found ? [found] : [];
  };
  guest(shipped, "pasted-hash").forEach((o) =>
    add("guest/pasted-from-email", [
      turn(`Order #${numberOf(o)}`, [noOrder(), says(/email/i)]),
      // Nothing was asked but the order: its status, not an answer to an unasked question.
      turn(`it's ${o.email}`, [showsOrder(o.name), ...statusChecks(o), doesNotSay(/cancel/i)]),
    ]),
  );
  guest(() => true, "order-no").forEach((o) =>
    add("guest/order-no-dot", [
      turn(`hi, order no. ${numberOf(o)}, email ${o.email} - where is it?`, [showsOrder(o.name), ...statusChecks(o)]),
    ]),
  );
  guest((o) => numberOf(o).length >= 6, "spaced").forEach((o) => {
    const n = numberOf(o);
    add("guest/number-with-a-space", [
      turn(`my order number is ${n.slice(0, 3)} ${n.slice(3)} and my email ${o.email}`, [
        showsOrder(o.name),
        noHandoff(),
      ]),
    ]);
  });

  // Arrival by destination.
  const destinations: [string, (c: string | null) => boolean][] = [
    ["us", (c) => c === "US"],
    ["canada", (c) => c === "CA"],
    ["australia", (c) => c === "AU"],
    ["switzerland", (c) => c === "CH"],
    ["norway", (c) => c === "NO"],
    ["eu", (c) => !!c && EU.has(c)],
  ];
  for (const [where, test] of destinations)
    guest((o) => test(o.shippingCountry) && delivery(o) !== null, `arrive-${where}`, true).forEach((o) =>
      add(`arrival/${where}`, [
        turn(`${o.email} order ${numberOf(o)}`, [showsOrder(o.name), noHandoff()]),
        turn("how long till it gets here?", deliveryChecks(o)),
      ]),
    );

  // A person, or a complaint, after an order answer.
  guest(shipped, "talk-about-it").forEach((o) =>
    add("after-answer/talk-to-someone-about-it", [
      turn(`${numberOf(o)} ${o.email}`, [showsOrder(o.name), noHandoff()]),
      turn("can i talk to someone about it", [handsOff("requested")]),
    ]),
  );
  guest(shipped, "arrived-broken").forEach((o) =>
    add("after-answer/it-arrived-broken", [
      turn(`where's order ${numberOf(o)}? my email is ${o.email}`, [showsOrder(o.name), noHandoff()]),
      turn("it arrived broken", [understood(), complaintAnswered]),
    ]),
  );
  history((l) => shipped(l[0])).forEach(([latest]) =>
    add(
      "after-answer/wrong-item-logged-in",
      [
        turn("did my last order ship", [showsOrder(latest.name), ...statusChecks(latest)]),
        turn("you sent me the wrong item", [understood(), complaintAnswered]),
      ],
      as(latest),
    ),
  );
  return out;
}

// ---- Recommendations ---------------------------------------------------------------------

interface Catalog {
  products: FakeProduct[];
  inStock: (p: FakeProduct) => boolean;
  price: (p: FakeProduct) => number;
  satisfying: (c: Constraints) => FakeProduct[];
  nameable: FakeProduct[];
}

function catalogOf(world: World, earlier: Earlier): Catalog {
  const products = world.products.filter((p) => lowestPrice(p) > 0);
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const price = (p: FakeProduct) => {
    const buyable = p.variants.filter((v) => v.availableForSale);
    return Math.min(...(buyable.length ? buyable : p.variants).map((v) => Number(v.price)));
  };
  const stems = new Map(products.map((p) => [p.id, new Set(tokens(p.title).map(stem))]));
  const sameTitle = new Map<string, number>();
  for (const p of world.products) sameTitle.set(p.title.toLowerCase(), (sameTitle.get(p.title.toLowerCase()) ?? 0) + 1);
  // A title only this product carries, with a word no earlier part said, and others sharing a word with it.
  const nameable = products.filter((p) => {
    const words = tokens(p.title);
    if (sameTitle.get(p.title.toLowerCase())! > 1 || words.length < 3 || words.length > 5) return false;
    if (/[+/*,&\d]/.test(p.title) || !inStock(p)) return false;
    const own = [...stems.get(p.id)!];
    if (own.every((w) => earlier.words.has(w))) return false;
    if (products.filter((q) => own.every((s) => stems.get(q.id)!.has(s))).length !== 1) return false;
    const content = [...contentWords(p.title)];
    return products.filter((q) => q.id !== p.id && content.some((w) => stems.get(q.id)!.has(w))).length >= 3;
  });
  return {
    products,
    inStock,
    price,
    satisfying: (c) => products.filter((p) => inStock(p) && violation(p, price(p), c) === null),
    nameable,
  };
}

// A size shared ("large", "small") makes no likeness.
const SIZES = new Set(["large", "small", "mini", "big", "jumbo", "medium"]);
const contentWords = (title: string) =>
  new Set(
    tokens(title)
      .map(stem)
      .filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !SIZES.has(w)),
  );

/** Some card other than `productId` shares a word of its title ("similar to"). */
function alikeTo(product: FakeProduct): Check {
  const words = contentWords(product.title);
  return (reply) =>
    (reply.products ?? []).some(
      (p) =>
        p.productId !== product.id &&
        tokens(p.title)
          .map(stem)
          .some((w) => words.has(w)),
    )
      ? null
      : `no card like ${product.title} (other than it); cards: ${JSON.stringify((reply.products ?? []).map((p) => p.title))}`;
}

/** At least one card is another product than the one named. */
function otherThan(product: FakeProduct): Check {
  return (reply) =>
    (reply.products ?? []).some((p) => p.productId !== product.id)
      ? null
      : `no card other than ${product.title}; cards: ${JSON.stringify((reply.products ?? []).map((p) => p.title))}`;
}

/** Cards like the one shown at `position` by the last turn that showed cards, other than it. */
function likeShown(position: number): Check {
  return (reply, _world, previous) => {
    const meant = [...previous].reverse().find((r) => r.products?.length)?.products?.[position];
    if (!meant) return `no card at position ${position + 1} earlier`;
    const words = contentWords(meant.title);
    return (reply.products ?? []).some(
      (p) =>
        p.productId !== meant.productId &&
        tokens(p.title)
          .map(stem)
          .some((w) => words.has(w)),
    )
      ? null
      : `no card like ${meant.title} (other than it); cards: ${JSON.stringify((reply.products ?? []).map((p) => p.title))}`;
  };
}

const childish = (p: FakeProduct) => /\b(child|children|childrens|childs|kids?|baby|toddler|bib)\b/i.test(p.title);
const isCard = (p: FakeProduct) => /\b(card|cards|wrap)\b/i.test(p.title) && p.productType === "Stationery & Wrap";

function recommendations(cat: Catalog): Script[] {
  const out: Script[] = [];
  const many = (id: string, turns: Turn[]) => out.push(script(`recommendations/${id}`, "recommendations", turns));
  const has = (c: Constraints, min = 1) => cat.satisfying(c).length >= min;
  const reasons: Check = (reply) =>
    (reply.products ?? []).every((p) => p.available) ? null : "a sold-out card among the suggestions";

  many("popular/whats-popular", [turn("what's popular at the moment?", [understood(), showsProducts(1), reasons])]);
  if (has({ priceMax: 5 }, 3))
    many("popular/bestsellers-under-5", [
      turn("bestsellers under £5", [understood(), showsProducts(1), reasons], { priceMax: 5 }),
    ]);
  if (has({ priceMax: 2 }, 3))
    many("popular/top-picks-then-under-2", [
      turn("what do people buy most", [understood(), showsProducts(1)]),
      turn("anything like that for under 2 pounds", [showsProducts(1)], { priceMax: 2 }),
    ]);

  const picks = shuffled(cat.nameable, (p) => p.id, "named");
  const [similar, goesWith] = picks;
  // "Like it but cheaper" only where a product sharing a word of its title costs less and is in stock.
  const similar2 = picks.slice(2).find((p) => {
    const words = contentWords(p.title);
    return cat.products.some(
      (q) =>
        q.id !== p.id &&
        cat.inStock(q) &&
        cat.price(q) < cat.price(p) &&
        tokens(q.title)
          .map(stem)
          .some((w) => words.has(w)),
    );
  });
  if (similar)
    many("named/similar-to", [
      turn(`something similar to the ${similar.title.toLowerCase()}`, [
        understood(),
        showsProducts(2),
        alikeTo(similar),
      ]),
    ]);
  if (goesWith)
    many("named/goes-with", [
      turn(`what goes with the ${goesWith.title.toLowerCase()}?`, [
        understood(),
        showsProducts(1),
        otherThan(goesWith),
      ]),
    ]);
  if (similar2)
    many("named/like-it-but-cheaper", [
      turn(
        `do you have anything like the ${similar2.title.toLowerCase()} but cheaper`,
        [understood(), showsProducts(1), otherThan(similar2), alikeTo(similar2)],
        { priceMax: cat.price(similar2) - 0.01 },
      ),
    ]);

  const grownUp = (reply: Parameters<Check>[0], world: World) => {
    const bad = (reply.products ?? []).filter((p) => {
      const product = world.byId.get(p.productId);
      return !product || childish(product) || isCard(product);
    });
    return bad.length
      ? `cards that are not a present for a grown-up: ${JSON.stringify(bad.map((p) => p.title))}`
      : null;
  };
  if (has({ priceMin: 5, priceMax: 10, colour: "blue" }))
    many("gift/5-to-10-in-blue", [
      turn("a gift between £5 and £10, preferably blue", [understood(), showsProducts(1), grownUp], {
        priceMin: 5,
        priceMax: 10,
        colour: "blue",
      }),
    ]);
  if (has({ priceMin: 3, priceMax: 8 }, 4) && has({ priceMin: 3, priceMax: 8, colour: "green" }))
    many("gift/3-to-8-then-any-in-green", [
      turn("present for my sister, something £3 to £8", [understood(), showsProducts(1), grownUp], {
        priceMin: 3,
        priceMax: 8,
      }),
      turn("any in green", [showsProducts(1)], { priceMin: 3, priceMax: 8, colour: "green" }),
    ]);
  if (has({ priceMax: 6 }, 4))
    many("gift/up-to-6-more-like-the-second", [
      turn("housewarming gift up to £6", [understood(), showsProducts(2), grownUp], { priceMax: 6 }),
      turn("more like the second one", [showsProducts(1), likeShown(1)], { priceMax: 6 }),
    ]);
  if (has({ priceMax: 15, colour: "pink" }))
    many("gift/under-15-pink-for-mum", [
      turn("pink birthday present for my mum, under 15 pounds", [understood(), showsProducts(1), grownUp], {
        priceMax: 15,
        colour: "pink",
      }),
    ]);
  return out;
}

// ---- Policies ----------------------------------------------------------------------------

/** The policies do not answer: the bot says so, invents no answer, and offers a person. */
function policyDoesNotSay(claim: RegExp): Check {
  const unsure =
    /(don't|do not|doesn't|does not|can't|cannot|couldn't) (know|say|have|see|find|confirm|tell|mention|cover)|not sure|no (details?|information|info)|isn't (listed|mentioned|covered)|not (listed|mentioned|stated|covered)/i;
  const person = /\b(team|person|someone|colleague|staff|human|ask (us|the shop)|contact us|get in touch)\b/i;
  return (reply) => {
    if (claim.test(reply.text) && !unsure.test(reply.text))
      return `claims what the policies do not say: ${JSON.stringify(reply.text.slice(0, 160))}`;
    if (!unsure.test(reply.text))
      return `does not say the policies don't say: ${JSON.stringify(reply.text.slice(0, 160))}`;
    if (!reply.handoff && !person.test(reply.text))
      return `offers no person: ${JSON.stringify(reply.text.slice(0, 160))}`;
    return null;
  };
}

function policies(world: World): Script[] {
  const body = (title: string) => world.policies.find((p) => p.title === title)?.body ?? "";
  const shipping = body("Shipping policy");
  const refund = body("Refund policy");
  const all = world.policies.map((p) => p.body).join(" ");
  const out: Script[] = [];
  const one = (id: string, say: string, expect: Check[]) =>
    out.push(script(`policies/${id}`, "policies", [turn(say, [understood(), noProducts(), ...expect])]));

  // Unanswered by the policies (each guarded: the words are absent from every policy).
  if (!/saturday|weekend/i.test(all))
    one("not-said/saturday-delivery", "do you deliver on saturdays", [
      policyDoesNotSay(/\b(yes|we do)\b[^.]*saturday|\bsaturday delivery (is|costs)/i),
    ]);
  if (!/collect (it )?(in|from) (the )?(store|shop)|click and collect|pick ?up|in store/i.test(all))
    one("not-said/collect-in-store", "can i collect in store", [policyDoesNotSay(/\byes\b|you can collect/i)]);
  if (!/price ?match/i.test(all))
    one("not-said/price-match", "do you price match", [policyDoesNotSay(/\b(yes|we do|we will) (price )?match/i)]);
  if (!/warrant|guarantee/i.test(all))
    one("not-said/warranty", "is there a warranty on things", [
      policyDoesNotSay(/\b(yes|comes with|has) (a )?(\d+[- ](year|month) )?warranty/i),
    ]);
  if (!/paypal/i.test(all))
    one("not-said/paypal", "can i pay with paypal?", [policyDoesNotSay(/\b(yes|we accept|you can pay)\b[^.]*paypal/i)]);

  // Answered by a passage.
  const refundDays = /within (\d+ business days)/.exec(refund)?.[1];
  if (refundDays)
    one("passage/refunds-how-long", "how long do refunds take to come through", [
      says(refundDays),
      citesSource(/^Refund policy: Refunds/),
    ]);
  const express = /Express delivery[^£]*(£\d+\.\d\d)/.exec(shipping)?.[1];
  if (express)
    one("passage/next-day-cost", "how much is next day delivery", [
      says(express),
      citesSource(/^Shipping policy: UK delivery/),
    ]);
  const freeOver = /free on orders over (£\d+)/.exec(shipping)?.[1];
  if (freeOver)
    one("passage/free-postage-threshold", "when is postage free?", [
      says(freeOver),
      citesSource(/^Shipping policy: UK delivery/),
    ]);
  return out;
}

// ---- Handoff, out of scope, small talk -----------------------------------------------------

function others(world: World, earlier: Earlier): Script[] {
  const ok = [resolved(), noHandoff(), noProducts(), understood()];
  const out: Script[] = [
    script("small_talk/typos/helo", "small_talk", [turn("helo", ok)]),
    script("small_talk/typos/thnks", "small_talk", [turn("thnks v much", ok)]),
    script("handoff/rude/useless-bot", "handoff", [turn("this bot is useless", [handsOff("any"), noProducts()])]),
    script("handoff/rude/rubbish-get-me-a-human", "handoff", [
      turn("ur rubbish. get me a human", [handsOff("requested")]),
    ]),
    script("out_of_scope/typos/wether", "out_of_scope", [
      turn("whats teh wether tomorow", [intentIs(null), handsOff("offered"), noProducts(), noOrder()]),
    ]),
    script("out_of_scope/homework", "out_of_scope", [
      turn("can you help with my maths homework", [intentIs(null), handsOff("offered"), noProducts(), noOrder()]),
    ]),
    script("out_of_scope/mixed/guest-thanks-also-order", "orders", [
      turn("thanks! also where's my order", [understood(), noOrder(), says(/number/i), noHandoff()]),
    ]),
  ];
  // A logged-in customer's one latest order, for the mixed thanks-and-order message.
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const o of world.orders)
    if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  const single = shuffled(
    [...byCustomer.values()].filter(
      (l) =>
        l.length === 1 &&
        !l[0].cancelledAt &&
        !earlier.customers.has(customerOf(l[0])) &&
        !earlier.orderNumbers.has(numberOf(l[0])),
    ),
    (l) => l[0].id,
    "mixed",
  )[0];
  if (single)
    out.push(
      script(
        "out_of_scope/mixed/logged-in-cheers-and-order",
        "orders",
        [
          turn("cheers for earlier, and has my order shipped yet?", [
            showsOrder(single[0].name),
            ...statusChecks(single[0]),
          ]),
        ],
        { customerId: customerOf(single[0]) },
      ),
    );
  return out;
}

// ---- The set ------------------------------------------------------------------------------

export const dev4: ScriptSet = (world) => {
  const earlier = earlierParts(world);
  const cat = catalogOf(world, earlier);
  return [...orders(world, earlier), ...recommendations(cat), ...policies(world), ...others(world, earlier)];
};
