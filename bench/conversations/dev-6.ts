import type { FakeOrder, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  cheaperThanShown,
  citesSource,
  doesNotSay,
  estimatesDelivery,
  everyProduct,
  firstProduct,
  handsOff,
  intentIs,
  listsItems,
  lowestPrice,
  money,
  noDeliveryEstimate,
  noHandoff,
  noOrder,
  noProducts,
  pricesAtMost,
  resolved,
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
import { dev3 } from "./dev-3";
import { dev4 } from "./dev-4";
import { dev5 } from "./dev-5";
import type { Category, Check, Constraints, Script, ScriptSet, Turn, World } from "./types";
import { budgetedTurn as turn, devPart, escapeRegExp, stem, tokens, usedBy } from "./part";

/**
 * The sixth part of the development set of `npm run eval:conversations`: shoppers whose first
 * language is not English ("i want know where is my order", "price is include tax?"), very
 * short messages ("candle?", "uk?", "white?", "cheaper?"), two questions in one message,
 * products named in part, misspelt, plural for singular or by a detail ("the one with the
 * owl"), policies asked as people talk ("can i send it back if i dont like it", "what if it
 * breaks", "how fast u ship to spain"), and orders interrupted by another question and taken
 * up again. Facts come from the demo store's data (catalog, orders, policies), never from the
 * assistant's answers; customers, orders and emails the earlier parts name are left out.
 * Ids are `dev6/<category>/<class>/<case>`.
 */

const { shuffled, script } = devPart("dev6");

// ---- Words -----------------------------------------------------------------------------

// ---- What the earlier parts already use ----------------------------------------------------

interface Earlier {
  customers: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
}

function earlierParts(world: World): Earlier {
  const scripts = [...dev(world), ...dev2(world), ...dev3(world), ...dev4(world), ...dev5(world)];
  return usedBy(scripts);
}

// ---- The catalog ---------------------------------------------------------------------------

interface Catalog {
  products: FakeProduct[];
  inStock: (p: FakeProduct) => boolean;
  /** The price a card shows: the cheapest variant that can be bought, else the cheapest. */
  price: (p: FakeProduct) => number;
  satisfying: (c: Constraints, test?: (p: FakeProduct) => boolean) => FakeProduct[];
  /** The one product whose title carries all these words (singular or plural), else null. */
  only: (words: string[]) => FakeProduct | null;
}

function catalogOf(world: World): Catalog {
  const products = world.products.filter((p) => lowestPrice(p) > 0);
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const price = (p: FakeProduct) => {
    const buyable = p.variants.filter((v) => v.availableForSale);
    return Math.min(...(buyable.length ? buyable : p.variants).map((v) => Number(v.price)));
  };
  const stems = new Map(products.map((p) => [p.id, new Set(tokens(p.title).map(stem))]));
  return {
    products,
    inStock,
    price,
    satisfying: (c, test) =>
      products.filter((p) => inStock(p) && violation(p, price(p), c) === null && (!test || test(p))),
    only: (words) => {
      const wanted = words.map(stem);
      const found = products.filter((p) => wanted.every((w) => stems.get(p.id)!.has(w)));
      return found.length === 1 ? found[0] : null;
    },
  };
}

// Who a present is for, read from the product as the shop holds it (as dev-5 reads it).
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
const forABaby = (p: FakeProduct) =>
  /\b(baby|babies|bib|nursery|christening|newborn|teddy)\b/i.test(p.title) || (forAChild(p) && adultOnly(p));
const forAGardener = (p: FakeProduct) =>
  ["Garden", "Outdoor"].includes(p.productType) ||
  /\b(garden\w*|plant\w*|watering|trowel|seeds?|flower ?pots?|herbs?|bird ?(feeder|house|table))\b/i.test(p.title);
const forChristmas = (p: FakeProduct) =>
  p.productType === "Christmas" ||
  /\b(christmas|xmas|advent|santa|reindeer|snowflake|bauble|stocking)\b/i.test(p.title);
const forAChildOnly = (p: FakeProduct) => forAChild(p) && adultOnly(p);

const child = everyProduct("for a child", forAChildOnly);
const grownUp = everyProduct("a present for a grown-up (not a child's thing, a card or wrap)", forGrownUp);
const home = everyProduct("for a new home", forHome);

const titled = (...words: string[]) => {
  const pattern = new RegExp(`\\b(${words.map(escapeRegExp).join("|")})`, "i");
  return (p: FakeProduct) => pattern.test(p.title);
};

/** Cheaper than the dearest card shown before, and at least one card when the catalog has one. */
function cheaperWhenThereIs(cat: Catalog, c: Constraints, test?: (p: FakeProduct) => boolean): Check {
  return (reply, world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.products!.map((p) => Number(p.price.amount)));
    const cheaper = cat.satisfying(c, test).filter((p) => cat.price(p) < ceiling);
    if (cheaper.length && !reply.products?.length)
      return `no cards, though ${cheaper.length} in stock cost less than ${ceiling} (${cheaper[0].title})`;
    return cheaperThanShown()(reply, world, previous);
  };
}

/** Among the cards, one that satisfies `test` (each kind asked for in one message is shown). */
function someProduct(describe: string, test: (p: FakeProduct) => boolean): Check {
  return (reply, world) =>
    (reply.products ?? []).some((card) => {
      const p = world.byId.get(card.productId);
      return !!p && test(p);
    })
      ? null
      : `no card that is ${describe}; cards: ${JSON.stringify((reply.products ?? []).map((p) => p.title))}`;
}

// ---- Recommendations and products with constraints ----------------------------------------

function recommendations(cat: Catalog): Script[] {
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], category: Category = "recommendations") =>
    out.push(script(`${category}/${id}`, category, turns));
  const has = (c: Constraints, test?: (p: FakeProduct) => boolean, min = 1) => cat.satisfying(c, test).length >= min;
  /** The constraint leaves out something the shopper would otherwise see: it has to be applied. */
  const bites = (c: Constraints, wider: Constraints, test?: (p: FakeProduct) => boolean) =>
    has(c, test) && cat.satisfying(wider, test).some((p) => violation(p, cat.price(p), c) !== null);

  // Simple grammar, "not more than", then a one-word colour, then "cheaper?".
  const mug: Constraints = { titleIncludes: ["mug"], priceMax: 5 };
  if (bites(mug, { titleIncludes: ["mug"] }, forGrownUp) && has({ ...mug, colour: "blue" }, forGrownUp))
    add("non-native/mug-for-father-not-more-than-5-then-blue-then-cheaper", [
      turn("i want buy mug for my father, not more than 5 pound", [understood(), showsProducts(1), grownUp], mug),
      turn("blue?", [showsProducts(1), grownUp], { ...mug, colour: "blue" }),
      turn("cheaper?", [cheaperWhenThereIs(cat, { ...mug, colour: "blue" }, forGrownUp)], { ...mug, colour: "blue" }),
    ]);

  // One word at a time: a kind, a budget, a colour.
  const candle: Constraints = { titleIncludes: ["candle"] };
  if (bites({ ...candle, priceMax: 2 }, candle) && has({ ...candle, priceMax: 2, colour: "white" }))
    add("short/candle-then-under-2-then-white", [
      turn("candle?", [understood(), showsProducts(1)], candle),
      turn("under 2?", [showsProducts(1)], { ...candle, priceMax: 2 }),
      turn("white?", [showsProducts(1)], { ...candle, priceMax: 2, colour: "white" }),
    ]);

  // A teacher, a range written "3 to 6 pound", then a kind of thing in the same range.
  const range: Constraints = { priceMin: 3, priceMax: 6 };
  if (has(range, forGrownUp, 3) && has({ ...range, titleIncludes: ["frame"] }))
    add("non-native/teacher-3-to-6-then-photo-frame", [
      turn("need present for teacher of my son. 3 to 6 pound", [understood(), showsProducts(1), grownUp], range),
      turn("maybe photo frame?", [understood(), showsProducts(1)], { ...range, titleIncludes: ["frame"] }),
    ]);

  // "cheap" for a child: no figure, so at most the median price of what the shop has for a child.
  const forKids = cat
    .satisfying({}, forAChildOnly)
    .map((p) => cat.price(p))
    .sort((a, b) => a - b);
  if (forKids.length >= 10)
    add("gift/boy-7-years-cheap", [
      turn("gift for boy 7 years old. cheap please", [
        understood(),
        showsProducts(1),
        child,
        pricesAtMost(forKids[Math.floor(forKids.length / 2)], "the median price of the shop's things for a child"),
      ]),
    ]);

  // A wedding, "20 pound maximum", then only white.
  const wedding: Constraints = { priceMax: 20 };
  if (has(wedding, forHome, 3) && has({ ...wedding, colour: "white" }, forHome))
    add("gift/wedding-20-maximum-then-white", [
      turn("is wedding of my friend, i need gift. 20 pound maximum", [understood(), showsProducts(1), home], wedding),
      turn("something white?", [showsProducts(1), home], { ...wedding, colour: "white" }),
    ]);

  // Christmas tree decorations under £2, then "more cheap?".
  if (has({ priceMax: 2 }, forChristmas, 3))
    add("non-native/christmas-tree-decoration-under-2-then-more-cheap", [
      turn(
        "decoration for christmas tree, under 2 pound",
        [understood(), showsProducts(1), everyProduct("for Christmas", forChristmas)],
        { priceMax: 2 },
      ),
      turn(
        "more cheap?",
        [cheaperWhenThereIs(cat, { priceMax: 2 }, forChristmas), everyProduct("for Christmas", forChristmas)],
        {
          priceMax: 2,
        },
      ),
    ]);

  // A baby shower, then a budget.
  if (has({ priceMax: 3 }, forABaby, 2))
    add("gift/baby-shower-then-under-3", [
      turn("baby shower gift, what you have?", [understood(), showsProducts(1), everyProduct("for a baby", forABaby)]),
      turn("under 3 pound?", [showsProducts(1), everyProduct("for a baby", forABaby)], { priceMax: 3 }),
    ]);

  // Two questions in one: a kind in a colour, and how much.
  const greenCushion: Constraints = { titleIncludes: ["cushion"], colour: "green" };
  if (has(greenCushion))
    add("two-in-one/cushion-green-and-how-much", [
      turn(
        "you have cushion in green? how much is",
        [
          understood(),
          showsProducts(1),
          // The price asked for is in the words too, not only on the cards.
          says(/£\d/),
        ],
        greenCushion,
      ),
    ]);

  // Jumbo bags under £2, then "red?".
  const jumbo: Constraints = { titleIncludes: ["jumbo"], priceMax: 2 };
  if (bites(jumbo, { titleIncludes: ["jumbo"] }) && has({ ...jumbo, colour: "red" }))
    add("short/jumbo-bag-under-2-then-red", [
      turn("jumbo bag under 2 pound", [understood(), showsProducts(1)], jumbo),
      turn("red?", [showsProducts(1)], { ...jumbo, colour: "red" }),
    ]);

  // A typo in the budget ("less then") for a lunch box, then pink.
  const lunch: Constraints = { titleIncludes: ["lunch box"], priceMax: 2 };
  if (bites(lunch, { titleIncludes: ["lunch box"] }))
    add("typo/lunch-box-less-then-2-then-pink", [
      turn("lunch box for my daugther less then 2 pound", [understood(), showsProducts(1)], lunch),
      ...(has({ ...lunch, colour: "pink" }) ? [turn("pink?", [showsProducts(1)], { ...lunch, colour: "pink" })] : []),
    ]);

  // "less then", the common misspelling of "less than", is a budget all the same.
  const teapots: Constraints = { titleIncludes: ["teapot"], priceMax: 6 };
  if (bites(teapots, { titleIncludes: ["teapot"] }))
    add("typo/teapot-less-then-6", [turn("teapot less then 6 pound", [understood(), showsProducts(1)], teapots)]);

  // A new home, "max 10 pound".
  if (has({ priceMax: 10 }, forHome, 3))
    add("gift/new-home-max-10", [
      turn("my brother buy new house, what i can give him? max 10 pound", [understood(), showsProducts(1), home], {
        priceMax: 10,
      }),
    ]);

  // Mum likes roses: a rose among the cards, every card under £8.
  if (has({ priceMax: 8, titleIncludes: ["rose"] }, forGrownUp))
    add("gift/mum-birthday-likes-roses-under-8", [
      turn(
        "birthday of my mum. she like roses very much. under 8",
        [understood(), showsProducts(1), grownUp, someProduct("with roses", titled("rose", "roses"))],
        { priceMax: 8 },
      ),
    ]);

  // A photo frame, white, max £5: three constraints in one message.
  const frame: Constraints = { titleIncludes: ["frame"], colour: "white", priceMax: 5 };
  if (bites(frame, { titleIncludes: ["frame"], colour: "white" }))
    add("budget/white-photo-frame-max-5", [
      turn("u have photo frame? white, max £5", [understood(), showsProducts(1)], frame),
    ]);

  // Between two figures for plates, then "same price" for bowls.
  const plates: Constraints = { titleIncludes: ["plate"], priceMin: 2, priceMax: 4 };
  const bowls: Constraints = { titleIncludes: ["bowl"], priceMin: 2, priceMax: 4 };
  if (bites(plates, { titleIncludes: ["plate"] }) && bites(bowls, { titleIncludes: ["bowl"] }))
    add("budget/plates-between-2-and-4-then-bowls-same-price", [
      turn("plates between 2 and 4 pounds", [understood(), showsProducts(1)], plates),
      turn("and bowls, same price?", [understood(), showsProducts(1)], bowls),
    ]);

  // Bunting under £3, then pink.
  const bunting: Constraints = { titleIncludes: ["bunting"], priceMax: 3 };
  if (bites(bunting, { titleIncludes: ["bunting"] }) && has({ ...bunting, colour: "pink" }))
    add("short/bunting-under-3-then-pink", [
      turn("bunting for party under 3£", [understood(), showsProducts(1)], bunting),
      turn("pink one?", [showsProducts(1)], { ...bunting, colour: "pink" }),
    ]);

  // A gardener, "not more 15".
  if (has({ priceMax: 15 }, forAGardener, 2))
    add("non-native/gardener-not-more-15", [
      turn(
        "what you have for person who love garden? not more 15 pound",
        [understood(), showsProducts(1), everyProduct("for a gardener", (p) => forAGardener(p) && forGrownUp(p))],
        { priceMax: 15 },
      ),
    ]);

  // A girl of 7, pink, under £4.
  if (has({ priceMax: 4, colour: "pink" }, forAChildOnly))
    add("gift/girl-7-pink-under-4", [
      turn("present for girl 7 year, she love pink, under 4 pound", [understood(), showsProducts(1), child], {
        priceMax: 4,
        colour: "pink",
      }),
    ]);

  // Two kinds in one message, the budget on the first.
  const teapot = (p: FakeProduct) => titled("teapot")(p);
  const mugs = (p: FakeProduct) => titled("mug")(p);
  if (has({ priceMax: 6 }, teapot) && has({}, mugs))
    add(
      "two-in-one/teapot-under-6-and-also-mugs",
      [
        turn(
          "you have teapot under 6 pound? and also mugs",
          [
            understood(),
            someProduct("a teapot", teapot),
            someProduct("a mug", mugs),
            everyProduct("a teapot under £6 or a mug", (p) => (teapot(p) && cat.price(p) <= 6) || mugs(p)),
          ],
          { titleIncludes: ["teapot", "mug"] },
        ),
      ],
      "products",
    );

  // "wreath?" then "cheaper one?".
  if (cat.satisfying({ titleIncludes: ["wreath"] }).length >= 4)
    add("short/wreath-then-cheaper-one", [
      turn("wreath?", [understood(), showsProducts(1)], { titleIncludes: ["wreath"] }),
      turn("cheaper one?", [cheaperWhenThereIs(cat, { titleIncludes: ["wreath"] })], { titleIncludes: ["wreath"] }),
    ]);

  // The mind changed: a vase first, then a candle holder under £3 instead.
  const holder: Constraints = { titleIncludes: ["holder"], priceMax: 3 };
  if (has({ titleIncludes: ["vase"] }) && bites(holder, { titleIncludes: ["holder"] }))
    add("changed-mind/vase-then-candle-holder-under-3", [
      turn("i look for vase for flowers", [understood(), showsProducts(1)], { titleIncludes: ["vase"] }),
      turn("no wait. better candle holder, under 3 pound", [understood(), showsProducts(1)], holder),
    ]);
  return out;
}

// ---- Named products --------------------------------------------------------------------

function namedProducts(cat: Catalog): Script[] {
  const out: Script[] = [];
  const add = (id: string, turns: Turn[]) => out.push(script(`products/named/${id}`, "products", turns));
  const $ = (amount: number) => says(money(amount));

  // "the one with the owl", after a kind was shown.
  const owl = cat.only(["owl", "doorstop"]);
  if (owl && cat.satisfying({ titleIncludes: ["doorstop"] }).length >= 4)
    add("the-one-with-the-owl-doorstop", [
      turn("doorstops?", [understood(), showsProducts(1)], { titleIncludes: ["doorstop"] }),
      turn("the one with the owl how much?", [firstProduct(owl.id), $(cat.price(owl))]),
    ]);

  // Misspelt two ways ("scotty", "botle"), asked in stock.
  const scottie = cat.only(["scottie", "dog", "hot", "water", "bottle"]);
  if (scottie)
    add("misspelt-scotty-dog-hot-water-botle-stock", [
      turn("scotty dog hot water botle, you have in stock?", [
        understood(),
        firstProduct(scottie.id),
        statesStock(cat.inStock(scottie)),
      ]),
    ]);

  // "tea pot" in two words, "with the roses".
  const regency = cat.only(["regency", "teapot", "roses"]);
  if (regency)
    add("regency-tea-pot-with-roses-price", [
      turn("regency tea pot with roses price?", [understood(), firstProduct(regency.id), $(cat.price(regency))]),
    ]);

  // One word for two ("bean bag").
  const beanbag = cat.only(["black", "beanbag"]);
  if (beanbag)
    add("black-bean-bag-two-words", [
      turn("black bean bag how much", [understood(), firstProduct(beanbag.id), $(cat.price(beanbag))]),
    ]);

  // "trowel price?" among several, then "the big one for adults".
  const trowel = cat.only(["gardening", "hand", "trowel"]);
  if (trowel && cat.products.filter(titled("trowel")).length >= 3)
    add("trowel-then-the-one-for-adults", [
      turn("trowel price?", [understood(), showsProducts(1)], { titleIncludes: ["trowel"] }),
      turn("the big one, not for children", [firstProduct(trowel.id), $(cat.price(trowel))]),
    ]);

  // What it is made of, from the description (misspelt "earings").
  const galaxy = cat.only(["galaxy", "earrings"]);
  if (galaxy && /sterling silver/i.test(galaxy.descriptionHtml))
    add("galaxy-earings-made-of", [
      turn("galaxy earings what is made of?", [understood(), firstProduct(galaxy.id), says(/sterling silver/i)]),
    ]);

  const ocean = cat.only(["ocean", "blue", "shirt"]);
  if (ocean && /\bcotton\b/i.test(ocean.descriptionHtml) && !/cotton/i.test(ocean.title))
    add("ocean-blue-shirt-is-cotton", [
      turn("the ocean blue shirt is cotton?", [understood(), firstProduct(ocean.id), says(/\bcotton\b/i)]),
    ]);

  // Sold out, named in two words that the title writes as one ("arm chair").
  const armchair = cat.only(["pink", "armchair"]);
  if (armchair && !cat.inStock(armchair))
    add("pink-arm-chair-still-have", [
      turn("pink arm chair, you still have?", [understood(), firstProduct(armchair.id), statesStock(false)]),
    ]);

  // Two questions on one product: its price, and whether it is on offer (from what to what).
  const copper = cat.only(["copper", "light"]);
  const copperVariant = copper?.variants[0];
  if (copper && copper.variants.length === 1 && copperVariant?.compareAtPrice)
    add("copper-light-price-and-is-on-sale", [
      turn("copper light how much? is on sale?", [
        understood(),
        firstProduct(copper.id),
        $(Number(copperVariant.price)),
        $(Number(copperVariant.compareAtPrice)),
      ]),
    ]);

  // Plural for singular: "hand warmers with owls".
  const warmer = cat.only(["hand", "warmer", "owl"]);
  if (warmer)
    add("hand-warmers-with-owls-plural", [
      turn("hand warmers with owls, price?", [understood(), firstProduct(warmer.id), $(cat.price(warmer))]),
    ]);

  // A colour the description gives, misspelt name ("dream catcher neckles").
  const dream = cat.only(["dreamcatcher", "pendant", "necklace"]);
  if (dream && /turquoise/i.test(dream.descriptionHtml))
    add("dream-catcher-neckles-colour", [
      turn("dream catcher neckles what colour is", [understood(), firstProduct(dream.id), says(/turquoise/i)]),
    ]);

  // A size, short: the product, then "small have?".
  const varsity = cat.only(["varsity", "top"]);
  const small = varsity?.variants.find((v) =>
    v.selectedOptions.some((o) => /size/i.test(o.name) && o.value === "Small"),
  );
  if (varsity && small)
    add("varsity-top-then-small-have", [
      turn("varsity top price", [understood(), firstProduct(varsity.id), $(Number(small.price))]),
      turn("small have?", [statesStock(small.availableForSale)]),
    ]);
  return out;
}

// ---- Orders ------------------------------------------------------------------------------

const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "));
const REGION_WORD: Record<string, string> = {
  CH: "Switzerland",
  NO: "Norway",
  US: "United States",
  CA: "Canada",
  AU: "Australia",
};

function shopDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

/** The delivery times by destination, read from the shipping policy's text. */
function regionsOf(world: World): (country: string | null) => { min: number; max: number } | null {
  const body = world.policies.find((p) => p.title === "Shipping policy")?.body.replace(/<[^>]+>/g, " ") ?? "";
  const uk = /takes (\d+)-(\d+) business days/.exec(body);
  const abroad = [...body.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days/g)];
  if (!uk || abroad.length < 3) throw new Error("dev-6 set: the shipping policy's times are not where they were");
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
const trackingOf = (o: FakeOrder) => o.fulfillments[0]?.trackingInfo[0]?.number ?? null;
const listable = (o: FakeOrder) =>
  o.lineItems.length <= 10 && new Set(o.lineItems.map((l) => l.title)).size === o.lineItems.length;

const SHIPPED_WORDS = /shipped|dispatched|on its way|sent|left us|in transit/i;
const NOT_SHIPPED_WORDS =
  /not (yet )?(been )?(shipped|dispatched|sent|left)|(hasn't|has not|haven't|have not) (yet )?(been )?(shipped|dispatched|sent|left)|not shipped|yet to (ship|be shipped|be dispatched)|being (packed|prepared)|unfulfilled/i;
const statusChecks = (o: FakeOrder): Check[] =>
  shipped(o) ? [says(SHIPPED_WORDS), noHandoff()] : [says(NOT_SHIPPED_WORDS), noHandoff()];
const itemsCheck = (o: FakeOrder): Check =>
  listsItems(o.lineItems.map((l) => ({ title: l.title, quantity: l.quantity })));

function orders(world: World, earlier: Earlier): Script[] {
  const regionOf = regionsOf(world);
  const shipping =
    world.policies
      .find((p) => p.title === "Shipping policy")
      ?.body.replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ") ?? "";
  const euCost = /EU, Switzerland and Norway: \d+-\d+ business days, (£\d+\.\d\d)/.exec(shipping)?.[1];
  const delivery = (o: FakeOrder) => {
    const region = regionOf(o.shippingCountry);
    if (!region) return null;
    const base = shopDate(shipped(o) ? o.fulfillments[0].createdAt : world.now, world.shop.timezone);
    return { earliest: addBusinessDays(base, region.min), latest: addBusinessDays(base, region.max) };
  };
  const deliveryChecks = (o: FakeOrder): Check[] => {
    const window = delivery(o);
    return window
      ? [aboutOrder(o.name), estimatesDelivery(window.earliest, window.latest), noHandoff()]
      : [aboutOrder(o.name), noDeliveryEstimate(), noHandoff()];
  };
  /** Not yet shipped: a person can still change it; shipped: too late, a return is the way. */
  const changeChecks = (o: FakeOrder): Check[] =>
    shipped(o) ? [aboutOrder(o.name), says(SHIPPED_WORDS), says(/return/i)] : [aboutOrder(o.name), handsOff("any")];
  const fresh = (o: FakeOrder) =>
    !o.cancelledAt &&
    !earlier.orderNumbers.has(numberOf(o)) &&
    !(o.email && earlier.emails.has(o.email.toLowerCase())) &&
    !(o.customerId && earlier.customers.has(customerOf(o)));
  const used = new Set<string>();
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], extra: Partial<Script> = {}) =>
    out.push(script(`orders/${id}`, "orders", turns, extra));

  // Logged in: customers whose latest order is the only one at its moment.
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const o of world.orders)
    if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  const latest = [...byCustomer.values()]
    .map((list) => [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)))
    .filter((list) => list.every(fresh) && (list.length === 1 || list[0].createdAt !== list[1].createdAt))
    .map((list) => list[0]);
  const customer = (test: (o: FakeOrder) => boolean, salt: string) => {
    const found = shuffled(
      latest.filter((o) => !used.has(o.id) && test(o)),
      (o) => o.id,
      salt,
    )[0];
    if (found) used.add(found.id);
    return found ? [found] : [];
  };
  const as = (o: FakeOrder) => ({ customerId: customerOf(o) });

  // An order, a policy question in between, then back to the order.
  customer((o) => shipped(o) && listable(o), "order-spain-back").forEach((o) =>
    add(
      "interrupted/logged-in-order-then-spain-then-whats-inside",
      [
        turn("where my order?", [showsOrder(o.name), ...statusChecks(o)]),
        turn("ok. you ship to spain also?", [understood(), noProducts(), says(/\b(yes|we (do )?ship|deliver)/i)]),
        turn("ok back to my order, what is inside?", [itemsCheck(o), noHandoff()]),
      ],
      as(o),
    ),
  );
  customer((o) => shipped(o) && trackingOf(o) !== null && delivery(o) !== null, "arrive-candles-tracking").forEach(
    (o) =>
      add(
        "interrupted/logged-in-arrive-then-candles-then-tracking",
        [
          turn("my order is arrive when?", deliveryChecks(o)),
          turn("you have candles?", [understood(), showsProducts(1), noOrder()], { titleIncludes: ["candle"] }),
          turn("ok thanks. and tracking number for my order?", [
            aboutOrder(o.name),
            showsTracking(trackingOf(o)!),
            noHandoff(),
          ]),
        ],
        as(o),
      ),
  );
  customer(() => true, "short-my-order").forEach((o) =>
    add("short/logged-in-my-order", [turn("my order?", [showsOrder(o.name), ...statusChecks(o)])], as(o)),
  );
  customer((o) => listable(o), "what-i-buy").forEach((o) =>
    add(
      "non-native/logged-in-what-i-buy-last-time",
      [turn("what i buy last time?", [aboutOrder(o.name), itemsCheck(o), noHandoff()])],
      as(o),
    ),
  );
  customer(shipped, "sent-and-wrap").forEach((o) =>
    add(
      "two-in-one/logged-in-sent-and-gift-wrap",
      [
        turn(
          "hi did you send my things? also you have gift wrap?",
          [showsOrder(o.name), ...statusChecks(o), showsProducts(1)],
          { titleIncludes: ["wrap"] },
        ),
      ],
      as(o),
    ),
  );

  // Guests.
  const guest = (test: (o: FakeOrder) => boolean, salt: string) => {
    const found = shuffled(
      world.orders.filter((o) => !!o.email && fresh(o) && !used.has(o.id) && test(o)),
      (o) => o.id,
      salt,
    )[0];
    if (found) used.add(found.id);
    return found ? [found] : [];
  };
  if (euCost)
    guest((o) => delivery(o) !== null, "germany-between").forEach((o) =>
      add("interrupted/guest-order-then-germany-cost-then-when", [
        turn(`my order ${numberOf(o)}, email ${o.email}`, [showsOrder(o.name), noHandoff()]),
        turn("how much shipping to germany?", [understood(), noProducts(), says(euCost)]),
        turn("and my order, when arrive?", deliveryChecks(o)),
      ]),
    );
  guest((o) => shipped(o) && trackingOf(o) !== null, "i-want-know").forEach((o) =>
    add("non-native/guest-i-want-know-then-email-then-tracking", [
      turn(`i want know where is my order. number ${numberOf(o)}`, [noOrder(), says(/email/i)]),
      turn(`email is ${o.email}`, [showsOrder(o.name), ...statusChecks(o)]),
      turn("tracking?", [aboutOrder(o.name), showsTracking(trackingOf(o)!), noHandoff()]),
    ]),
  );
  guest((o) => !shipped(o), "wrong-mail-change").forEach((o) =>
    add("guest/wrong-mail-then-right-then-change-adress", [
      turn(`order nr ${numberOf(o)} mail: ${o.email!.replace(/@/, "1@")}`, [noOrder()]),
      turn(`sorry, correct is ${o.email}`, [showsOrder(o.name), ...statusChecks(o)]),
      turn("i can change adress?", changeChecks(o)),
    ]),
  );
  guest((o) => !shipped(o) && delivery(o) !== null, "arrive-and-cancel").forEach((o) => {
    const window = delivery(o)!;
    add("two-in-one/guest-when-arrive-and-can-cancel", [
      turn(`order ${numberOf(o)} / ${o.email} - when it arrive and i can still cancel it?`, [
        showsOrder(o.name),
        estimatesDelivery(window.earliest, window.latest),
        handsOff("any"),
      ]),
    ]);
  });
  guest((o) => shipped(o) && trackingOf(o) !== null, "tracking-first").forEach((o) =>
    add("short/guest-tracking-pls-then-both", [
      turn("tracking pls", [noOrder(), says(/number/i)]),
      turn(`nr ${numberOf(o)}, mail ${o.email}`, [aboutOrder(o.name), showsTracking(trackingOf(o)!), noHandoff()]),
    ]),
  );
  guest(() => true, "email-only").forEach((o) =>
    add("guest/no-number-only-email", [
      turn("where is my order", [noOrder(), says(/number/i)]),
      turn(`i dont have number, only email ${o.email}`, [noOrder(), says(/number/i), noHandoff()]),
    ]),
  );
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
  const plain = (title: string) =>
    (world.policies.find((p) => p.title === title)?.body ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  const shipping = plain("Shipping policy");
  const refund = plain("Refund policy");
  const terms = plain("Terms of service");
  const all = world.policies.map((p) => plain(p.title)).join(" ");
  const fact = (text: string, pattern: RegExp) => {
    const m = pattern.exec(text);
    if (!m) throw new Error(`dev-6 set: the policies no longer match ${pattern}`);
    return m[1];
  };
  const region = (label: RegExp) => {
    const m = [...shipping.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days, (£\d+\.\d\d)/g)].find((r) =>
      label.test(r[1]),
    );
    if (!m) throw new Error(`dev-6 set: the shipping policy gives nothing for ${label}`);
    return { min: m[2], max: m[3], cost: m[4] };
  };
  const range = (r: { min: string; max: string }) => says(new RegExp(`${r.min}\\s*(-|–|to)\\s*${r.max}`));
  const out: Script[] = [];
  const add = (id: string, turns: Turn[]) => out.push(script(`policies/${id}`, "policies", turns));
  const base = [understood(), noProducts()];

  add("talk/send-it-back-if-i-dont-like-it", [
    turn("can i send it back if i dont like it", [
      ...base,
      says(fact(refund, /within (\d+ days) of delivery/)),
      citesSource(/^Refund policy/),
    ]),
  ]);
  const eu = region(/\bEU\b/);
  add("talk/how-fast-u-ship-to-spain", [turn("how fast u ship to spain", [...base, range(eu)])]);
  const damagedDays = fact(refund, /tell us within (\d+ days)/);
  add("talk/what-if-it-breaks", [
    turn("what if it breaks", [...base, says(damagedDays), citesSource(/^Refund policy: Damaged or wrong items/)]),
  ]);
  const ukCost = fact(shipping, /costs (£\d+\.\d\d), free on orders over/);
  const us = region(/United States/);
  add("short/shipping-cost-then-uk-then-usa", [
    turn("shipping cost?", [...base]),
    turn("uk?", [...base, says(ukCost)]),
    turn("usa?", [...base, says(us.cost)]),
  ]);
  add("non-native/canada-how-much-and-how-long", [
    turn("i live in canada, how much i pay for ship and how long it take", [...base, says(us.cost), range(us)]),
  ]);
  add("non-native/when-i-get-money-back", [
    turn("when i get my money back after i return?", [
      ...base,
      says(fact(refund, /within (\d+ business days)/)),
      citesSource(/^Refund policy: Refunds/),
    ]),
  ]);
  if (/Prices include UK VAT/.test(terms))
    add("non-native/price-is-include-tax", [
      turn("price is include tax?", [
        ...base,
        says(/includ\w* (UK )?VAT|VAT (is )?included/i),
        citesSource(/^Terms of service/),
      ]),
    ]);
  if (/do not swap/i.test(refund))
    add("non-native/change-for-other-colour-after-receive", [
      turn("i can change for other colour after i receive?", [
        ...base,
        says(/new order/i),
        citesSource(/^Refund policy: Exchanges/),
      ]),
    ]);
  if (/gift cards[^.]*cannot be returned/i.test(refund))
    add("talk/gift-card-return", [
      turn("gift card i can return it?", [
        ...base,
        says(/cannot|can't|can not|not (be )?returnable|non-returnable|not able to/i),
        doesNotSay(/\byes\b/i),
        citesSource(/^Refund policy: Returns/),
      ]),
    ]);
  if (/customers outside the UK pay for return postage/i.test(refund))
    add("non-native/germany-who-pay-return-postage", [
      turn("i am in germany. who pay the post when i send back?", [
        ...base,
        says(/\b(you|customers?)\b[^.]*\bpay\b[^.]*\breturn (postage|shipping)/i),
        citesSource(/^Refund policy/),
      ]),
    ]);
  if (!/brazil/i.test(all))
    add("not-listed/send-to-brazil", [
      turn("you send to brazil?", [
        ...base,
        doesNotSay(/\byes\b|we (do )?(ship|deliver|send) to brazil/i),
        says(/(don't|do not|doesn't|does not|not|only)\b/i),
        citesSource(/^Shipping policy: Where we ship/),
      ]),
    ]);
  const dispatch = fact(shipping, /dispatched within (\d+ business day)/);
  add("non-native/order-today-arrive-france", [
    turn("if i order today when it arrive to france?", [...base, range(eu), says(dispatch)]),
  ]);
  if (!/cash|on delivery/i.test(all))
    add("not-said/cash-on-delivery", [
      turn("cash on delivery possible?", [...base, policyDoesNotSay(/\byes\b|we (accept|take|offer) cash/i)]),
    ]);
  if (!/klarna|pay later|instal?ments?/i.test(all))
    add("not-said/klarna", [
      turn("u take klarna? pay later", [...base, policyDoesNotSay(/\b(yes|we accept|you can pay)\b[^.]*klarna/i)]),
    ]);
  return out;
}

// ---- Handoff, out of scope, small talk -----------------------------------------------------

function others(): Script[] {
  const ok = [resolved(), noHandoff(), noProducts(), understood()];
  const refused = [intentIs(null), handsOff("offered"), noProducts(), noOrder()];
  return [
    script("small_talk/robot/real-person-or-computer", "small_talk", [
      turn("you are real person or computer?", [
        noHandoff(),
        noProducts(),
        understood(),
        says(/\b(assistant|bot|AI|virtual|automated|not a (real )?(person|human))\b/i),
      ]),
    ]),
    script("small_talk/robot/you-are-robot", "small_talk", [
      turn("you are robot?", [
        noHandoff(),
        noProducts(),
        understood(),
        says(/\b(assistant|bot|AI|virtual|automated|not a (real )?(person|human))\b/i),
      ]),
    ]),
    script("small_talk/greeting/good-morning-how-are-you", "small_talk", [
      turn("good morning, how are you today?", ok),
    ]),
    script("small_talk/thanks/you-very-helpful", "small_talk", [
      turn("candle?", [showsProducts(1)], { titleIncludes: ["candle"] }),
      turn("thank you very much, you very helpful", ok),
    ]),
    script("small_talk/bye/k-bye", "small_talk", [turn("k bye", ok)]),
    script("out_of_scope/joke/joke-pls", "out_of_scope", [turn("joke pls", [noProducts(), noOrder(), noHandoff()])]),
    script("out_of_scope/time/what-time-in-london", "out_of_scope", [turn("what time is in london now?", refused)]),
    script("out_of_scope/homework/essay", "out_of_scope", [
      turn("can you write for me essay about climate change", refused),
    ]),
    script("out_of_scope/football/best-team", "out_of_scope", [turn("who is best football team?", refused)]),
    script("handoff/requested/speak-with-human", "handoff", [
      turn("i want speak with human please", [handsOff("requested")]),
    ]),
    script("handoff/complaint/three-weeks-nothing-come", "handoff", [
      turn("3 week i wait and nothing come!!! very bad service", [understood(), handsOff("any"), noProducts()]),
    ]),
    script("handoff/rude/stupid-bot-asked-3-times", "handoff", [
      // Not the out-of-scope refusal: a complaint about the bot itself is in scope.
      turn("ur bot is stupid, i ask 3 times already", [understood(), handsOff("any"), noProducts()]),
    ]),
  ];
}

// ---- The set ------------------------------------------------------------------------------

export const dev6: ScriptSet = (world) => {
  const earlier = earlierParts(world);
  const cat = catalogOf(world);
  return [...recommendations(cat), ...namedProducts(cat), ...orders(world, earlier), ...policies(world), ...others()];
};
